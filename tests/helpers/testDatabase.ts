import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const TEST_DATABASE_PREFIX = 'pregon_test_'

/** Creates an empty database on the test server and returns its URL. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
