/**
 * `npm run bench:api`: Payload's API over HTTP on an archive of 50,000 bulletins (BENCH_API_BULLETINS to shrink
 * it), each with its department, a reused photo and 5 versions, plus 1,000 programs (seed:large). 20 concurrent
 * clients read the public list (page 1 of one department, and page 500 of the whole archive: a department has
 * fewer than 500 pages), one bulletin by slug, and the same three through GraphQL; the baseline of each is a
 * hand-written SQL query returning the same rows (and the total, as the API does), through `pg` at the same
 * concurrency, in the same run. Targets: p95 ≤ 30 ms and ≤ 3× SQL. Then, as a signed-in editor, the admin's
 * list view request and the dashboard's reads: ≤ 300 ms.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { seedLarge } from '@pregon/launcher/seedLarge/seedLarge'
import { dashboardWork } from '@pregon/cms/components/dashboardWork'
import { createTestDatabase } from '../helpers/testDatabase'
import { concurrentReads, type Latency } from './concurrentReads'
import { serveApi } from './serveApi'
import { startBenchPostgres } from './startBenchPostgres'

const BULLETINS = Number(process.env.BENCH_API_BULLETINS ?? 50_000)
const PROGRAMS = Number(process.env.BENCH_API_PROGRAMS ?? 1_000)
const CLIENTS = 20
const PER_CLIENT = Number(process.env.BENCH_API_REQUESTS_PER_CLIENT ?? 15)

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-api-'))
await fs.chmod(work, 0o755)
const postgres = await startBenchPostgres({ dataDir: path.join(work, 'pg'), port: process.env.BENCH_API_PG_PORT })
const adminUrl = String(postgres.ready.url)
const databaseUrl = await createTestDatabase(adminUrl)
const config = loadConfig({ DATABASE_URL: databaseUrl, PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'silent' })
await prepareQueues(databaseUrl)
const payload = await bootPayload(config, { migrate: true })
const sql = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS })
let server: Awaited<ReturnType<typeof serveApi>> | undefined
const rows: Array<Record<string, string | number>> = []
let code = 0

/** The hand-written public list: the bulletins' public columns, their department and photo, and the total. */
const LIST_SQL = (byDepartment: boolean) => `
  SELECT b.id, b.title, b.slug, b.summary, b.body, b.kind, b.place, b.event_date, b.spokesperson, b.published_at, b.updated_at,
         to_jsonb(d) AS department, to_jsonb(m) AS hero_image,
         (SELECT coalesce(json_agg(t.text ORDER BY t."order"), '[]') FROM bulletins_texts t WHERE t.parent_id = b.id) AS topics
  FROM bulletins b LEFT JOIN departments d ON d.id = b.department_id LEFT JOIN media m ON m.id = b.hero_image_id
  WHERE b._status = 'published' ${byDepartment ? 'AND b.department_id = $3' : ''}
  ORDER BY b.published_at DESC LIMIT $1 OFFSET $2`
const COUNT_SQL = (byDepartment: boolean) => `SELECT count(*)::int AS n FROM bulletins WHERE _status = 'published' ${byDepartment ? 'AND department_id = $1' : ''}`

