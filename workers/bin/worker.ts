/**
 * The worker process: `npm start` runs one; `npm run worker` runs one alone (another machine, the same
 * database: DATABASE_APP_URL, or DATABASE_URL set to the application's role), taking every queue or only
 * those in WORKER_QUEUES. It never migrates: `npm start` does, as the owner.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { QUEUES, type QueueName } from '@pregon/core/queues'
import { bootPayload } from '@pregon/cms/worker'
import { createLogger } from '@pregon/core/createLogger'
import { createMailer } from '../src/providers/smtp/createMailer'
import { stopProducers } from '@pregon/core/boss'
import { createSocialProviders } from '../src/providers/socialProviders'
import { startWorker } from '../src/startWorker'

const loaded = loadConfig()
// Run alone with both URLs set, a worker connects as the application's role, like the one `npm start` runs.
const config = loaded.database.appUrl ? { ...loaded, database: { ...loaded.database, url: loaded.database.appUrl } } : loaded
const log = createLogger({ name: 'worker', level: config.logLevel, format: config.logFormat })
// `npm start` sets both for its own worker; a worker run alone needs them from the environment.
if (!config.database.url) refuse('DATABASE_URL no está definida: un trabajador aparte necesita la base de datos de Pregón (postgres://…).')
if (!config.mail.smtpUrl) refuse('SMTP_URL no está definida: un trabajador aparte necesita el servidor de correo (smtp://…).')

const queues = selectedQueues(config.workerQueues)
const payload = await bootPayload(config)
const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, connections: config.mail.connections, dkim: config.mail.dkim })
const networks = createSocialProviders(config)
const dryRuns = Object.values(networks).filter((provider) => provider.mode === 'dry-run').map((provider) => provider.channel)
if (dryRuns.length > 0) log.info({ networks: dryRuns }, 'no credentials for these networks: their posts are recorded as dry runs')
const settings = await payload.findGlobal({ slug: 'site-settings' }).catch(() => null)
const worker = await startWorker(
  { payload, config, log, networks, mailer, ...(settings?.timeZone ? { timeZone: settings.timeZone } : {}) },
  { databaseUrl: config.database.url, queues },
)
process.send?.({ type: 'ready' })

let stopping = false
async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  const force = setTimeout(() => process.exit(1), 15_000)
  force.unref()
  await worker.stop().catch((error: unknown) => log.error({ err: error }, 'worker stop failed'))
  await stopProducers()
  mailer.close()
  await payload.destroy().catch(() => {})
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
process.on('disconnect', () => {
  // The parent (npm start) is gone, and with it the reader of our stdout: a log line now could block on a
  // full pipe forever. Stop logging, then stop. (A next `npm start` also reaps a worker stuck anyway.)
  log.level = 'silent'
  payload.logger.level = 'silent'
  void shutdown()
})

function refuse(message: string): never {
  console.error(message)
  process.exit(1)
}

/** WORKER_QUEUES, checked: a misspelt queue would leave its jobs waiting forever. */
function selectedQueues(names: string[] | undefined): QueueName[] {
  const known = Object.values(QUEUES) as string[]
  if (!names) return known as QueueName[]
  const unknown = names.filter((name) => !known.includes(name))
  if (unknown.length > 0 || names.length === 0) {
    refuse(`WORKER_QUEUES: cola desconocida ${unknown.map((name) => `«${name}»`).join(', ') || '(vacía)'}. Colas: ${known.join(', ')}.`)
  }
  return names as QueueName[]
}
