/**
 * `npm run bench:export`: the portal export, the first half of approve → live, at 10,000 and at 50,000 published
 * bulletins side by side. Baseline: a full export (every published bulletin read through Payload at depth 1,
 * Lexical → HTML, sanitized, placeholders read), as every publication did before; measured: the incremental
 * export the worker makes after publishing one more bulletin (the worker's memory of its last export), over
 * `BENCH_EXPORT_PUBLICATIONS` publications. Both write the content file; its write is also shown apart. After
 * the publications, a full export of the same state must equal the last incremental one, or the bench fails.
 * Each size is its own database seeded by `seed:large`'s function (one version per bulletin: the history is not
 * read by the export), plus `PROGRAMS` programs. Sizes: `BENCH_EXPORT_SIZES=300,1000` for a quick run. Target: a cost per publication that does not grow with
 * the archive.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { createExportMemory, exportPortalContent, type ExportMemory, type PortalExport } from '@pregon/workers/portal/exportPortalContent'
import { buildBulletin } from '../helpers/builders'
import { createTestDatabase } from '../helpers/testDatabase'
import { seedLarge } from '@pregon/launcher/seedLarge/seedLarge'
import { startBenchPostgres } from './startBenchPostgres'

const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '10000,50000').split(',').map(Number)
const PUBLICATIONS = Number(process.env.BENCH_EXPORT_PUBLICATIONS ?? 10)
const FULL_RUNS = Number(process.env.BENCH_EXPORT_FULL_RUNS ?? 2)
/** As issue 21's full build: 1,000 programs, at both sizes (so only the bulletins differ). */
const PROGRAMS = Number(process.env.BENCH_EXPORT_PROGRAMS ?? 1000)

/** Nearest-rank percentile (with 10 samples, p95 is the slowest). */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!
const PARAGRAPHS = (n: number) => [
  `El Ayuntamiento informa que el programa número ${n} beneficiará a las familias de la colonia ${n % 97} con obras de drenaje, alumbrado y pavimentación.`,
  'Las personas interesadas pueden acudir a la oficina de atención ciudadana de lunes a viernes, de 9:00 a 15:00 horas, con identificación oficial y comprobante de domicilio.',
  `La inversión es de ${(n * 13_791) % 9_000_000} pesos, con recursos municipales y estatales; los trabajos durarán ${1 + (n % 12)} semanas.`,
  'Durante los trabajos habrá cierres parciales; se recomienda usar la avenida Hidalgo, la calle Morelos o el bulevar Juárez como rutas alternas.',
]

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-export-'))
const postgres = await startBenchPostgres({ dataDir: path.join(work, 'pg'), port: process.env.BENCH_PG_PORT })
const adminUrl = String(postgres.ready.url)
const rows: Array<Record<string, string | number>> = []
try {
  for (const size of SIZES) rows.push(await measure(size))
  console.log(`\nPortal export, full (baseline) vs incremental after one more publication, ${PUBLICATIONS} publications per size, ${PROGRAMS} programs, same run · load ${(await fs.readFile('/proc/loadavg', 'utf8')).trim()}`)
  console.table(rows)
  const [small, large] = [rows[0], rows.at(-1)]
  if (small && large && small !== large) {
    const growth = Number(large['incremental p50 ms']) / Number(small['incremental p50 ms'])
    console.log(`incremental p50 at ${large.bulletins} / at ${small.bulletins} bulletins: ${growth.toFixed(2)}× (archive ${(Number(large.bulletins) / Number(small.bulletins)).toFixed(1)}× larger)`)
  }
} finally {
  await postgres.stop()
  await fs.rm(work, { recursive: true, force: true })
}
process.exit(0)

/** One database seeded at `size` bulletins: full exports (baseline) and incremental ones after each publication. */
async function measure(size: number): Promise<Record<string, string | number>> {
  const databaseUrl = await createTestDatabase(adminUrl)
  const dataDir = path.join(work, `data-${size}`)
  const config = loadConfig({ DATABASE_URL: databaseUrl, PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  await prepareQueues(databaseUrl)
  const payload = await bootPayload(config, { migrate: true })
  const file = path.join(config.portalDir, 'content.json')
  const timed = async (memory: ExportMemory): Promise<{ ms: number; result: PortalExport }> => {
    const started = performance.now()
    const result = await exportPortalContent({ payload, siteUrl: 'http://localhost:4321', file, mediaDir: config.mediaDir, memory })
    return { ms: performance.now() - started, result }
  }
  try {
    const seed = await seedLarge({ payload, databaseUrl, bulletins: size, programs: PROGRAMS, versionsPerBulletin: 1 })
    const full: number[] = []
    let memory = createExportMemory()
    for (let run = 0; run < FULL_RUNS; run++) {
      memory = createExportMemory()
      full.push((await timed(memory)).ms)
    }
    const incremental: number[] = []
    const writes: number[] = []
    let last: PortalExport | null = null
    for (let i = 0; i < PUBLICATIONS; i++) {
      const bulletin = await buildBulletin(payload, { title: `Aviso ${i + 1}: cierre vial por obras en la colonia Centro`, paragraphs: PARAGRAPHS(i), heroImage: seed.mediaIds[i % seed.mediaIds.length], department: seed.departmentIds[i % seed.departmentIds.length], status: 'published', skipDistribution: true })
      const { ms, result } = await timed(memory)
      if (result.changes.isFull || result.changes.mapped.join() !== String(bulletin.id)) throw new Error(`the export after publishing ${bulletin.id} mapped ${result.changes.mapped.length} bulletins (full: ${result.changes.isFull})`)
      incremental.push(ms)
      writes.push(result.writeMs)
      last = result
    }
    // The same state exported in full: the baseline's last sample, and the check that incremental equals full.
    const check = await timed(createExportMemory())
    full.push(check.ms)
    if (JSON.stringify(check.result.content) !== JSON.stringify(last!.content)) throw new Error(`at ${size} bulletins the incremental export differs from a full export`)
    const bytes = (await fs.stat(file)).size
    const fullP50 = percentile(full, 50)
    // Printed at once: at 50,000 a size takes minutes.
    console.log(`${size}: full ${full.map((ms) => Math.round(ms)).join(', ')} ms · incremental ${incremental.map((ms) => Math.round(ms)).join(', ')} ms · its file writes ${writes.map((ms) => Math.round(ms)).join(', ')} ms`)
    return {
      bulletins: check.result.content.bulletins.length,
      'full export p50 s (baseline)': Number((fullP50 / 1000).toFixed(2)),
      'full runs': full.length,
      'incremental p50 ms': Math.round(percentile(incremental, 50)),
      'incremental p95 ms': Math.round(percentile(incremental, 95)),
      'file write p50 ms': Math.round(percentile(writes, 50)),
      'incremental w/o write p50 ms': Math.round(percentile(incremental.map((ms, i) => ms - writes[i]!), 50)),
      'incremental / full (p50)': Number((percentile(incremental, 50) / fullP50).toFixed(3)),
      'content file MB': Number((bytes / 1024 / 1024).toFixed(1)),
    }
  } finally {
    ;(payload.db as unknown as { pool: pg.Pool }).pool.on('error', () => {})
    await stopProducers()
    await payload.destroy()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`).catch(() => {})
    await admin.end()
  }
}
