/**
 * `npm start`: Pregón on one machine. Starts PostgreSQL (embedded unless DATABASE_URL is set), applies
 * migrations, seeds the demo once, builds the admin when its sources changed, then runs the admin,
 * the worker, the portal server and (without SMTP_URL) a local mail catcher, each its own process, watched
 * for its whole life and restarted if it dies (launcher/supervisor.ts). Ctrl-C or SIGTERM stops all of it.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isPortalCurrent } from '@pregon/site/publish'
import { getProducer, stopProducers } from '@pregon/core/boss'
import { QUEUES } from '@pregon/core/queues'
import { CHANNEL_LABELS, SOCIAL_CHANNELS, socialSpec } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { configOrExit } from './configOrExit'
import { buildAdmin, isAdminBuildCurrent } from './adminBuild'
import { busyPorts, busyPortsMessage, type NamedPort } from './busyPorts'
import { localBase } from './localBase'
import type { PrecompressReport } from './precompressAssets'
import { forgetService, reapOrphans, recordService } from './serviceRegistry'
// The subpath, not the package: the launcher itself never loads sharp.
import { IMAGE_PROCESS_ENV } from '@pregon/media/imageProcessEnv'
import { type Service, type ServiceOptions, spawnService } from './spawnService'
import { Supervisor } from './supervisor'
import { waitUntilReady } from './waitUntilReady'
import { writeServiceStatus } from '@pregon/core/ops/serviceStatus'
import { DEMO_PASSWORD, DEMO_USERS } from '@pregon/cms/seed/demoContent'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cmsDir = path.join(rootDir, 'cms')
const started = performance.now()
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
/** How long the launcher waits for readiness after starting the services before it reports what is missing. */
const READY_WAIT_MS = 180_000
const say = (message: string) => console.log(`[pregón ${seconds().padStart(5)} s] ${message}`)

const config = configOrExit('Pregón no puede iniciar')

// Every service is watched for its whole life: restarted with backoff, given up on in a crash loop.
const supervisor = new Supervisor({ say, onChange: (status) => void writeServiceStatus(config.dataDir, status).catch(() => {}) })
let shuttingDown = false
// Stops an admin build still running when Pregón is stopped (its helper processes included).
const buildStopper = new AbortController()

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true
    say('Deteniendo Pregón…')
    buildStopper.abort()
    // Reverse start order: servers first, PostgreSQL last, so nothing loses its database mid-request.
    await supervisor.stopAll()
    for (const service of supervisor.status().services) await forgetService(config.dataDir, service.name).catch(() => {})
    say('Detenido.')
  }
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
// `npm start` does not pass a SIGTERM on: npm exits and its shell with it, leaving this process to init. A
// changed parent is that SIGTERM (or a killed terminal): stop everything, as Ctrl-C would.
const parentAtStart = process.ppid
const parentWatch = setInterval(() => {
  if (process.ppid === parentAtStart) return
  clearInterval(parentWatch)
  say('El proceso que inició Pregón terminó (por ejemplo, `kill` a npm): se detiene todo.')
  void shutdown(0)
}, 500)
parentWatch.unref()

// Readable lines for people (a terminal, the journal, a log file); LOG_FORMAT=json for log collectors.
const logFormat = process.env.LOG_FORMAT ?? 'pretty'
const echo = (name: string) => (line: string) => console.log(`[${name}] ${line}`)

/** A service whose pid is on file until it stops, so a later start can stop it if this run is killed. */
function runService(options: ServiceOptions): Promise<Service> {
  return spawnService({ ...options, onSpawn: (pid) => void recordService(config.dataDir, options.name, pid).catch(() => {}) })
}

