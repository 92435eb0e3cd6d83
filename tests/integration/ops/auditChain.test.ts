/**
 * The record cannot be quietly changed: every audit entry is chained by the database (prev_hash, hash), the
 * chain survives concurrent writers, the application's role cannot change the record or switch its triggers
 * off, and what the owner changes behind the application's back is found by `npm run audit:verify`.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareAppRole } from '@pregon/core/appRole'
import { recordAudit } from '@pregon/cms/audit/recordAudit'
import { verifyAuditChain } from '@pregon/cms/audit/verifyAuditChain'
import { inTransaction } from '@pregon/cms/db/inTransaction'
import { poolOf } from '@pregon/cms/db/poolOf'
import * as auditChainMigration from '@pregon/cms/migrations/20261202_010000_audit_chain'
import { dumpTables } from '@pregon/workers/backup/dumpDatabase'
import { loadTables } from '@pregon/workers/backup/loadTables'
import { buildBulletin } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)

let t: TestPayload
let owner: pg.Pool
/** What the admin and the workers connect with: the application's role, logged in with its own password. */
let app: pg.Pool

interface ChainRow {
  id: number
  chain_seq: string
  prev_hash: string | null
  hash: string
  summary: string
}

const chain = () => t.query<ChainRow>('SELECT id, chain_seq, prev_hash, hash, summary FROM audit_log ORDER BY chain_seq')

/** Runs `work` as the tables' owner with the record's append-only trigger off, as someone with the owner's password could. */
async function asOwnerBehindTheBack(work: (client: pg.PoolClient) => Promise<void>, trigger = 'audit_log_append_only'): Promise<void> {
  const client = await owner.connect()
  try {
    await client.query('BEGIN')
    await client.query(`ALTER TABLE audit_log DISABLE TRIGGER ${trigger}`)
    await work(client)
    await client.query(`ALTER TABLE audit_log ENABLE TRIGGER ${trigger}`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

beforeAll(async () => {
  t = await startTestPayload()
  owner = new pg.Pool({ connectionString: t.ownerUrl, max: 2 })
  app = new pg.Pool({ connectionString: t.databaseUrl, max: 2 })
  await buildBulletin(t.payload, { status: 'published' })
})
afterAll(async () => {
  await owner?.end()
  await app?.end()
  await t?.close()
})

describe('the chain', () => {
  it('chains every entry the workflow writes to the one before it', async () => {
    const rows = await chain()
    expect(rows.length).toBeGreaterThanOrEqual(3) // submit, approve, publish
    rows.forEach((row, index) => {
      expect(Number(row.chain_seq)).toBe(index + 1)
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.prev_hash).toBe(index === 0 ? null : rows[index - 1]!.hash)
    })
    expect(await verifyAuditChain({ pool: owner })).toEqual({ isIntact: true, count: rows.length, lastSeq: rows.length, lastHash: rows.at(-1)!.hash })
  })

  it('chains the rows a database already had, in id order, exactly as the trigger does', async () => {
    const before = await chain()
    // Migrations run as the tables' owner, never as the application.
    const args = { db: drizzle(owner), payload: t.payload, req: await createLocalReq({}, t.payload) }
    await auditChainMigration.down(args as unknown as Parameters<typeof auditChainMigration.down>[0])
    expect((await t.query('SELECT * FROM audit_log LIMIT 1'))[0]).not.toHaveProperty('hash')
    await auditChainMigration.up(args as unknown as Parameters<typeof auditChainMigration.up>[0])
    expect(await chain()).toEqual(before)
    // Its grants are those of its day (before the archive): every start grants again, as today's code says.
    await prepareAppRole({ ownerUrl: t.ownerUrl, appUrl: t.databaseUrl, dataDir: t.config.dataDir })
  })

  it('stays one chain when twenty transactions write to the record at once', async () => {
    const before = (await chain()).length
    await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const req = await createLocalReq({}, t.payload)
        await inTransaction(req, () =>
          recordAudit({ req, actor: { system: 'prueba' }, entry: { summary: `Entrada concurrente ${n}`, action: 'submit', itemCollection: 'bulletins', itemId: String(n) } }),
        )
      }),
    )
    const rows = await chain()
    expect(rows).toHaveLength(before + 20)
    expect(rows.map((row) => Number(row.chain_seq))).toEqual(rows.map((_, index) => index + 1))
    expect(await verifyAuditChain({ pool: owner, pageSize: 7 })).toMatchObject({ isIntact: true, count: before + 20 })
  })

  it('travels in a backup: restored into an empty installation, the chain has the same hashes', async () => {
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-chain-'))
    const target = await startTestPayload()
    const targetPool = new pg.Pool({ connectionString: target.ownerUrl, max: 2 })
    try {
      const client = await owner.connect()
      let tables: Awaited<ReturnType<typeof dumpTables>>
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        tables = await dumpTables({ client, workDir })
        await client.query('COMMIT')
      } finally {
        client.release()
      }
      await loadTables({ pool: targetPool, databaseDir: path.join(workDir, 'database'), tables })
      expect(await target.query('SELECT id, chain_seq, prev_hash, hash, summary FROM audit_log ORDER BY chain_seq')).toEqual(await chain())
      expect(await verifyAuditChain({ pool: targetPool })).toMatchObject({ isIntact: true, lastHash: (await chain()).at(-1)!.hash })
    } finally {
      await targetPool.end()
      await target.close()
      await fs.rm(workDir, { recursive: true, force: true })
    }
  })
})

