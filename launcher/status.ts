/**
 * `npm run status`: whether Pregón is ready, and what needs a person, in Spanish for the IT person. Reads the
 * database and the data folder directly (the same checks as GET /api/ready), and asks the admin and the portal
 * server whether they answer. Works whether or not Pregón runs; starts nothing. Exit code 0: ready; 1: not.
 * `--json` prints the report as JSON instead.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import type { Config } from '@pregon/core/loadConfig'
import { configOrExit } from './configOrExit'
import { localBase } from './localBase'
import { committedMigrationNames } from '@pregon/cms/ops/committedMigrationNames'
import { formatReadiness, withProbes, type Probe } from '@pregon/cms/ops/formatReadiness'
import { checkReadiness } from '@pregon/cms/ops/readiness'

const TIMEOUT_MS = 2_000

const config = configOrExit('Pregón no puede revisar su estado')

const databaseUrl = config.database.url ?? (await embeddedDatabaseUrl(config))
const pool = new pg.Pool({ connectionString: databaseUrl ?? 'postgres://pregon@127.0.0.1:1/pregon', max: 3, connectionTimeoutMillis: TIMEOUT_MS, statement_timeout: TIMEOUT_MS })
pool.on('error', () => {}) // An idle connection lost: the next query says so.

const [report, probes] = await Promise.all([
  checkReadiness({
    db: pool,
    dataDir: config.dataDir,
    portalDir: config.portalDir,
    expectedMigrations: await committedMigrationNames(),
    timeoutMs: TIMEOUT_MS,
  }),
  Promise.all([probe('admin', `${localBase(config.bindHost, config.cms.port)}/api/health`), probe('portal-server', `${localBase(config.bindHost, config.portal.port)}/healthz`)]),
])
await pool.end().catch(() => {})

const final = withProbes(report, probes)
if (!databaseUrl && !final.database.isReachable) {
  final.problems.unshift({
    check: 'database',
    code: 'DB_URL_UNKNOWN',
    message: `No hay DATABASE_URL y no se encontró la contraseña de la base integrada en ${path.join(config.database.embeddedDir, 'password')}: ¿Pregón se inició alguna vez con este DATA_DIR?`,
  })
}
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify({ ...final, probes }, null, 2)}\n` : formatReadiness(final, probes))
process.exit(final.status === 'ready' ? 0 : 1)

/** The embedded server's URL, as `npm start` builds it (launcher/embeddedPostgres.ts), without starting it. */
async function embeddedDatabaseUrl(config: Readonly<Config>): Promise<string | undefined> {
  try {
    const password = (await fs.readFile(path.join(config.database.embeddedDir, 'password'), 'utf8')).trim()
    return `postgres://pregon:${encodeURIComponent(password)}@127.0.0.1:${config.database.embeddedPort}/pregon`
  } catch {
    return undefined
  }
}


async function probe(check: Probe['check'], url: string): Promise<Probe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' })
    await response.body?.cancel()
    // The portal answers 503 while it has no build: the server is up (readiness reports the build).
    const isUp = response.ok || (check === 'portal-server' && response.status === 503)
    return { check, url, isUp, outcome: `HTTP ${response.status}` }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return { check, url, isUp: false, outcome: cause?.code ?? (error as Error).name }
  }
}
