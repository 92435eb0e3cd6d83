import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import pino from 'pino'
import { getPayload, type Migration, type Payload } from 'payload'
import { buildPayloadConfig } from '@pregon/cms/buildPayloadConfig'
import { migrations as allMigrations } from '@pregon/cms/migrations/index'
import { createBackup } from '@pregon/workers/backup/createBackup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { bootPayload } from '@pregon/cms/bootPayload'
import { DEMO_PASSWORD } from '@pregon/cms/seed/demoContent'
import { seedDemo } from '@pregon/cms/seed/seedDemo'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { loadConfig, type Config } from '@pregon/core/loadConfig'
import { readHeartbeats } from '@pregon/core/ops/opsTables'
import { QUEUES } from '@pregon/core/queues'
import { restoreBackup } from '@pregon/workers/backup/restoreBackup'
import { runScheduledBackup } from '@pregon/workers/backup/scheduledBackup'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { rebuildPortal } from '@pregon/workers/tasks/rebuildPortal'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { createMailer } from '@pregon/workers/providers/smtp/createMailer'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { buildBulletin, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { createTestDatabase } from '../../helpers/testDatabase'
import { waitFor } from '../../helpers/waitFor'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)

let harness: TaskHarness
let source: { payload: Payload; config: Readonly<Config>; ctx: TaskContext; databaseUrl: string }
let backupDir: string
let archive: string
let sentMailingId: number
let queuedMailingId: number
let queuedPostId: number
let portalBefore: Map<string, string>
let mediaBefore: Map<string, string>
const secret = randomBytes(32).toString('hex')

/** `npm run backup` / `npm run restore` as a person runs them: a separate process with only the environment. */
async function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, `launcher/${script}.ts`), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
      encoding: 'utf8',
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

/** sha256 of every file under `dir`; `rename` maps a path to the name compared (a build folder's time stamp). */
async function hashTree(dir: string, rename: (relative: string) => string = (relative) => relative): Promise<Map<string, string>> {
  const hashes = new Map<string, string>()
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    hashes.set(rename(path.relative(dir, full)), createHash('sha256').update(await fs.readFile(full)).digest('hex'))
  }
  return hashes
}

/** Every table of `public`, with its rows' fingerprint (order-independent). */
/** Each portal build lives in builds/<when it was built>/: the same portal is the same files under that folder. */
const portalFile = (relative: string) => relative.replace(/^builds\/[^/]+\//, 'builds/<build>/')

async function tableFingerprints(url: string, except: string[] = []): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
    const out: Record<string, { rows: number; md5: string }> = {}
    for (const { name } of tables) {
      if (except.includes(name)) continue
      const { rows } = await client.query<{ n: number; md5: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${name}" t`)
      out[name] = { rows: rows[0]!.n, md5: rows[0]!.md5 ?? '' }
    }
    return out
  } finally {
    await client.end()
  }
}

async function queryAt(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

async function publishWith(payload: Payload, distributeTo: string[]): Promise<number> {
  const { editor, approver } = await team(payload)
  const draft = await buildBulletin(payload, {})
  const lists = await payload.find({ collection: 'mailing-lists', where: { audience: { equals: 'press' } }, depth: 0 })
  await payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { pressLists: lists.docs.map((l) => l.id), distributeTo: distributeTo as never }, overrideAccess: false, user: editor })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload, id: draft.id, verb, user })
  }
  return draft.id
}

