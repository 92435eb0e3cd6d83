/**
 * `npm run backup [-- FOLDER]`: one archive of this installation (database, media, mailing journals, demo
 * secret) into FOLDER or BACKUP_DIR. Works with `npm start` running or not: against DATABASE_URL, or the
 * embedded PostgreSQL of DATA_DIR (started for the backup when it is not running). Progress goes to stderr,
 * the archive's path to stdout.
 */
import path from 'node:path'
import pg from 'pg'
import { configOrExit } from './configOrExit'
import { isPregonError } from '@pregon/core/PregonError'
import { beat } from '@pregon/core/ops/opsTables'
import { createBackup, formatMb } from '@pregon/workers/backup/createBackup'
import { connectConfiguredDatabase, type EmbeddedConnection } from './embeddedPostgres'

const say = (message: string) => process.stderr.write(`[respaldo] ${message}\n`)

const config = configOrExit('No se puede respaldar', (text) => say(text))

const backupDir = process.argv[2] ? path.resolve(process.argv[2]) : config.backup.dir
const started = performance.now()
let connection: EmbeddedConnection | undefined
let pool: pg.Pool | undefined
let code = 0
try {
  connection = await connectConfiguredDatabase(config.database, say)
  if (connection.isStartedHere) say('PostgreSQL integrado iniciado para el respaldo (se detiene al terminar).')
  pool = new pg.Pool({ connectionString: connection.url, max: 2 })
  const poolInUse = pool
  try {
    const result = await createBackup({ pool, dataDir: config.dataDir, mediaDir: config.mediaDir, backupDir, progress: say })
    await beat(pool, 'backup', 'manual', { ok: true, file: result.file, bytes: result.bytes, seconds: Number(result.seconds.toFixed(1)) }).catch(() => {})
    say(`${result.tables} tablas (${result.rows} filas), ${result.files} archivos de medios, ${formatMb(result.bytes)}.`)
    say('Guarde una copia fuera de este servidor (vea docs/backup.md).')
    console.log(result.file)
  } catch (error) {
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1))
    await beat(poolInUse, 'backup', 'manual', { ok: false, error: (error as Error).message, seconds }).catch(() => {})
    throw error
  }
} catch (error) {
  code = 1
  say(`El respaldo falló: ${(error as Error).message}`)
  if (!isPregonError(error) && (error as Error).stack) say((error as Error).stack!)
} finally {
  await pool?.end().catch(() => {})
  await connection?.close().catch(() => {})
}
process.exit(code)
