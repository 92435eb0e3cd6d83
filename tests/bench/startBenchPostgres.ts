import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnService } from '@pregon/launcher/spawnService'
import { freePort } from '../helpers/freePort'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * A bench's own embedded PostgreSQL (launcher/runPostgres.ts) with its cluster in `dataDir`, on `port` or a free
 * one; `stop()` it when the bench ends. `ready.url` is the owner's URL (createTestDatabase makes a database on it).
 */
export async function startBenchPostgres({ dataDir, port }: { dataDir: string; port?: number | string | null }) {
  return spawnService({
    name: 'bench-postgres',
    script: path.join(root, 'launcher/runPostgres.ts'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port ?? (await freePort())) },
    readyTimeoutMs: 60_000,
  })
}