try {
  const seeded = await seedLarge({ payload, databaseUrl, bulletins: BULLETINS, programs: PROGRAMS, log: (line) => console.error(`[seed] ${line}`) })
  console.log(`Seeded ${seeded.bulletins} bulletins × ${seeded.versions} versions and ${seeded.programs} programs: ${seeded.rows} rows in ${seeded.bulkSeconds.toFixed(1)} s (${Math.round(seeded.bulletinsPerSecond)} bulletins/s, target ≥ 2,000; with Payload's templates and photos ${seeded.totalSeconds.toFixed(1)} s)`)
  server = await serveApi(payload, { port: Number(process.env.BENCH_API_PORT ?? 0) })
  const api = server.url
  const department = seeded.departmentIds[3]!
  // Page 500 at 50,000 bulletins; the deepest page there is when the bench runs smaller.
  const published = Number((await sql.query(COUNT_SQL(false))).rows[0]!.n)
  const DEEP_PAGE = Math.min(500, Math.floor(published / 10))
  const slugs = (await sql.query<{ slug: string }>(`SELECT slug FROM bulletins WHERE _status = 'published' ORDER BY md5(slug) LIMIT 200`)).rows.map((r) => r.slug)

  const getJson = async (url: string, init?: RequestInit) => {
    const response = await fetch(url, init)
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`)
    return (await response.json()) as { docs?: Array<{ id: number; department?: { id: number } | null }>; totalDocs?: number; data?: Record<string, { docs: Array<{ id: number }>; totalDocs: number }>; errors?: unknown }
  }
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const body = await getJson(`${api}/api/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) })
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors).slice(0, 300)}`)
    return body.data!.Bulletins!
  }
  const GQL_LIST = `query ($where: Bulletin_where, $page: Int) { Bulletins(where: $where, limit: 10, page: $page, sort: "-publishedAt") {
    totalDocs docs { id title slug summary publishedAt kind department { id name slug } heroImage { id url alt width height } } } }`
  const restList = (page: number, byDepartment: boolean) =>
    `${api}/api/bulletins?depth=1&limit=10&page=${page}&sort=-publishedAt${byDepartment ? `&where[department][equals]=${department}` : ''}`
  const sqlList = async (page: number, byDepartment: boolean) => {
    const [list, count] = await Promise.all([
      sql.query(LIST_SQL(byDepartment), byDepartment ? [10, (page - 1) * 10, department] : [10, (page - 1) * 10]),
      sql.query(COUNT_SQL(byDepartment), byDepartment ? [department] : []),
    ])
    return { ids: list.rows.map((r) => Number(r.id)), total: Number(count.rows[0]!.n) }
  }
  const sqlBySlug = async (slug: string) => (await sql.query(LIST_SQL(false).replace("b._status = 'published'", "b._status = 'published' AND b.slug = $3"), [1, 0, slug])).rows.map((r) => Number(r.id))

  // Same rows: the API's answer and the baseline's, compared once before timing.
  const same = (what: string, api: { ids: number[]; total?: number }, base: { ids: number[]; total?: number }) => {
    if (JSON.stringify(api) !== JSON.stringify(base) || base.ids.length === 0) throw new Error(`${what}: the API and the SQL baseline disagree: ${JSON.stringify(api)} vs ${JSON.stringify(base)}`)
  }
  const restIds = async (url: string) => {
    const body = await getJson(url)
    return { ids: body.docs!.map((d) => d.id), total: body.totalDocs! }
  }
  same('list page 1 (department)', await restIds(restList(1, true)), await sqlList(1, true))
  same(`list page ${DEEP_PAGE}`, await restIds(restList(DEEP_PAGE, false)), await sqlList(DEEP_PAGE, false))
  same('by slug', { ids: (await getJson(`${api}/api/bulletins?depth=1&limit=1&where[slug][equals]=${slugs[0]}`)).docs!.map((d) => d.id) }, { ids: await sqlBySlug(slugs[0]!) })
  const gqlIds = async (where: Record<string, unknown>, page: number) => {
    const answer = await gql(GQL_LIST, { where, page })
    return { ids: answer.docs.map((d) => d.id), total: answer.totalDocs }
  }
  same('GraphQL list page 1 (department)', await gqlIds({ department: { equals: department } }, 1), await sqlList(1, true))
  same(`GraphQL list page ${DEEP_PAGE}`, await gqlIds({}, DEEP_PAGE), await sqlList(DEEP_PAGE, false))

  const timed = (read: (i: number) => Promise<unknown>) => concurrentReads(async (i) => void (await read(i)), { clients: CLIENTS, perClient: PER_CLIENT })
  const publicReads: Array<[string, () => Promise<Latency>, () => Promise<Latency>]> = [
    ['REST list page 1, one department', () => timed(() => getJson(restList(1, true))), () => timed(() => sqlList(1, true))],
    [`REST list page ${DEEP_PAGE}`, () => timed(() => getJson(restList(DEEP_PAGE, false))), () => timed(() => sqlList(DEEP_PAGE, false))],
    ['REST one bulletin by slug', () => timed((i) => getJson(`${api}/api/bulletins?depth=1&limit=1&where[slug][equals]=${slugs[i % slugs.length]}`)), () => timed((i) => sqlBySlug(slugs[i % slugs.length]!))],
    ['GraphQL list page 1, one department', () => timed(() => gql(GQL_LIST, { where: { department: { equals: department } }, page: 1 })), () => timed(() => sqlList(1, true))],
    [`GraphQL list page ${DEEP_PAGE}`, () => timed(() => gql(GQL_LIST, { where: {}, page: DEEP_PAGE })), () => timed(() => sqlList(DEEP_PAGE, false))],
    ['GraphQL one bulletin by slug', () => timed((i) => gql(GQL_LIST, { where: { slug: { equals: slugs[i % slugs.length] } }, page: 1 })), () => timed((i) => sqlBySlug(slugs[i % slugs.length]!))],
  ]
  for (const [figure, measure, baseline] of publicReads) {
    // Interleaved per figure, so a load change on the machine hits both sides alike.
    const base = await baseline()
    const got = await measure()
    const ratio = got.p95 / base.p95
    rows.push({ figure, 'p50 ms': round(got.p50), 'p95 ms': round(got.p95), 'SQL p50': round(base.p50), 'SQL p95': round(base.p95), 'ratio p95': `${ratio.toFixed(2)}×`, target: '≤ 30 ms, ≤ 3×', met: got.p95 <= 30 && ratio <= 3 ? 'met' : 'MISSED' })
  }

  // The office, signed in: an editor (no second factor), as the admin's list view and dashboard read.
  const password = randomBytes(12).toString('hex')
  const editor = await payload.create({ collection: 'users', data: { email: 'bench.editora@pregon.test', name: 'Editora de la medición', role: 'editor', password } })
  const { token } = await payload.login({ collection: 'users', data: { email: editor.email, password } })
  const auth = { headers: { Authorization: `JWT ${token}` } }
  // The list view's request: depth 0, the working copies (draft=true), default sort and page size.
  const adminList = () => getJson(`${api}/api/bulletins?depth=0&draft=true&limit=10&page=1&sort=-publishedAt`, auth)
  const adminBase = () => Promise.all([sql.query('SELECT * FROM bulletins ORDER BY published_at DESC NULLS LAST LIMIT 10'), sql.query('SELECT count(*) FROM bulletins')])
  const adminFigures: Array<[string, () => Promise<unknown>, (() => Promise<unknown>) | null]> = [
    ['Admin list view (editor, 10 per page, -publishedAt)', adminList, adminBase],
    ['Admin dashboard reads (editor)', () => dashboardReads(editor as never), null],
  ]
  for (const [figure, read, baseline] of adminFigures) {
    const base = baseline ? await concurrentReads(async () => void (await baseline()), { clients: 1, perClient: 20, warmup: 3 }) : null
    const got = await concurrentReads(async () => void (await read()), { clients: 1, perClient: 20, warmup: 3 })
    rows.push({ figure, 'p50 ms': round(got.p50), 'p95 ms': round(got.p95), 'SQL p50': base ? round(base.p50) : '—', 'SQL p95': base ? round(base.p95) : '—', 'ratio p95': base ? `${(got.p95 / base.p95).toFixed(2)}×` : '—', target: '≤ 300 ms', met: got.p95 <= 300 ? 'met' : 'MISSED' })
  }
} catch (error) {
  code = 1
  console.error(error)
} finally {
  await server?.close()
  await sql.end()
  await stopProducers()
  await payload.destroy()
  await postgres.stop()
  await fs.rm(work, { recursive: true, force: true })
}
if (rows.length > 0) {
  console.log(`\nAPI at size: ${BULLETINS} bulletins, ${CLIENTS} concurrent clients × ${PER_CLIENT} requests per figure (admin figures: one person, 20 requests); baseline: hand-written SQL through pg, same rows, same concurrency, same run`)
  console.table(rows)
  console.log(`load: ${(await fs.readFile('/proc/loadavg', 'utf8').catch(() => '?')).trim()}`)
}
process.exit(code)

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** What the dashboard reads for a person (cms/components/EditorialDashboard.tsx): open work, overdue, alerts. */
async function dashboardReads(user: Parameters<typeof dashboardWork>[0]['user']) {
  await Promise.all([
    dashboardWork({ payload, user }),
    payload.find({ collection: 'bulletins', overrideAccess: false, user, draft: true, depth: 0, limit: 1, where: { and: [{ workflowState: { equals: 'scheduled' } }, { publishAt: { less_than: new Date().toISOString() } }] } }),
    payload.findGlobal({ slug: 'scheduler-status', overrideAccess: false, user }),
    payload.findGlobal({ slug: 'site-settings' }),
    payload.find({ collection: 'distributions', overrideAccess: false, user, depth: 1, limit: 10, sort: '-isUrgent', where: { status: { equals: 'pending' } } }),
    payload.find({ collection: 'distributions', overrideAccess: false, user, depth: 1, limit: 10, sort: '-updatedAt', where: { status: { in: ['unknown', 'failed'] } } }),
  ])
}
