/**
 * `npm run bench:backup`: backup and restore times of (a) the demo installation and (b) a larger synthetic one
 * (10,000 published bulletins with their versions and audit rows, ~1 GB of incompressible media, like JPEGs),
 * each against GNU tar archiving and extracting the same media folder in the same run (the floor: the disk's
 * own speed for those bytes). BENCH_SCALE=0.1 shrinks (b) tenfold; BENCH_SKIP_DEMO=1 leaves (a) out.
 */
import { execFile } from 'node:child_process'
import { randomBytes, randomFillSync } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { pipeline } from 'node:stream/promises'
import { Writable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { createReadStream } from 'node:fs'
import { promisify } from 'node:util'
import pg from 'pg'
import type { Migration, Payload } from 'payload'
import { loadConfig, type Config } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { migrations } from '@pregon/cms/migrations/index'
import { seedDemo } from '@pregon/cms/seed/seedDemo'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { spawnService } from '@pregon/launcher/spawnService'
import { createBackup } from '@pregon/workers/backup/createBackup'
import { restoreBackup } from '@pregon/workers/backup/restoreBackup'
import { buildBulletin } from '../helpers/builders'
import { freePort } from '../helpers/freePort'
import { createTestDatabase } from '../helpers/testDatabase'

const root = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)
const scale = Number(process.env.BENCH_SCALE ?? '1')
const BULLETINS = Math.max(1, Math.round(10_000 * scale))
const MEDIA_BYTES = Math.round(1024 * 1024 * 1024 * scale)
const MB = 1024 * 1024

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-backup-'))
const postgres = await spawnService({
  name: 'bench-postgres',
  script: path.join(root, 'launcher/runPostgres.ts'),
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: path.join(root, '.data/bench-backup'), EMBEDDED_PG_PORT: String(await freePort()) },
  readyTimeoutMs: 60_000,
})
const adminUrl = String(postgres.ready.url)

async function installation(name: string): Promise<{ config: Readonly<Config>; payload: Payload; pool: pg.Pool }> {
  const databaseUrl = await createTestDatabase(adminUrl)
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: path.join(work, name), PAYLOAD_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'silent' })
  await prepareQueues(databaseUrl)
  const payload = await bootPayload(config, { migrate: true })
  return { config, payload, pool: new pg.Pool({ connectionString: databaseUrl, max: 4 }) }
}

