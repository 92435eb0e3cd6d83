/**
 * `npm run seed:large -- --bulletins 50000 [--programs 1000] [--versions 5]`: fills the database of DATABASE_URL,
 * or the embedded PostgreSQL of DATA_DIR (running under `npm start` or started for the seed), with a decade of
 * archive. For benchmarks and trying Pregón at size, never for production data.
 */
import { parseArgs } from 'node:util'
import { configOrExit } from '../configOrExit'
import { connectConfiguredDatabase, type EmbeddedConnection } from '../embeddedPostgres'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { seedLarge } from './seedLarge'

const say = (message: string) => process.stderr.write(`[archivo] ${message}\n`)
const config = configOrExit('No se puede sembrar el archivo', say)
const { values } = parseArgs({ options: { bulletins: { type: 'string', default: '50000' }, programs: { type: 'string', default: '1000' }, versions: { type: 'string', default: '5' } } })
const count = (name: string, text: string | undefined) => {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    say(`--${name} debe ser un número entero (recibí «${text}»).`)
    process.exit(64)
  }
  return value
}
const bulletins = count('bulletins', values.bulletins)
const programs = count('programs', values.programs)
const versionsPerBulletin = Math.max(1, count('versions', values.versions))

let connection: EmbeddedConnection | undefined
let code = 0
try {
  connection = await connectConfiguredDatabase(config.database, say)
  await prepareQueues(connection.url)
  // The owner's connection: it applies pending migrations first, so a fresh database can be seeded too.
  const payload = await bootPayload({ ...config, database: { ...config.database, url: connection.url } }, { migrate: true })
  try {
    const report = await seedLarge({ payload, databaseUrl: connection.url, bulletins, programs, versionsPerBulletin, log: say })
    say(`${report.bulletins} boletines (${report.versions} versiones cada uno) y ${report.programs} programas: ${report.rows} filas en ${report.bulkSeconds.toFixed(1)} s.`)
    console.log(`${Math.round(report.bulletinsPerSecond)} boletines/s, ${Math.round(report.rowsPerSecond)} filas/s (total con plantillas y fotos: ${report.totalSeconds.toFixed(1)} s)`)
    if (!report.skippedForeignKeyChecks) say('La conexión no es de superusuario: PostgreSQL revisó cada referencia fila por fila (más lento).')
  } finally {
    await stopProducers()
    await payload.destroy()
  }
} catch (error) {
  code = 1
  say(`La siembra falló: ${(error as Error).message}`)
  if ((error as Error).stack) say((error as Error).stack!)
} finally {
  await connection?.close().catch(() => {})
}
process.exit(code)
