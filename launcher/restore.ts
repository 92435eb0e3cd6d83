/**
 * `npm run restore -- ARCHIVE`: puts a backup into an empty installation: an empty DATA_DIR with the
 * embedded PostgreSQL (started here), or an empty database at DATABASE_URL. Refuses, changing nothing, when
 * the target holds data or the archive is damaged. Run it with Pregón stopped; `npm start` afterwards
 * rebuilds the portal and starts the worker.
 */
import path from 'node:path'
import pg from 'pg'
import { getPayload, type Migration, type Payload } from 'payload'
import { stopProducers } from '@pregon/core/boss'
import type { Config } from '@pregon/core/loadConfig'
import { configOrExit } from './configOrExit'
import { isPregonError } from '@pregon/core/PregonError'
import { buildPayloadConfig } from '@pregon/cms/buildPayloadConfig'
import { migrations } from '@pregon/cms/migrations/index'
import { restoreBackup } from '@pregon/workers/backup/restoreBackup'
import { settleInFlightAfterRestore } from '@pregon/workers/backup/settleInFlightAfterRestore'
import { connectConfiguredDatabase, type EmbeddedConnection } from './embeddedPostgres'

const say = (message: string) => process.stderr.write(`[restauración] ${message}\n`)

const config = configOrExit('No se puede restaurar', (text) => say(text))
if (!process.argv[2]) {
  say('Indique el respaldo: npm run restore -- /ruta/pregon-AAAAMMDD-HHMMSS.tar')
  process.exit(2)
}
const archive = path.resolve(process.argv[2])

/**
 * Payload for the migrations only, and without `prodMigrations`: under NODE_ENV=production Payload would run
 * every migration at connect, before the archive's rows are in (the archive's own migrations must come first).
 */
async function bootForMigrations(c: Readonly<Config>): Promise<Payload> {
  const sanitized = await buildPayloadConfig(c)
  const init = sanitized.db.init
  const db = { ...sanitized.db, init: (args: Parameters<typeof init>[0]) => Object.assign(init(args), { prodMigrations: undefined }) }
  return getPayload({ config: { ...sanitized, db }, key: `restore:${c.database.url}` })
}

let connection: EmbeddedConnection | undefined
let pool: pg.Pool | undefined
let payload: Payload | undefined
let hasMigrated = false
let code = 0
try {
  connection = await connectConfiguredDatabase(config.database, say)
  const databaseUrl = connection.url
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const payloadConfig: Readonly<Config> = { ...config, logLevel: 'error', database: { ...config.database, url: databaseUrl } }
  const result = await restoreBackup({
    pool,
    archive,
    dataDir: config.dataDir,
    mediaDir: config.mediaDir,
    knownMigrations: migrations.map((m) => m.name),
    migrate: async (names) => {
      hasMigrated = true
      payload ??= await bootForMigrations(payloadConfig)
      // Payload's generated list types `up`/`down` more narrowly than the adapter's `Migration`.
      await payload.db.migrate({ migrations: migrations.filter((m) => names.includes(m.name)) as unknown as Migration[] })
    },
    progress: say,
  })
  const inFlight = await settleInFlightAfterRestore({ pool, databaseUrl, dataDir: config.dataDir, backupCreatedAt: new Date(result.label.createdAt) })
  if (inFlight.pausedMailings.length > 0) {
    say(`Envíos a prensa en curso en el respaldo, ahora en pausa (reanúdelos desde Difusiones cuando confirme qué salió): ${inFlight.pausedMailings.map((id) => `#${id}`).join(', ')}.`)
  }
  if (inFlight.flaggedDeliveries > 0) say(`${inFlight.flaggedDeliveries} mensajes quedaron «sin confirmar»: pudieron salir justo antes del respaldo; no se reenvían solos.`)
  if (inFlight.checkedPosts.length > 0) {
    say(`Publicaciones en redes en curso en el respaldo: el worker buscará cada una en la cuenta antes de publicarla (${inFlight.checkedPosts.map((id) => `#${id}`).join(', ')}).`)
  }
  for (const item of inFlight.dueItems) {
    say(`Atención: «${item.title}» estaba programado para ${item.publishAt}; al iniciar, Pregón lo publica y lo difunde. Si ya había salido antes de la falla, quítelo de la programación en cuanto inicie.`)
  }
  say('Listo. Inicie Pregón con `npm start`: el portal se vuelve a generar desde la base restaurada.')
} catch (error) {
  code = 1
  say(`No se restauró: ${(error as Error).message}`)
  if (hasMigrated) {
    say('La base de datos de destino ya no está vacía (se crearon sus tablas). Para reintentar, use otra base vacía o, con la base integrada, una carpeta de datos (DATA_DIR) nueva.')
  }
  if (!isPregonError(error) && (error as Error).stack) say((error as Error).stack!)
} finally {
  await stopProducers().catch(() => {})
  await payload?.destroy().catch(() => {})
  await pool?.end().catch(() => {})
  await connection?.close().catch(() => {})
}
process.exit(code)
