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
import { createTestDatabase } from './testDatabase'

export interface TestPayload {
  payload: Payload
  config: Readonly<Config>
  databaseUrl: string
  /** Runs SQL on the test database, to assert on persisted rows. */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>
  close(): Promise<void>
}

/**
 * Payload on a fresh database of the real test PostgreSQL, migrated by the committed migrations and with
 * the job queues created, exactly as `npm start` prepares it. Files go to a temporary data directory.
 */
export async function startTestPayload({ env = {} }: { env?: Record<string, string> } = {}): Promise<TestPayload> {
  const databaseUrl = await createTestDatabase(inject('postgresAdminUrl'))
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-test-'))
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  })
  await prepareQueues(databaseUrl)
  const payload = await bootPayload(config)
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  return {
    payload,
    config,
    databaseUrl,
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
