import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import { inject } from 'vitest'
import { loadConfig, type Config } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { APP_ROLE, prepareAppRole, urlAs } from '@pregon/core/appRole'
import { createTestDatabase } from './testDatabase'

export interface TestPayload {
  payload: Payload
  config: Readonly<Config>
  /** The application's connection (role `pregon_app`), what Payload, workers and producers use. */
  databaseUrl: string
  /** The owner's connection (migrations, backups, restores, `audit:verify`, a tamperer). */
  ownerUrl: string
  /** Runs SQL on the test database as the owner, to assert on persisted rows. */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>
  close(): Promise<void>
}

/**
 * Payload on a fresh database of the real test PostgreSQL, prepared exactly as `npm start` prepares it: the
 * owner creates the job queues and applies the committed migrations, the application's role gets its grants,
 * and Payload connects as that role. Files go to a temporary data directory.
 */
export async function startTestPayload({ env = {} }: { env?: Record<string, string> } = {}): Promise<TestPayload> {
  const ownerUrl = await createTestDatabase(inject('postgresAdminUrl'))
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-test-'))
  const settings = { PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }
  await prepareQueues(ownerUrl)
  const migrator = await bootPayload(loadConfig({ ...settings, DATABASE_URL: ownerUrl }), { migrate: true })
  await migrator.destroy()
  const databaseUrl = await prepareAppRole({ ownerUrl, appUrl: urlAs(ownerUrl, APP_ROLE, inject('appRolePassword')), dataDir })
  const config = loadConfig({ ...settings, DATABASE_URL: databaseUrl })
  const payload = await bootPayload(config)
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 })
  return {
    payload,
    config,
    databaseUrl,
    ownerUrl,
    async query(text, values) {
      return (await pool.query(text, values)).rows
    },
    async close() {
      await stopProducers()
      await pool.end()
      await payload.destroy()
      await fs.rm(dataDir, { recursive: true, force: true })
    },
  }
}