beforeAll(async () => {
  harness = await startTaskHarness({ env: { PAYLOAD_SECRET: secret } })
  const { t, ctx } = harness
  // The owner's: backups and restores connect as the owner.
  source = { payload: t.payload, config: t.config, ctx, databaseUrl: t.ownerUrl }
  expect(await seedDemo(t.payload)).toEqual({ seeded: true })
  await fs.writeFile(path.join(t.config.dataDir, 'payload-secret'), `${secret}\n`, { mode: 0o600 })

  // A finished press mailing, received by the SMTP server…
  const sentBulletin = await publishWith(t.payload, ['press-mailing'])
  const [sent] = await t.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1`, [sentBulletin])
  sentMailingId = sent!.id
  expect((await sendPressMailing(ctx, sentMailingId)).outcome).toBe('sent')
  expect(harness.sink.messages.length).toBeGreaterThan(0)
  // …and, at the moment of the backup, a mailing and a post still queued (their jobs are not in the archive).
  const queuedBulletin = await publishWith(t.payload, ['press-mailing', 'x'])
  const queued = await t.query<{ id: number; channel: string }>(`SELECT id, channel FROM distributions WHERE bulletin_id = $1 ORDER BY channel`, [queuedBulletin])
  queuedMailingId = queued.find((d) => d.channel === 'press-mailing')!.id
  queuedPostId = queued.find((d) => d.channel === 'x')!.id

  await rebuildPortal(ctx)
  portalBefore = await hashTree(t.config.portalDir, portalFile)
  mediaBefore = await hashTree(t.config.mediaDir)
  expect(mediaBefore.size).toBeGreaterThan(10)

  backupDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-backups-'))
  const result = await cli('backup', [backupDir], { DATA_DIR: t.config.dataDir, DATABASE_URL: t.ownerUrl })
  expect(result, result.stderr).toMatchObject({ code: 0 })
  archive = result.stdout.trim()
  // The demo seed makes every rendition of 17 photographs: minutes on a busy two-core machine.
}, 900_000)

afterAll(async () => {
  await harness?.close()
  if (backupDir) await fs.rm(backupDir, { recursive: true, force: true })
})

describe('npm run backup', () => {
  it('writes one private, timestamped archive and records the manual backup on health', async () => {
    expect(path.basename(archive)).toMatch(/^pregon-\d{8}-\d{6}\.tar$/)
    expect((await fs.stat(archive)).mode & 0o777).toBe(0o600)
    expect((await fs.readdir(backupDir)).filter((name) => !name.startsWith('pregon-'))).toEqual([])
    const pool = new pg.Pool({ connectionString: source.databaseUrl, max: 1 })
    const beats = await readHeartbeats(pool, 'backup')
    await pool.end()
    expect(beats).toHaveLength(1)
    expect(beats[0]).toMatchObject({ instance: 'manual', detail: { ok: true, file: archive } })
  })
})

describe('npm run restore into an empty installation', () => {
  let target: { payload: Payload; config: Readonly<Config>; databaseUrl: string; ctx: TaskContext }
  let worker: RunningWorker | undefined
  let restoreOutput: string

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase(inject('postgresAdminUrl'))
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-restored-'))
    const result = await cli('restore', [archive], { DATA_DIR: dataDir, DATABASE_URL: databaseUrl })
    expect(result, result.stderr).toMatchObject({ code: 0 })
    restoreOutput = result.stderr
    const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PAYLOAD_SECRET: secret, LOG_LEVEL: 'silent', SMTP_URL: harness.sink.url })
    const payload = await bootPayload(config)
    const mailer = createMailer({ smtpUrl: harness.sink.url, from: config.mail.from, connections: 2, dkim: null })
    const ctx: TaskContext = { payload, config, log: pino({ level: 'silent' }), networks: createSocialProviders(config, { dryRun: true }), mailer }
    target = { payload, config, databaseUrl, ctx }
  })
  afterAll(async () => {
    await worker?.stop()
    target?.ctx.mailer.close()
    await stopProducers()
    await target?.payload.destroy()
    if (target) await fs.rm(target.config.dataDir, { recursive: true, force: true })
  })

  it('brings back every row of every table', async () => {
    // The heartbeat is written after the archive; the in-flight distributions are settled on restore (below).
    const before = await tableFingerprints(source.databaseUrl, ['ops_heartbeats', 'distributions'])
    const after = await tableFingerprints(target.databaseUrl, ['ops_heartbeats', 'distributions'])
    expect(after).toEqual(before)
    expect(after.bulletins!.rows).toBeGreaterThanOrEqual(14)
    expect(after.deliveries!.rows).toBeGreaterThan(0)
    const sentRows = `SELECT id, status, completed_at, detail FROM distributions WHERE status = 'sent' ORDER BY id`
    expect(await queryAt(target.databaseUrl, sentRows)).toEqual(await harness.t.query(sentRows))
  })

  it('brings back the same media bytes and the demo signing secret', async () => {
    expect(await hashTree(target.config.mediaDir)).toEqual(mediaBefore)
    expect((await fs.readFile(path.join(target.config.dataDir, 'payload-secret'), 'utf8')).trim()).toBe(secret)
    expect((await fs.stat(path.join(target.config.dataDir, 'payload-secret'))).mode & 0o777).toBe(0o600)
  })

  it('lets the demo users sign in, and new rows take ids after the restored ones', async () => {
    const { token, user } = await target.payload.login({ collection: 'users', data: { email: 'editor@pregon.test', password: DEMO_PASSWORD } })
    expect(token).toBeTruthy()
    expect(user?.role).toBe('editor')
    const [{ max } = { max: 0 }] = await harness.t.query<{ max: number }>('SELECT max(id)::int AS max FROM departments')
    const created = await target.payload.create({ collection: 'departments', data: { name: 'Dependencia nueva', slug: 'dependencia-nueva' } })
    expect(created.id).toBe(max + 1)
    // Only a probe of the id sequence: every department is offered on the portal's subscription form, and the
    // next test compares the portal with the one before the backup.
    await target.payload.delete({ collection: 'departments', id: created.id })
  })

  it('rebuilds the same portal from the restored database', async () => {
    await rebuildPortal(target.ctx)
    const after = await hashTree(target.config.portalDir, portalFile)
    expect([...after.keys()].filter((name) => name.endsWith('.html')).length).toBeGreaterThan(10)
    expect(after).toEqual(portalBefore)
  })

  it('sends nothing again when the worker starts, and holds what was in flight for a person', async () => {
    const messagesBefore = harness.sink.messages.length
    expect(restoreOutput).toContain(`#${queuedMailingId}`)
    await prepareQueues(target.databaseUrl)
    worker = await startWorker(target.ctx, { databaseUrl: target.databaseUrl, queues: [QUEUES.sendPressMailing, QUEUES.postToX, QUEUES.publishDueItems] })
    // The post queued at backup time is looked up on the account (dry run: not found) and left for a person.
    const post = await waitFor(
      async () => {
        const row = await target.payload.findByID({ collection: 'distributions', id: queuedPostId, depth: 0 })
        return row.errorCode !== 'RESTORED_IN_FLIGHT' && row
      },
      { timeoutMs: 20_000, message: 'the restored post looked up by the worker' },
    )
    expect(post.status).toBe('unknown')
    await waitFor(async () => (await target.payload.findGlobal({ slug: 'scheduler-status' })).lastRunAt, { timeoutMs: 20_000, message: 'the start-up sweep' })
    const mailings = await target.payload.find({ collection: 'distributions', where: { channel: { equals: 'press-mailing' } }, depth: 0, sort: 'id' })
    expect(mailings.docs.map((d) => [d.id, d.status])).toEqual([
      [sentMailingId, 'sent'],
      [queuedMailingId, 'paused'],
    ])
    expect(harness.sink.messages.length).toBe(messagesBefore)
  })
})