describe('the application role', () => {
  async function asApp(statement: string): Promise<{ code?: string }> {
    const client = await app.connect()
    try {
      await client.query('BEGIN')
      await client.query(statement)
      return {}
    } catch (error) {
      return { code: (error as { code?: string }).code }
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  }

  it('is who Payload connects as: not the owner, not a superuser', async () => {
    const { rows } = await poolOf(t.payload).query<{ user: string; isSuper: boolean }>(
      'SELECT current_user AS user, rolsuper AS "isSuper" FROM pg_roles WHERE rolname = current_user',
    )
    expect(rows).toEqual([{ user: 'pregon_app', isSuper: false }])
    await expect(poolOf(t.payload).query(`UPDATE audit_log SET summary = 'otra cosa'`)).rejects.toMatchObject({ code: '42501' })
  })

  it('may add to the record, and the database chains what it adds', async () => {
    const client = await app.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<{ hash: string; prev_hash: string }>(
        `INSERT INTO audit_log (at, summary, action, item_collection, item_id, prev_hash, hash)
         VALUES (now(), 'Como la aplicación', 'submit', 'bulletins', '1', 'inventada', 'inventada') RETURNING hash, prev_hash`,
      )
      expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/)
      expect(rows[0]!.prev_hash).toBe((await chain()).at(-1)!.hash)
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  })

  it('may still change the other tables', async () => {
    expect(await asApp('UPDATE bulletins SET title = title WHERE false')).toEqual({})
    expect(await asApp('DELETE FROM ops_alerts WHERE false')).toEqual({})
    expect(await asApp('DELETE FROM pgboss.job WHERE false')).toEqual({})
  })

  it.each([
    ['edit an entry', `UPDATE audit_log SET summary = 'otra cosa'`],
    ['delete an entry', 'DELETE FROM audit_log'],
    ['empty the record', 'TRUNCATE audit_log'],
    ['switch off the append-only trigger', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only'],
    ['switch off the chain', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain'],
    ['change the archive of what went out', `UPDATE expediente_entries SET sha256 = sha256`],
    ['delete from the archive', 'DELETE FROM expediente_entries'],
    ['replace the chain function', `CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`],
  ])('may not %s', async (_, statement) => {
    // 42501: insufficient privilege (not granted, or not the owner).
    expect(await asApp(statement)).toEqual({ code: '42501' })
  })
})

describe('npm run audit:verify', () => {
  it('names the entry whose content the owner changed behind the application, and fails', async () => {
    const target = (await chain())[1]!
    await asOwnerBehindTheBack((client) => client.query(`UPDATE audit_log SET summary = 'Nadie aprobó esto' WHERE id = $1`, [target.id]).then(() => {}))

    const report = await verifyAuditChain({ pool: owner })
    expect(report).toMatchObject({ isIntact: false, count: 1, broken: { kind: 'changed-content', entry: { id: target.id, chainSeq: 2 } } })

    const cli = await run(process.execPath, ['--import', 'tsx', path.join(root, 'launcher/auditVerify.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: t.ownerUrl, DATA_DIR: t.config.dataDir },
      timeout: 60_000,
      encoding: 'utf8',
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, stdout: error.stdout ?? '', stderr: error.stderr }),
    )
    expect(cli, JSON.stringify(cli)).toMatchObject({ code: 1 })
    expect(cli.stdout).toContain('El registro fue ALTERADO')
    expect(cli.stdout).toContain(`la entrada n.º 2, id ${target.id}`)
    expect(cli.stdout).toContain('Su contenido cambió después de escribirse')

    // Putting the words back puts the chain back: the hash is of the content, nothing else.
    await asOwnerBehindTheBack((client) => client.query('UPDATE audit_log SET summary = $1 WHERE id = $2', [target.summary, target.id]).then(() => {}))
    expect(await verifyAuditChain({ pool: owner })).toMatchObject({ isIntact: true })
  })

  it('finds an entry the owner inserted with the chain switched off', async () => {
    let id = 0
    await asOwnerBehindTheBack(async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO audit_log (at, summary, action, item_collection, item_id) VALUES (now(), 'Añadida a escondidas', 'approve', 'bulletins', '1') RETURNING id`,
      )
      id = rows[0]!.id
    }, 'audit_log_chain')
    expect(await verifyAuditChain({ pool: owner })).toMatchObject({ isIntact: false, broken: { kind: 'outside-chain', count: 1, entry: { id, chainSeq: null } } })
    await asOwnerBehindTheBack((client) => client.query('DELETE FROM audit_log WHERE id = $1', [id]).then(() => {}))
  })

  it('finds the gap an entry deleted by the owner leaves, and a noted hash that is gone', async () => {
    const rows = await chain()
    const lastHash = rows.at(-1)!.hash
    await asOwnerBehindTheBack((client) => client.query('DELETE FROM audit_log WHERE chain_seq = 3').then(() => {}))
    expect(await verifyAuditChain({ pool: owner })).toMatchObject({
      isIntact: false,
      count: 2,
      broken: { kind: 'missing-entries', afterSeq: 2, missing: 1, entry: { id: rows[3]!.id, chainSeq: 4 } },
    })

    // Deleting the newest entries leaves a chain that is intact, but without the hash noted earlier.
    await asOwnerBehindTheBack((client) => client.query('DELETE FROM audit_log WHERE chain_seq >= 3').then(() => {}))
    expect(await verifyAuditChain({ pool: owner, notedHash: lastHash })).toMatchObject({ isIntact: true, count: 2, containsNotedHash: false })
  })
})
