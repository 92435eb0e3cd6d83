import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { poolOf } from '@pregon/cms/worker'
import { assembleCouncilReport } from '@pregon/workers/reports/assembleCouncilReport'
import { makeCouncilReport } from '@pregon/workers/reports/makeCouncilReport'
import { ingestAccessLogs } from '@pregon/workers/stats/ingestAccessLogs'
import type { CouncilReport } from '@pregon/workers/reports/types'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildDepartment, buildUser } from '../../helpers/builders'
import { flat, pdfPages } from '../../helpers/pdfText'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

/**
 * The monthly report for a seeded month: October 2026, 40 bulletins, posts on 3 networks, and 20,000 requests
 * replayed from an nginx access log (plus Pregón's own portal log for one day). The expected portal figures are
 * counted from the log text by the small, independent counter below, not by Pregón's reader.
 */
const MONTH = '2026-10'
const LINES = 20_000
const BROWSERS = [
  'Mozilla/5.0 (Linux; Android 14; SM-A155M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
]
const BOTS = ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

let harness: TaskHarness
let payload: Payload
let report: CouncilReport
let slugs: string[] = []
let logText = ''
let proxyDir: string | undefined

/** A small seeded generator: the same log every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function combined({ host, day, month = 10, second, method = 'GET', target, status = 200, agent }: { host: string; day: number; month?: number; second: number; method?: string; target: string; status?: number; agent: string }): string {
  const hh = 14 + Math.floor(second / 3600) // 14:00–22:59 UTC: the same day in the office's zone (UTC-6)
  const mm = Math.floor((second % 3600) / 60)
  const ss = second % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${host} - - [${pad(day)}/${MONTHS[month - 1]}/2026:${pad(hh)}:${pad(mm)}:${pad(ss)} +0000] "${method} ${target} HTTP/1.1" ${status} ${status === 304 ? 0 : 5120} "-" "${agent}"`
}

/** The log's truth, counted from its text with plain rules that hold for this log (not Pregón's reader). */
function countFromLog(text: string) {
  const days = new Map<string, { views: number; visitors: Set<string> }>()
  const pages = new Map<string, number>()
  const readers = new Map<string, number>()
  for (const line of text.split('\n')) {
    const m = /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/2026:[^\]]+\] "(\S+) (\S+) [^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"$/.exec(line)
    if (!m) continue
    const [, host, day, month, method, target, status, agent] = m as unknown as string[]
    if (month !== 'Oct') continue
    const route = target!.split('?')[0]!
    if (route === '/rss.xml' && (status === '200' || status === '304')) {
      const reader = /^(\w+)/.exec(agent!)![1]!
      const subscribers = Number(/(\d+) subscribers/.exec(agent!)?.[1] ?? 1)
      readers.set(reader, Math.max(readers.get(reader) ?? 0, subscribers))
      continue
    }
    if (method !== 'GET' || !['200', '304'].includes(status!) || /bot/i.test(agent!) || /^\/(_astro|media|pagefind)\//.test(route)) continue
    const entry = days.get(day!) ?? { views: 0, visitors: new Set<string>() }
    entry.views++
    entry.visitors.add(host!.startsWith('v:') ? host! : `${host}\n${agent}`)
    days.set(day!, entry)
    pages.set(route, (pages.get(route) ?? 0) + 1)
  }
  return {
    views: [...days.values()].reduce((n, d) => n + d.views, 0),
    visitorDays: [...days.values()].reduce((n, d) => n + d.visitors.size, 0),
    byDay: Array.from({ length: 31 }, (_, i) => days.get(String(i + 1).padStart(2, '0'))?.views ?? 0),
    pages,
    feedReaders: [...readers.values()].reduce((n, r) => n + r, 0),
  }
}