describe('the daily backup', () => {
  it('writes an archive into BACKUP_DIR, keeps the newest BACKUP_KEEP of ours and records itself on health', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-daily-'))
    const old = ['pregon-20260101-030000.tar', 'pregon-20260102-030000.tar', 'pregon-20260103-030000.tar']
    for (const name of [...old, 'notas-del-administrador.txt']) await fs.writeFile(path.join(dir, name), 'x')
    const config = { ...source.config, backup: { dir, keep: 2, hour: 3 } }
    await runScheduledBackup({ ...source.ctx, config })
    const left = (await fs.readdir(dir)).sort()
    expect(left).toHaveLength(3)
    expect(left).toContain('notas-del-administrador.txt')
    expect(left).toContain('pregon-20260103-030000.tar')
    const [daily] = await harness.t.query<{ detail: { ok: boolean; file: string; bytes: number } }>(`SELECT detail FROM ops_heartbeats WHERE service = 'backup' AND instance = 'daily'`)
    expect(daily!.detail).toMatchObject({ ok: true })
    expect(left).toContain(path.basename(daily!.detail.file))
    expect(daily!.detail.bytes).toBe((await fs.stat(daily!.detail.file)).size)
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('records a failed backup on health, and fails the job so the queue retries it', async () => {
    const notAFolder = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-daily-')), 'archivo')
    await fs.writeFile(notAFolder, 'x')
    await expect(runScheduledBackup({ ...source.ctx, config: { ...source.config, backup: { dir: notAFolder, keep: 2, hour: 3 } } })).rejects.toThrow()
    const [daily] = await harness.t.query<{ detail: { ok: boolean; error: string } }>(`SELECT detail FROM ops_heartbeats WHERE service = 'backup' AND instance = 'daily'`)
    expect(daily!.detail.ok).toBe(false)
    expect(daily!.detail.error).toBeTruthy()
  })
})

describe('an archive from an older Pregón', () => {
  it('is restored on the schema it was taken from, then brought up to date by the newer migrations', async () => {
    const older = allMigrations.slice(0, -1)
    const migrateOnly = async (payload: Payload, list: typeof allMigrations) => payload.db.migrate({ migrations: list as unknown as Migration[] })
    const boot = async (name: string) => {
      const databaseUrl = await createTestDatabase(inject('postgresAdminUrl'))
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `pregon-${name}-`))
      const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PAYLOAD_SECRET: secret, LOG_LEVEL: 'silent' })
      const payload = await getPayload({ config: buildPayloadConfig(config), key: databaseUrl })
      return { config, payload, pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }
    }
    const old = await boot('older')
    await migrateOnly(old.payload, older)
    // Written in the older schema's own shape: this Payload's config is the newest one, whose tables may not exist yet.
    await old.pool.query(`INSERT INTO departments (name, slug) VALUES ('Catastro', 'catastro')`)
    const backup = await createBackup({ pool: old.pool, dataDir: old.config.dataDir, mediaDir: old.config.mediaDir, backupDir: path.join(old.config.dataDir, 'backups') })

    const fresh = await boot('newer')
    const applied: string[][] = []
    await restoreBackup({
      pool: fresh.pool,
      archive: backup.file,
      dataDir: fresh.config.dataDir,
      mediaDir: fresh.config.mediaDir,
      knownMigrations: allMigrations.map((m) => m.name),
      migrate: async (names) => {
        applied.push(names)
        await migrateOnly(fresh.payload, allMigrations.filter((m) => names.includes(m.name)))
      },
    })
    expect(applied).toEqual([older.map((m) => m.name), allMigrations.map((m) => m.name)])
    const { rows: migrated } = await fresh.pool.query<{ name: string }>('SELECT name FROM payload_migrations ORDER BY id')
    expect(migrated.map((r) => r.name)).toEqual(allMigrations.map((m) => m.name))
    expect((await fresh.pool.query(`SELECT name FROM departments`)).rows).toEqual([{ name: 'Catastro' }])
    for (const side of [old, fresh]) {
      await side.pool.end()
      await side.payload.destroy()
      await fs.rm(side.config.dataDir, { recursive: true, force: true })
    }
  })
})

