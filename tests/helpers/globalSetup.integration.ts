import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@pregon/cms/db/embeddedPostgres'
import { freePort } from './freePort'
import { TEST_DATABASE_PREFIX } from './testDatabase'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to a maintenance database on the test server; test files create their own databases on it. */
    postgresAdminUrl: string
  }
}

/**
 * One real PostgreSQL for the whole integration run: the embedded server in .data/test-postgres, or the
 * server in TEST_DATABASE_URL. Every test file gets a fresh database on it (see testDatabase.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgresHandle | undefined
  let adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    server = await startEmbeddedPostgres({
      dataDir: path.resolve(project.config.root, '.data/test-postgres'),
      port: await freePort(),
    })
    adminUrl = server.urlFor('postgres')
  }
  await dropLeftoverDatabases(adminUrl)
  project.provide('postgresAdminUrl', adminUrl)
  return async () => {
    await dropLeftoverDatabases(adminUrl)
    await server?.stop()
  }
}

/** Databases of earlier (possibly killed) runs: each run starts from nothing. */
async function dropLeftoverDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${TEST_DATABASE_PREFIX}%`],
    )
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    }
  } finally {
    await client.end()
  }
}