beforeAll(async () => {
  // The operator's nginx writes its log outside Pregón's data directory; ACCESS_LOG_FILES names it.
  proxyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-nginx-'))
  const proxyLog = path.join(proxyDir, 'access.log')
  harness = await startTaskHarness({ env: { ACCESS_LOG_FILES: proxyLog, SITE_URL: 'https://guasave.test' } })
  payload = harness.t.payload
  const departments = [await buildDepartment(payload, 'Obras Públicas'), await buildDepartment(payload, 'Salud'), await buildDepartment(payload, 'Protección Civil')]
  // 40 bulletins published in October: 20 of Obras Públicas, 12 of Salud, 8 of Protección Civil.
  for (let i = 0; i < 40; i++) {
    const department = departments[i < 20 ? 0 : i < 32 ? 1 : 2]!
    const bulletin = await buildBulletin(payload, { title: `Boletín de octubre número ${i + 1}`, department: department.id, status: 'published', skipDistribution: true })
    slugs.push(bulletin.slug!)
    await harness.t.query(`UPDATE bulletins SET published_at = $2, kind = $3 WHERE id = $1`, [bulletin.id, new Date(Date.UTC(2026, 9, (i % 31) + 1, 17)), i % 10 === 0 ? 'aviso' : 'boletin'])
    // Posted on three networks: Facebook and X always, Mastodon every other one (one of them failed).
    for (const [channel, status] of [['facebook', 'sent'], ['x', 'sent'], ...(i % 2 === 0 ? [['mastodon', i === 0 ? 'failed' : 'sent']] : [])] as const) {
      await harness.t.query(`INSERT INTO distributions (bulletin_id, channel, version_hash, status, purpose, completed_at) VALUES ($1, $2, 'h', $3, 'publication', $4)`, [bulletin.id, channel, status, new Date(Date.UTC(2026, 9, (i % 31) + 1, 18))])
    }
  }
  // A bulletin of November does not count.
  const november = await buildBulletin(payload, { title: 'Boletín de noviembre', department: departments[0]!.id, status: 'published', skipDistribution: true })
  await harness.t.query(`UPDATE bulletins SET published_at = '2026-11-02T17:00:00Z' WHERE id = $1`, [november.id])

  // 20,000 requests in the nginx log, as a month of a municipal portal mixes them.
  const next = random(20261001)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const paths = ['/', '/boletines/', '/programas/', '/peticiones/', ...slugs.map((slug) => `/boletines/${slug}/`)]
  const lines: string[] = []
  const at = () => ({ day: 1 + Math.floor(next() * 31), second: Math.floor(next() * 9 * 3600) })
  for (let i = 0; i < LINES; i++) {
    const roll = next()
    const host = `189.203.${Math.floor(next() * 40)}.${Math.floor(next() * 250)}`
    if (roll < 0.7) lines.push(combined({ host, ...at(), target: `${pick(paths)}${next() < 0.1 ? '?utm_source=facebook' : ''}`, status: next() < 0.1 ? 304 : 200, agent: pick(BROWSERS) }))
    else if (roll < 0.775) lines.push(combined({ host: '52.6.1.2', ...at(), target: '/rss.xml', status: next() < 0.5 ? 304 : 200, agent: pick([`Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${20 + Math.floor(next() * 38)} subscribers; like FeedFetcher-Google)`, `Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; ${1 + Math.floor(next() * 12)} subscribers; )`]) }))
    else if (roll < 0.9) lines.push(combined({ host: '66.249.66.1', ...at(), target: pick(paths), agent: pick(BOTS) }))
    else if (roll < 0.96) lines.push(combined({ host, ...at(), target: pick(['/_astro/index.Bx7.css', '/media/foto-1200.webp', '/pagefind/pagefind.js']), agent: pick(BROWSERS) }))
    else if (roll < 0.985) lines.push(combined({ host, ...at(), target: '/boletines/no-existe/', status: 404, agent: pick(BROWSERS) }))
    else if (roll < 0.995) lines.push(combined({ host, ...at(), method: 'HEAD', target: '/', agent: pick(BROWSERS) }))
    else lines.push(combined({ host, day: 30, month: 9, second: Math.floor(next() * 3600), target: '/', agent: pick(BROWSERS) }))
  }
  expect(lines).toHaveLength(LINES)
  await fs.writeFile(proxyLog, `${lines.join('\n')}\n`)
  // Pregón's own portal server, one day: visitors are tokens, never addresses.
  await fs.mkdir(harness.t.config.accessLogs.dir, { recursive: true })
  const own = Array.from({ length: 60 }, (_, i) => combined({ host: `v:${(i % 7).toString(16).padStart(16, 'a')}`, day: 15, second: i * 30, target: `/boletines/${slugs[i % 5]}/`, agent: BROWSERS[i % 4]! }))
  await fs.writeFile(path.join(harness.t.config.accessLogs.dir, 'portal-access-2026-10-15.log'), `${own.join('\n')}\n`)
  logText = `${lines.join('\n')}\n${own.join('\n')}`
}, 180_000)