/** Clones one published bulletin (row, versions, audit rows) `count` times in SQL: the Local API would take an hour. */
async function multiplyBulletins(pool: pg.Pool, templateId: number, count: number): Promise<void> {
  const columnsOf = async (table: string) =>
    (await pool.query<{ name: string }>(`SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [table])).rows
      .map((r) => r.name)
      .filter((c) => c !== 'id')
  const bulletinColumns = await columnsOf('bulletins')
  const versionColumns = await columnsOf('_bulletins_v')
  const pick = (columns: string[], override: Record<string, string>, alias: string) => columns.map((c) => override[c] ?? `${alias}."${c}"`).join(', ')
  for (let done = 0; done < count; done += 1000) {
    const batch = Math.min(1000, count - done)
    await pool.query(
      `WITH made AS (
         INSERT INTO bulletins (${bulletinColumns.map((c) => `"${c}"`).join(', ')})
         SELECT ${pick(bulletinColumns, { slug: `b.slug || '-' || (g + ${done})`, title: `b.title || ' ' || (g + ${done})` }, 'b')}
           FROM bulletins b, generate_series(1, ${batch}) g WHERE b.id = $1
         RETURNING id)
       INSERT INTO _bulletins_v (${versionColumns.map((c) => `"${c}"`).join(', ')})
       SELECT ${pick(versionColumns, { parent_id: 'made.id' }, 'v')} FROM _bulletins_v v, made WHERE v.parent_id = $1`,
      [templateId],
    )
  }
  const auditColumns = (await columnsOf('audit_log')).map((c) => `"${c}"`).join(', ')
  await pool.query(
    `INSERT INTO audit_log (${auditColumns}) SELECT ${auditColumns} FROM audit_log a, generate_series(1, $1::int) g WHERE a.item_id = $2::text`,
    [count, String(templateId)],
  )
}

/** Incompressible files of 200 KB–2 MB, as photographs are. */
async function fillMedia(dir: string, bytes: number): Promise<number> {
  await fs.mkdir(dir, { recursive: true })
  let written = 0
  let files = 0
  const buffer = Buffer.alloc(2 * MB)
  while (written < bytes) {
    const size = Math.min(bytes - written, 200 * 1024 + Math.floor(Math.random() * 1.8 * MB))
    randomFillSync(buffer, 0, size)
    await fs.writeFile(path.join(dir, `sintetica-${files}.jpg`), buffer.subarray(0, size))
    written += size
    files++
  }
  return files
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000 }
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size
  }
  return total
}

async function measure(label: string, source: Awaited<ReturnType<typeof installation>>): Promise<void> {
  const backupDir = path.join(work, `${label}-backups`)
  const backup = await timed(() => createBackup({ pool: source.pool, dataDir: source.config.dataDir, mediaDir: source.config.mediaDir, backupDir }))
  const archiveMb = backup.value.bytes / MB

  const target = await installation(`${label}-restored`)
  // The target must be empty: drop what bootPayload migrated, as a fresh database would be.
  await target.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
  let migrating = 0
  const restore = await timed(() =>
    restoreBackup({
      pool: target.pool,
      archive: backup.value.file,
      dataDir: target.config.dataDir,
      mediaDir: target.config.mediaDir,
      knownMigrations: migrations.map((m) => m.name),
      migrate: async (names) => {
        const started = performance.now()
        await target.payload.db.migrate({ migrations: migrations.filter((m) => names.includes(m.name)) as unknown as Migration[] })
        migrating += (performance.now() - started) / 1000
      },
    }),
  )

  const mediaMb = (await dirBytes(source.config.mediaDir)) / MB
  const tarFile = path.join(work, `${label}-baseline.tar`)
  const tarCreate = await timed(() => run('tar', ['-cf', tarFile, '-C', source.config.dataDir, 'media']))
  const extractDir = path.join(work, `${label}-baseline-x`)
  await fs.mkdir(extractDir)
  const tarExtract = await timed(() => run('tar', ['-xf', tarFile, '-C', extractDir]))

  // Why the archive is a plain tar with only the tables gzipped: what gzip -1 would win on the media.
  let gzipped = 0
  const gzip = await timed(() => pipeline(createReadStream(tarFile), createGzip({ level: 1 }), new Writable({ write: (chunk: Buffer, _e, done) => ((gzipped += chunk.length), done()) })))

  const rate = (mb: number, s: number) => `${(mb / s).toFixed(0).padStart(5)} MB/s`
  console.log(`\n(${label}) ${backup.value.tables} tables, ${backup.value.rows.toLocaleString('en')} rows, ${backup.value.files} media files (${mediaMb.toFixed(0)} MB); archive ${archiveMb.toFixed(0)} MB`)
  console.log(`  backup   ${backup.seconds.toFixed(2).padStart(7)} s  ${rate(archiveMb, backup.seconds)}   | tar -cf media ${tarCreate.seconds.toFixed(2)} s ${rate(mediaMb, tarCreate.seconds)} | ratio ${(backup.seconds / tarCreate.seconds).toFixed(2)}× tar's time`)
  console.log(`  gzip -1 of the media tar: ${gzip.seconds.toFixed(2)} s for ${(100 - (gzipped / MB / mediaMb) * 100).toFixed(1)}% smaller`)
  console.log(`  restore  ${restore.seconds.toFixed(2).padStart(7)} s  ${rate(archiveMb, restore.seconds)}   | tar -xf media ${tarExtract.seconds.toFixed(2)} s ${rate(mediaMb, tarExtract.seconds)} | ratio ${(restore.seconds / tarExtract.seconds).toFixed(2)}× tar's time (of which ${migrating.toFixed(1)} s creating the schema)`)

  await fs.rm(backupDir, { recursive: true, force: true })
  await fs.rm(tarFile, { force: true })
  await fs.rm(extractDir, { recursive: true, force: true })
  await target.pool.end()
  await target.payload.destroy()
}

try {
  console.log(`bench:backup — scale ${scale}: ${BULLETINS.toLocaleString('en')} bulletins, ${(MEDIA_BYTES / MB).toFixed(0)} MB of media (${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)})`)
  if (process.env.BENCH_SKIP_DEMO !== '1') {
    const demo = await installation('demo')
    const seeded = await timed(() => seedDemo(demo.payload))
    console.log(`(demo seeded in ${seeded.seconds.toFixed(0)} s)`)
    await measure('a: demo', demo)
    await demo.pool.end()
    await demo.payload.destroy()
  }
  const large = await installation('large')
  const template = await buildBulletin(large.payload, { status: 'published', skipDistribution: true })
  const filled = await timed(async () => {
    await multiplyBulletins(large.pool, template.id, BULLETINS - 1)
    return fillMedia(large.config.mediaDir, MEDIA_BYTES)
  })
  console.log(`(synthetic instance made in ${filled.seconds.toFixed(0)} s: ${filled.value} media files)`)
  await measure('b: synthetic', large)
  await large.pool.end()
  await large.payload.destroy()
} finally {
  await stopProducers()
  await postgres.stop()
  await fs.rm(work, { recursive: true, force: true })
}
process.exit(0)