try {
  const reaped = await reapOrphans(config.dataDir)
  if (reaped.length > 0) say(`Se detuvieron procesos que una ejecución anterior dejó activos: ${reaped.join(', ')}.`)
  const ports: NamedPort[] = [
    { variable: 'CMS_PORT', port: config.cms.port },
    { variable: 'PORTAL_PORT', port: config.portal.port },
    ...(config.database.url ? [] : [{ variable: 'EMBEDDED_PG_PORT', port: config.database.embeddedPort }]),
    ...(config.mail.smtpUrl
      ? []
      : [
          { variable: 'MAILDEV_WEB_PORT', port: config.mail.catcherWebPort },
          { variable: 'MAILDEV_SMTP_PORT', port: config.mail.catcherSmtpPort },
        ]),
  ]
  const busy = await busyPorts(ports, config.bindHost)
  if (busy.length > 0) throw new Error(busyPortsMessage(busy))
  const secret = config.payloadSecret ?? (await demoSecret(config, 'payload-secret'))
  // Demo only: production without CREDENTIALS_KEY keeps credentials in the environment alone.
  const credentialsKey = config.credentialsKey ?? (config.isDemo ? await demoSecret(config, 'credentials-key') : undefined)
  const env: NodeJS.ProcessEnv = {
    // Every service may run sharp (uploads, seed, worker): glibc's allocator settings for it, unless set.
    ...IMAGE_PROCESS_ENV,
    ...process.env,
    DATA_DIR: config.dataDir,
    PAYLOAD_SECRET: secret,
    ...(credentialsKey ? { CREDENTIALS_KEY: credentialsKey } : {}),
    LOG_FORMAT: logFormat,
    // Services write to a pipe: colours only when this launcher itself writes to a terminal.
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
    NODE_ENV: 'production',
  }

  // The admin build needs no database: it runs while PostgreSQL starts and migrates.
  const adminReady = (async () => {
    if (await isAdminBuildCurrent(cmsDir)) return say('Administración: compilación al día.')
    say('Compilando la administración (la primera vez tarda varios minutos, más si el equipo está ocupado)…')
    const progress = setInterval(() => say('…sigue compilando la administración'), 15_000)
    let compressed: PrecompressReport
    try {
      compressed = await buildAdmin({
        cmsDir,
        env,
        signal: buildStopper.signal,
        onSpawn: (pid) => void recordService(config.dataDir, 'admin-build', pid).catch(() => {}),
      })
    } finally {
      clearInterval(progress)
      await forgetService(config.dataDir, 'admin-build').catch(() => {})
    }
    const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`
    say(`Administración compilada (${compressed.files} archivos de JS y CSS: ${kb(compressed.bytes)}, ${kb(compressed.brotliBytes)} con Brotli).`)
  })()
  // Awaited below, after PostgreSQL and the seed; a failure before then must not go unhandled.
  adminReady.catch(() => {})

  if (config.database.url) {
    env.DATABASE_URL = config.database.url
    say('Usando la base de datos de DATABASE_URL.')
  } else {
    say(`Iniciando PostgreSQL integrado (${path.relative(rootDir, config.database.embeddedDir) || config.database.embeddedDir})…`)
    const postgres = await supervisor.add({
      name: 'postgres',
      start: () => runService({ name: 'postgres', script: path.join(rootDir, 'launcher/runPostgres.ts'), env, readyTimeoutMs: 60_000, onOutput: echo('postgres') }),
    })
    env.DATABASE_URL = String(postgres.ready.url)
    say('PostgreSQL listo.')
  }

  if (!config.mail.smtpUrl) {
    await supervisor.add({
      name: 'mail-catcher',
      start: () => runService({ name: 'mail-catcher', script: path.join(rootDir, 'launcher/runMailCatcher.ts'), env, onOutput: echo('correo') }),
    })
    env.SMTP_URL = `smtp://127.0.0.1:${config.mail.catcherSmtpPort}`
  }

  say('Aplicando migraciones y datos de demostración…')
  // Seeding the demo resizes its photos: on a busy 2-core machine, next to the admin build, it takes minutes.
  const preparing = setInterval(() => say('…sigue preparando la base de datos'), 30_000)
  const prepare = await runService({ name: 'prepare', script: path.join(cmsDir, 'bin/prepare.ts'), env, readyTimeoutMs: 15 * 60_000, onOutput: echo('prepare') }).finally(() =>
    clearInterval(preparing),
  )
  await prepare.stop()
  await forgetService(config.dataDir, 'prepare')
  say(prepare.ready.seeded ? 'Base de datos lista, con contenido de demostración.' : 'Base de datos lista.')
  // From here on every service connects as the application's role, never as the owner (core/src/appRole.ts).
  env.DATABASE_URL = String(prepare.ready.appUrl)
  delete env.DATABASE_APP_URL
  // Content changes rebuild the portal through the queue; at start only a missing build or newer templates
  // (an upgrade) need one. The queue's 'stately' policy folds it into the seed's own rebuild.
  if (!(await isPortalCurrent(config.portalDir))) {
    await (await getProducer(env.DATABASE_URL)).send(QUEUES.rebuildPortal, { reason: 'startup' })
    await stopProducers()
  }

  await supervisor.add({
    name: 'portal',
    start: () => runService({ name: 'portal', script: path.join(rootDir, 'launcher/runPortal.ts'), env, onOutput: echo('portal') }),
  })
  // Without their database they cannot start: after a crash they wait for PostgreSQL to be back.
  const needs = config.database.url ? [] : (['postgres'] as const)
  await supervisor.add({
    name: 'worker',
    needs: [...needs],
    start: () => runService({ name: 'worker', script: path.join(rootDir, 'workers/bin/worker.ts'), env, onOutput: echo('worker') }),
  })

  await adminReady
  await supervisor.add({
    name: 'admin',
    needs: [...needs],
    start: () => runService({ name: 'admin', script: path.join(cmsDir, 'bin/serveAdmin.ts'), env, cwd: cmsDir, onOutput: echo('admin') }),
  })

  // «Listo» means ready: on a first start the worker is still building the portal (launcher/waitUntilReady.ts).
  const readiness = await waitUntilReady({
    url: `${localBase(config.bindHost, config.cms.port)}/api/ready`,
    timeoutMs: READY_WAIT_MS,
    onProgress: (problems) => say(`…esperando a que todo esté listo: ${problems[0] ?? 'sin respuesta'}`),
  })
  const lines = [
    '',
    readiness.isReady
      ? `Pregón está listo (${seconds()} s).`
      : [
          `Pregón arrancó (${seconds()} s), pero después de ${READY_WAIT_MS / 1000} s todavía no está listo:`,
          ...readiness.problems.map((problem) => `  - ${problem}`),
          '  Revisa el registro de arriba y `npm run status`.',
        ].join('\n'),
    `  Administración:   ${config.cms.url}/admin`,
    `  Portal:           ${config.portal.url}`,
    `  RSS:              ${config.portal.url}/rss.xml`,
    config.mail.smtpUrl
      ? `  Correo:           se envía por SMTP_URL`
      : `  Correo (local):   http://localhost:${config.mail.catcherWebPort}  (bandeja de prueba; nada sale a Internet)`,
    ...SOCIAL_CHANNELS.filter((channel) => socialSpec(channel).isOffered(config)).map((channel) =>
      `  ${`${CHANNEL_LABELS[channel]}:`.padEnd(18)}${
        socialSpec(channel).isLive(config) ? 'publica con las credenciales configuradas' : 'simulación (sin credenciales): ver «Difusiones» en la administración'
      }`,
    ),
  ]
  if (config.isDemo) {
    lines.push(`  Usuarios de demostración (contraseña «${DEMO_PASSWORD}»):`)
    for (const user of DEMO_USERS) lines.push(`    ${user.email.padEnd(24)} ${user.role}`)
  }
  lines.push('  Estado: npm run status   ·   Ctrl-C (o SIGTERM) para detener.', '')
  console.log(lines.join('\n'))
} catch (error) {
  console.error(`\nPregón no pudo iniciar: ${(error as Error).message}`)
  await shutdown(1)
}

/** Demo mode only: a random secret kept in the data folder, so sessions (and sealed credentials) survive restarts. */
async function demoSecret(c: Readonly<Config>, name: 'payload-secret' | 'credentials-key'): Promise<string> {
  const file = path.join(c.dataDir, name)
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim()
  const secret = randomBytes(32).toString('hex')
  await fs.mkdir(c.dataDir, { recursive: true })
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