afterAll(async () => {
  await harness?.close()
  if (proxyDir) await fs.rm(proxyDir, { recursive: true, force: true })
})

describe('the council’s monthly report', () => {
  it('counts the access logs once, however often they are read, and keeps no address', async () => {
    const first = await ingestAccessLogs(harness.ctx)
    expect(first?.lines).toBe(LINES + 60)
    // Read again (the five-minute pass): nothing new, nothing counted twice.
    expect((await ingestAccessLogs(harness.ctx))?.lines).toBe(0)
    // October's visitor hashes and its salt are gone (older than two days): counted, and no longer linkable.
    const left = await harness.t.query<{ visitors: number; salts: number }>(`SELECT (SELECT count(*) FROM stats_visitors)::int AS visitors, (SELECT count(*) FROM stats_salts)::int AS salts`)
    expect(left).toEqual([{ visitors: 0, salts: 0 }])
    const everything = await harness.t.query<{ text: string }>(
      `SELECT concat_ws(' ', (SELECT string_agg(path, ' ') FROM stats_pages), (SELECT string_agg(feed || reader, ' ') FROM stats_feeds), (SELECT string_agg(day::text, ' ') FROM stats_days)) AS text`,
    )
    expect(everything[0]!.text).toContain('/boletines/')
    expect(everything[0]!.text).not.toMatch(/189\.203\.|66\.249\./)
  })

  it('shows the right counts for the month, checked against the log', async () => {
    report = await assembleCouncilReport(poolOf(payload), { period: { kind: 'month', year: 2026, month: 10 }, timeZone: 'America/Mexico_City', office: 'Comunicación Social · Guasave' })
    const truth = countFromLog(logText)
    expect(truth.views).toBeGreaterThan(13_000)
    expect(report.portal.views).toBe(truth.views)
    expect(report.portal.visitorDays).toBe(truth.visitorDays)
    expect(report.portal.byDay.map((d) => d.value)).toEqual(truth.byDay)
    const top = [...truth.pages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
    expect(report.portal.topPages[0]).toMatchObject({ path: top[0], views: top[1] })
    expect(report.portal.feeds).toEqual([{ feed: '/rss.xml', readers: truth.feedReaders }])

    expect(report.bulletins.total).toBe(40)
    expect(report.bulletins.byDepartment).toEqual([
      { label: 'Obras Públicas', value: 20 },
      { label: 'Salud', value: 12 },
      { label: 'Protección Civil', value: 8 },
    ])
    expect(report.bulletins.byKind).toEqual([
      { label: 'Boletín', value: 36 },
      { label: 'Aviso', value: 4 },
    ])
    expect(report.bulletins.byMonth.reduce((n, d) => n + d.value, 0)).toBe(40)
    expect(report.reach.map((r) => [r.channel, r.sent, r.failed])).toEqual([
      ['Facebook', 40, 0],
      ['X', 40, 0],
      ['Mastodon', 19, 1],
    ])
  })

  it('is made by the worker when the office asks, as a page with a table for every chart and the same figures in the PDF', async () => {
    const editor = await buildUser(payload, 'editor')
    const asked = await payload.create({ collection: 'council-reports', overrideAccess: false, user: editor, data: { period: MONTH, status: 'pending' } })
    await expect(payload.create({ collection: 'council-reports', overrideAccess: false, user: editor, data: { period: 'octubre', status: 'pending' } })).rejects.toThrow(/2026-11/)
    expect(await makeCouncilReport(harness.ctx, asked.id)).toBe('ready')
    const [row] = await harness.t.query<{ status: string; html: string }>('SELECT status, html FROM council_reports WHERE id = $1', [asked.id])
    expect(row!.status).toBe('ready')
    const number = (n: number) => new Intl.NumberFormat('es-MX').format(n)
    const svgs = row!.html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
    const tables = row!.html.match(/<table[\s\S]*?<\/table>/g) ?? []
    expect(svgs.length).toBeGreaterThanOrEqual(4)
    expect(tables.length).toBeGreaterThanOrEqual(svgs.length)
    expect(svgs.every((svg) => /role="img"/.test(svg))).toBe(true)
    expect(row!.html).toContain(number(report.portal.views))
    expect(row!.html).toContain('Obras Públicas')

    const pdf = await fs.readFile(path.join(harness.t.config.dataDir, 'reports', `informe-${asked.id}.pdf`))
    const text = flat(await pdfPages(pdf))
    for (const figure of [number(report.portal.views), number(report.portal.visitorDays), 'Obras Públicas', 'Protección Civil', 'Mastodon']) expect(text).toContain(figure)

    // Staff read it on the API; nobody else does.
    const api = apiClients(payload)
    expect((await api.request('GET', `council-reports/${asked.id}/pdf`)).status).toBe(401)
    const password = 'contraseña-informes-1'
    const reader = await buildUser(payload, 'approver', { email: 'informes@pregon.test', password })
    const { token } = await payload.login({ collection: 'users', data: { email: reader.email, password } })
    const download = await api.request('GET', `council-reports/${asked.id}/pdf`, { token })
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true)
    expect(download.headers.get('cache-control')).toContain('no-store')
  })

  it('tells staff how often a bulletin’s page was seen in the last 30 days, and nobody else', async () => {
    const now = new Date()
    const stamp = `${String(now.getUTCDate()).padStart(2, '0')}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:${String(now.getUTCHours()).padStart(2, '0')}:00:00 +0000`
    const today = Array.from({ length: 5 }, (_, i) => `v:${String(i).repeat(16)} - - [${stamp}] "GET /boletines/${slugs[3]}/ HTTP/1.1" 200 5120 "-" "${BROWSERS[0]}"`)
    await fs.writeFile(path.join(harness.t.config.accessLogs.dir, `portal-access-${now.toISOString().slice(0, 10)}.log`), `${today.join('\n')}\n`)
    expect((await ingestAccessLogs(harness.ctx))?.pageViews).toBe(5)
    const [bulletin] = await harness.t.query<{ id: number }>('SELECT id FROM bulletins WHERE slug = $1', [slugs[3]])
    const api = apiClients(payload)
    expect((await api.request('GET', `bulletins/${bulletin!.id}/views`)).status).toBe(401)
    const password = 'contraseña-visitas-1'
    const editor = await buildUser(payload, 'editor', { email: 'visitas@pregon.test', password })
    const { token } = await payload.login({ collection: 'users', data: { email: editor.email, password } })
    const views = (await (await api.request('GET', `bulletins/${bulletin!.id}/views`, { token })).json()) as { total: number; days: Array<{ views: number }> }
    expect(views.total).toBe(5)
    expect(views.days.map((d) => d.views)).toEqual([5])
  })
})