describe('refusals', () => {
  const knownMigrations = async () => (await import('@pregon/cms/migrations/index')).migrations.map((m) => m.name)
  const neverMigrate = async () => {
    throw new Error('migrate must not be reached')
  }

  async function emptyTarget() {
    const databaseUrl = await createTestDatabase(inject('postgresAdminUrl'))
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-refused-'))
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
    return {
      pool,
      dataDir,
      databaseUrl,
      tables: async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]!.n,
      async close() {
        await pool.end()
        await fs.rm(dataDir, { recursive: true, force: true })
      },
    }
  }

  it('refuses to restore into a database that holds Pregón, changing nothing', async () => {
    const before = await tableFingerprints(source.databaseUrl, ['ops_heartbeats'])
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-refused-'))
    const result = await cli('restore', [archive], { DATA_DIR: dataDir, DATABASE_URL: source.databaseUrl })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('base vacía')
    expect(await tableFingerprints(source.databaseUrl, ['ops_heartbeats'])).toEqual(before)

    const pool = new pg.Pool({ connectionString: source.databaseUrl, max: 1 })
    await expect(
      restoreBackup({ pool, archive, dataDir, mediaDir: path.join(dataDir, 'media'), knownMigrations: await knownMigrations(), migrate: neverMigrate }),
    ).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' })
    await pool.end()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('refuses a data folder that already has media', async () => {
    const target = await emptyTarget()
    await fs.mkdir(path.join(target.dataDir, 'media'))
    await fs.writeFile(path.join(target.dataDir, 'media', 'foto.jpg'), 'x')
    await expect(
      restoreBackup({ pool: target.pool, archive, dataDir: target.dataDir, mediaDir: path.join(target.dataDir, 'media'), knownMigrations: await knownMigrations(), migrate: neverMigrate }),
    ).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' })
    await target.close()
  })

  it('refuses an archive with migrations this code does not know', async () => {
    const target = await emptyTarget()
    const known = (await knownMigrations()).slice(0, -1)
    await expect(
      restoreBackup({ pool: target.pool, archive, dataDir: target.dataDir, mediaDir: path.join(target.dataDir, 'media'), knownMigrations: known, migrate: neverMigrate }),
    ).rejects.toMatchObject({ code: 'RESTORE_MIGRATIONS_UNKNOWN' })
    expect(await target.tables()).toBe(0)
    await target.close()
  })

  it.each([
    ['a flipped byte in a media file', async (bytes: Buffer) => {
      const copy = Buffer.from(bytes)
      // Inside the first media file's bytes: its tar header (512 bytes, the name first), then its data.
      const at = copy.indexOf('media/') + 512 + 100
      copy[at] = copy[at]! ^ 0xff
      return copy
    }],
    ['an archive cut short (a copy that did not finish)', async (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6))],
    ['an archive without its final manifest', async (bytes: Buffer) => {
      // Cut at a member boundary near the end: tar itself sees nothing wrong.
      const text = bytes.toString('latin1')
      const at = text.lastIndexOf('manifest.json')
      return Buffer.concat([bytes.subarray(0, at), Buffer.alloc(1024)])
    }],
  ])('refuses %s, before touching the database or the data folder', async (_what, damage) => {
    const target = await emptyTarget()
    const damaged = path.join(target.dataDir, '..', `${path.basename(target.dataDir)}.tar`)
    await fs.writeFile(damaged, await damage(await fs.readFile(archive)))
    await expect(
      restoreBackup({ pool: target.pool, archive: damaged, dataDir: target.dataDir, mediaDir: path.join(target.dataDir, 'media'), knownMigrations: await knownMigrations(), migrate: neverMigrate }),
    ).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_CORRUPT' })
    expect(await target.tables()).toBe(0)
    expect(await fs.readdir(target.dataDir)).toEqual([])
    await fs.rm(damaged, { force: true })
    await target.close()
  })
})
