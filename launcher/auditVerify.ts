/**
 * `npm run audit:verify [-- --contiene HUELLA]`: recomputes the record's hash chain (cms/audit/verifyAuditChain.ts)
 * and says in Spanish whether it is intact. Against DATABASE_URL, or the embedded PostgreSQL of DATA_DIR (found
 * running, or started for the check and stopped after). Exit code 0: intact; 1: altered; 2: could not check.
 */
import pg from 'pg'
import { formatChainReport } from '@pregon/cms/audit/formatChainReport'
import { verifyAuditChain } from '@pregon/cms/audit/verifyAuditChain'
import { configOrExit } from './configOrExit'
import { connectConfiguredDatabase, type EmbeddedConnection } from './embeddedPostgres'

const say = (message: string) => process.stderr.write(`[registro] ${message}\n`)

const config = configOrExit('No se puede verificar el registro', (text) => say(text))
const notedAt = process.argv.indexOf('--contiene')
const notedHash = notedAt > 0 ? process.argv[notedAt + 1] : undefined
if (notedAt > 0 && !/^[0-9a-fA-F]{64}$/.test(notedHash ?? '')) {
  say('Después de --contiene va la huella anotada: 64 caracteres hexadecimales.')
  process.exit(2)
}

let connection: EmbeddedConnection | undefined
let pool: pg.Pool | undefined
let code = 2
try {
  connection = await connectConfiguredDatabase(config.database, say)
  pool = new pg.Pool({ connectionString: connection.url, max: 1 })
  const report = await verifyAuditChain({ pool, notedHash })
  process.stdout.write(formatChainReport(report))
  code = report.isIntact && report.containsNotedHash !== false ? 0 : 1
} catch (error) {
  say(`No se pudo verificar el registro: ${(error as Error).message}`)
} finally {
  await pool?.end().catch(() => {})
  await connection?.close().catch(() => {})
}
process.exit(code)
