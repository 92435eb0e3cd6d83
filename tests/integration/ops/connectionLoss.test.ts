import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { poolOf } from '@pregon/cms/db/poolOf'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let killer: pg.Client

beforeAll(async () => {
  t = await startTestPayload()
  killer = new pg.Client({ connectionString: t.ownerUrl })
  await killer.connect()
})

afterAll(async () => {
  await killer?.end()
  await t?.close()
})

describe('a connection lost while a task holds it', () => {
  it('fails that task\'s next query and leaves the process and the pool working', async () => {
    // What the press mailing (its advisory lock) and the alert sweep do: hold a client while they work elsewhere.
    const held = await poolOf(t.payload).connect()
    const { rows } = await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    // What a restarted PostgreSQL does to every backend. Without a listener on checked-out clients node-postgres
    // emits an unhandled `error` here, which ends the process (vitest reports it and fails the run).
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid])
    await new Promise((resolve) => setTimeout(resolve, 300))

    await expect(held.query('SELECT 1')).rejects.toThrow(/terminat|ended|not queryable/i)
    held.release()
    const after = await poolOf(t.payload).query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    expect(after.rows[0]!.pid).not.toBe(rows[0]!.pid)
    const [row] = await t.query<{ count: string }>('SELECT count(*) FROM users')
    expect((await t.payload.count({ collection: 'users' })).totalDocs).toBe(Number(row!.count))
  })
})
