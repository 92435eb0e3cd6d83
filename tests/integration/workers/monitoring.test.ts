import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { partsIn, zonedInstant } from '@pregon/core/subscriptions'
import { pollSources, type PollOutcome } from '@pregon/workers/monitoring/pollSources'
import { sendSynthesis } from '@pregon/workers/monitoring/sendSynthesis'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildDepartment, buildUser } from '../../helpers/builders'
import { atomFeed, rssFeed, startFeedServer, type FeedServer, type SampleItem } from '../../helpers/feedServer'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

const TZ = 'America/Mexico_City'
const HOURS = 3_600_000
let harness: TaskHarness
let servers: FeedServer[]
let payload: Payload
/** The test's clock: the first sweep runs now; the síntesis is due about three hours later (synthesisHour). */
const pollAt = new Date()
let dueAt: Date
let bulletinId: number
let obrasId: number
/** Sources expected to fail, by name, with the words their error must carry. */
const broken = new Map<string, RegExp>([
  ['Canal borrado', /404/],
  ['Página en vez de canal', /página HTML/],
  ['Canal cortado', /incompleto|mal formado/],
  ['Servidor caído', /falla \(500\)/],
  ['Servidor que no responde', /no respondió/],
  ['Dominio inexistente', /No se encontró el sitio|rechazó la conexión/],
])

const LEAD = 'El Ayuntamiento de Guasave inició la rehabilitación de 14 kilómetros de drenaje sanitario en la colonia Centro, con una inversión de 12 millones de pesos y trabajos que durarán tres meses'

/**
 * The síntesis hour for this run: about three hours after the first sweep, in the office's zone, kept away from
 * midnight so «a minute before» and «just after» fall on the same day. The sweeps' items are then inside its
 * 24-hour period whatever time the suite runs.
 */
function synthesisHour(after: Date): { time: string; due: Date } {
  let at = new Date(after.getTime() + 3 * HOURS)
  for (;;) {
    const p = partsIn(at, TZ)
    const minuteOfDay = p.hour * 60 + p.minute
    if (minuteOfDay >= 10 && minuteOfDay <= 1_430) {
      return { time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`, due: zonedInstant({ year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute }, TZ) }
    }
    at = new Date(at.getTime() + 20 * 60_000)
  }
}

/** Ten ordinary items of one outlet, and now and then one that concerns the municipality. */
function itemsOf(outlet: number, site: string): SampleItem[] {
  const items: SampleItem[] = Array.from({ length: 10 }, (_, n) => ({
    title: `Nota ${n + 1} del medio ${outlet}: clima, deportes y espectáculos`,
    link: `${site}/nota-${outlet}-${n + 1}/`,
    description: `Resumen de la nota ${n + 1}; sin relación con el gobierno local.`,
    date: new Date(pollAt.getTime() - (n + 1) * HOURS),
  }))
  if (outlet % 5 === 0) items.push({ title: `Vecinos piden más agua potable en Guasave (medio ${outlet})`, link: `${site}/agua-${outlet}/?utm_source=rss&utm_medium=feed`, description: 'Obras Públicas promete revisar la red.', date: new Date(pollAt.getTime() - 30 * 60_000) })
  return items
}

beforeAll(async () => {
  const hour = synthesisHour(pollAt)
  dueAt = hour.due
  harness = await startTaskHarness({ env: { CMS_URL: 'https://prensa.guasave.test', SITE_URL: 'https://guasave.test' } })
  payload = harness.t.payload
  const obras = await buildDepartment(payload, 'Obras Públicas')
  obrasId = obras.id
  await buildDepartment(payload, 'Salud')
  await payload.updateGlobal({
    slug: 'site-settings',
    overrideAccess: true,
    data: { municipalityName: 'Guasave', officeName: 'Coordinación de Comunicación Social', publicServants: [{ name: 'María Guadalupe Ramírez Torres', titles: ['presidenta municipal'] }] },
  })
  await payload.updateGlobal({
    slug: 'monitoring-settings',
    overrideAccess: true,
    data: { synthesisTime: hour.time, synthesisRecipients: ['titular@guasave.test', 'presidencia@guasave.test'], topics: ['agua potable'] },
  })
  const bulletin = await buildBulletin(payload, { title: 'Inicia rehabilitación de drenaje en la colonia Centro', summary: LEAD, paragraphs: ['Las obras se harán por tramos para no cerrar calles completas.'], department: obras.id, status: 'published', skipDistribution: true })
  bulletinId = bulletin.id

  // Four outlets' servers, ten sources each: 34 that work, 6 broken in the ways outlets' feeds break.
  servers = await Promise.all([0, 1, 2, 3].map(() => startFeedServer()))
  let n = 0
  for (const server of servers) {
    for (let k = 0; k < 10; k++) {
      n++
      const site = `${server.origin}/medio${n}`
      const items = itemsOf(n, site)
      if (n === 7) items.push({ title: 'Arranca obra de drenaje en la colonia Centro de Guasave', link: `${site}/drenaje-centro/`, description: `${LEAD}.`, date: new Date(pollAt.getTime() - 2 * HOURS) })
      if (n === 12) items.push({ title: 'La presidenta municipal inaugura el nuevo centro de salud', link: `${site}/centro-salud/`, description: 'Salud atenderá a 3 mil familias.', date: new Date(pollAt.getTime() - 3 * HOURS) })
      // Two outlets carry the same agency note, one with tracking parameters: stored once.
      if (n === 21 || n === 22) items.push({ title: 'Guasave, sede del encuentro estatal de cronistas', link: `${servers[0]!.origin}/agencia/cronistas/${n === 22 ? '?utm_source=twitter&fbclid=abc#top' : ''}`, description: 'Nota de agencia.', date: new Date(pollAt.getTime() - 4 * HOURS) })
      const body = n % 2 === 0 ? atomFeed({ title: `Medio ${n}`, site, items }) : rssFeed({ title: `Medio ${n}`, site, items })
      server.routes.set(`/medio${n}/feed`, { body, contentType: n % 2 === 0 ? 'application/atom+xml' : 'application/rss+xml; charset=UTF-8', etag: `"v1-${n}"`, lastModified: new Date(pollAt.getTime() - HOURS).toUTCString() })
    }
  }
  const [a, b] = servers
  a!.routes.delete('/medio1/feed')
  a!.routes.set('/medio2/feed', { body: '<!doctype html><html><head><title>Inicio</title></head><body><h1>El Diario</h1></body></html>', contentType: 'text/html; charset=utf-8' })
  a!.routes.set('/medio3/feed', { body: rssFeed({ title: 'Cortado', site: 'https://x.test', items: itemsOf(3, 'https://x.test') }).slice(0, 700), contentType: 'application/rss+xml' })
  b!.routes.set('/medio11/feed', { body: 'Internal Server Error', status: 500, contentType: 'text/plain' })
  b!.routes.set('/medio13/feed', { body: '', delayMs: 5_000 })

  const outlets = new Map<number, number>()
  for (let i = 1; i <= 40; i++) {
    const outlet = await payload.create({ collection: 'outlets', overrideAccess: true, data: { name: `Medio ${i}`, kind: 'digital' } })
    outlets.set(i, outlet.id)
  }
  const names: Record<number, string> = { 1: 'Canal borrado', 2: 'Página en vez de canal', 3: 'Canal cortado', 11: 'Servidor caído', 13: 'Servidor que no responde' }
  for (let i = 1; i <= 40; i++) {
    const server = servers[Math.floor((i - 1) / 10)]!
    await payload.create({ collection: 'monitor-sources', overrideAccess: true, data: { name: names[i] ?? `Medio ${i}: portada`, outlet: outlets.get(i)!, url: `${server.origin}/medio${i}/feed`, intervalMinutes: 30 } })
  }
  // The fortieth outlet moved to a domain that does not resolve.
  await payload.update({ collection: 'monitor-sources', where: { name: { equals: 'Medio 40: portada' } }, overrideAccess: true, data: { name: 'Dominio inexistente', url: 'http://medio-que-ya-no-existe.invalid/feed' } })
}, 120_000)

afterAll(async () => {
  await Promise.all((servers ?? []).map((server) => server.close()))
  await harness?.close()
})

describe('press monitoring', () => {
  let first: PollOutcome[]

  it('reads 40 sources, stores each item once, and gives each broken source its own Spanish error without stopping the rest', async () => {
    first = (await pollSources(harness.ctx, { now: () => pollAt, hostIntervalMs: 30, timeoutMs: 1_500 }))!
    expect(first).toHaveLength(40)
    const sources = await harness.t.query<{ id: number; name: string; health: string; last_error: string | null; failures: number; items_last_poll: number | null }>(
      'SELECT id, name, health, last_error, failures::int AS failures, items_last_poll::int AS items_last_poll FROM monitor_sources ORDER BY id',
    )
    const failing = sources.filter((s) => s.health === 'error')
    expect(failing.map((s) => s.name).sort()).toEqual([...broken.keys()].sort())
    for (const source of failing) {
      expect(source.last_error).toMatch(broken.get(source.name)!)
      expect(source.failures).toBe(1)
    }
    expect(sources.filter((s) => s.health === 'ok')).toHaveLength(34)

    // 34 feeds × 10 items, the «agua potable» notes of the working feeds whose number is a multiple of 5,
    // the drenaje pick-up, the presidenta's note, and the agency note once (two feeds, one canonical URL).
    const working = Array.from({ length: 40 }, (_, i) => i + 1).filter((i) => ![1, 2, 3, 11, 13, 40].includes(i))
    const expected = working.length * 10 + working.filter((i) => i % 5 === 0).length + 3
    const [{ n }] = (await harness.t.query<{ n: number }>('SELECT count(*)::int AS n FROM monitor_items')) as [{ n: number }]
    expect(n).toBe(expected)
    const agency = await harness.t.query<{ url: string }>(`SELECT url FROM monitor_items WHERE title LIKE '%cronistas%'`)
    expect(agency).toEqual([{ url: `${servers[0]!.origin.replace('http:', 'https:')}/agencia/cronistas` }])
  })

  it('flags what mentions the municipality, its departments, its servants and topics, and finds our bulletin in an outlet', async () => {
    const rows = await harness.t.query<{ title: string; mentioned: boolean; mentions: { subject: string }[]; department_id: number | null; picked_up_id: number | null }>(
      'SELECT title, mentioned, mentions, department_id, picked_up_id FROM monitor_items ORDER BY id',
    )
    const byTitle = (start: string) => rows.find((row) => row.title.startsWith(start))!
    const water = byTitle('Vecinos piden más agua potable en Guasave (medio 5)')
    expect(water.mentions.map((m) => m.subject).sort()).toEqual(['agua potable', 'Guasave', 'Obras Públicas'].sort())
    expect(water.department_id).toBe(obrasId)
    expect(byTitle('La presidenta municipal inaugura').mentions.map((m) => m.subject)).toEqual(['María Guadalupe Ramírez Torres', 'Salud'])
    const drain = byTitle('Arranca obra de drenaje')
    expect(drain.picked_up_id).toBe(bulletinId)
    expect(rows.filter((row) => row.picked_up_id !== null)).toHaveLength(1)
    const plain = rows.filter((row) => row.title.startsWith('Nota '))
    expect(plain.length).toBeGreaterThan(300)
    expect(plain.every((row) => !row.mentioned && row.mentions.length === 0)).toBe(true)
  })

  it('asks politely: one request at a time per host, naming itself, and conditional GETs once the outlet gave validators', async () => {
    for (const server of servers) {
      // The hung outlet's answer comes after Pregón gave up on it (its timeout); it holds nothing up.
      const spans = server.requests.filter((r) => r.path !== '/medio13/feed').map((r) => [r.startedAt, r.endedAt] as const).sort((x, y) => x[0] - y[0])
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1])
      expect(server.requests.every((r) => r.userAgent?.startsWith('Pregon-Monitoreo/1.0'))).toBe(true)
    }
    const secondAt = new Date(pollAt.getTime() + 31 * 60_000)
    // One outlet published something new since: its feed changes, and so does its ETag.
    const server = servers[3]!
    const fresh = { title: 'Salud de Guasave amplía horario de vacunación', link: `${server.origin}/medio35/vacunacion/`, description: 'Hasta las 20 horas.', date: new Date(pollAt.getTime() + 20 * 60_000) }
    server.routes.set('/medio35/feed', { body: rssFeed({ title: 'Medio 35', site: `${server.origin}/medio35`, items: [...itemsOf(35, `${server.origin}/medio35`), fresh] }), contentType: 'application/rss+xml', etag: '"v2-35"' })
    const before = servers.map((s) => s.requests.length)
    const second = (await pollSources(harness.ctx, { now: () => secondAt, hostIntervalMs: 30, timeoutMs: 1_500 }))!
    expect(second).toHaveLength(40)
    const again = servers.flatMap((s, i) => s.requests.slice(before[i]))
    const working = again.filter((r) => !['/medio1/feed', '/medio2/feed', '/medio3/feed', '/medio11/feed', '/medio13/feed'].includes(r.path))
    expect(working).toHaveLength(34)
    expect(working.every((r) => r.ifNoneMatch?.startsWith('"v1-'))).toBe(true)
    expect(working.filter((r) => r.status === 304)).toHaveLength(33)
    expect(second.filter((o) => o.result === 'new-items')).toEqual([expect.objectContaining({ newItems: 1 })])
    const [counted] = await harness.t.query<{ n: number }>(`SELECT count(*)::int AS n FROM monitor_sources WHERE not_modified_count = 1`)
    expect(counted!.n).toBe(33)
    // A source that fails again waits twice as long before the next try.
    const waits = await harness.t.query<{ failures: number; wait_min: number }>(
      `SELECT failures::int AS failures, round(extract(epoch FROM next_poll_at - last_polled_at) / 60)::int AS wait_min FROM monitor_sources WHERE health = 'error'`,
    )
    expect(waits).toHaveLength(6)
    expect(waits.every((w) => w.failures === 2 && w.wait_min === 60)).toBe(true)
  })

  it('keeps the monitoring to the office: no anonymous read of items, sources or outlets on the Local API', async () => {
    for (const collection of ['monitor-items', 'monitor-sources', 'outlets', 'synthesis-editions'] as const) {
      await expect(payload.find({ collection, overrideAccess: false })).rejects.toThrow()
    }
    const editor = await buildUser(payload, 'editor')
    const { docs } = await payload.find({ collection: 'monitor-items', where: { title: { like: 'presidenta municipal' } }, overrideAccess: false, user: editor })
    expect(docs).toHaveLength(1)
    await expect(payload.create({ collection: 'monitor-items', overrideAccess: false, user: editor, data: { title: 'x', url: 'https://x.test/', outlet: docs[0]!.outlet as number, firstSeenAt: new Date().toISOString(), relevance: 'unreviewed' } })).rejects.toThrow()
    // Staff judge an item: tone and relevance, with who and when recorded.
    const marked = await payload.update({ collection: 'monitor-items', id: docs[0]!.id, overrideAccess: false, user: editor, data: { tone: 'positiva' } })
    expect(marked.tone).toBe('positiva')
    expect(typeof marked.reviewedBy === 'object' ? marked.reviewedBy?.id : marked.reviewedBy).toBe(editor.id)
    const [water] = (await payload.find({ collection: 'monitor-items', where: { title: { like: 'agua potable en Guasave (medio 10)' } }, overrideAccess: false, user: editor })).docs
    await payload.update({ collection: 'monitor-items', id: water!.id, overrideAccess: false, user: editor, data: { relevance: 'not-relevant', tone: 'negativa' } })
    // Only the head of the office (or an admin) changes who gets the síntesis.
    await expect(payload.updateGlobal({ slug: 'monitoring-settings', overrideAccess: false, user: editor, data: { synthesisRecipients: ['fuera@correo.test'] } })).rejects.toThrow()
  })

  it('and the same on REST and GraphQL: anonymous gets nothing, staff get the items', async () => {
    const api = apiClients(payload)
    for (const path of ['monitor-items', 'monitor-sources', 'outlets', 'synthesis-editions', 'globals/monitoring-settings']) {
      const { status, body } = await api.rest('GET', path)
      expect([401, 403], `${path}: ${status} ${JSON.stringify(body)?.slice(0, 200)}`).toContain(status)
    }
    const anonymous = await api.graphql('{ MonitorItems { docs { title url } } MonitorSources { docs { url lastError } } }')
    expect(anonymous.errors?.length).toBeGreaterThan(0)
    expect(JSON.stringify(anonymous.data ?? {})).not.toContain('presidenta')
    const password = 'contraseña-de-monitoreo-1'
    const reader = await buildUser(payload, 'editor', { email: 'monitoreo@pregon.test', password })
    const { token } = await payload.login({ collection: 'users', data: { email: reader.email, password } })
    const staff = await api.graphql('{ MonitorItems(where: { mentioned: { equals: true } }, limit: 100) { totalDocs docs { title } } }', { token })
    expect(staff.errors).toBeUndefined()
    expect((staff.data?.MonitorItems as { totalDocs: number }).totalDocs).toBe(11)
  })

  it('mails the síntesis once at the set time, by department with the pick-up table and a PDF, and never twice', async () => {
    expect(await sendSynthesis(harness.ctx, { now: new Date(dueAt.getTime() - 60_000) })).toBe('not-yet')
    expect(harness.sink.messages).toHaveLength(0)
    expect(await sendSynthesis(harness.ctx, { now: new Date(dueAt.getTime() + 30_000) })).toBe('sent')
    const mails = await harness.sink.waitForMessages(2)
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['presidencia@guasave.test', 'titular@guasave.test'])
    const [mail] = mails
    expect(mail!.subject).toMatch(/^Síntesis informativa/)
    const html = mail!.html ?? ''
    // Grouped by department, General last; the item staff marked not relevant is left out.
    const headings = [...html.matchAll(/<h2[^>]*>([^<]*)/g)].map((m) => m[1]!.trim())
    expect(headings).toEqual(['Obras Públicas', 'Salud', 'General', 'Boletines retomados por los medios'])
    expect(mail!.text).toMatch(/== Obras Públicas \(6\) ==[\s\S]*== Salud \(2\) ==[\s\S]*== General \(2\) ==/)
    expect(html).toContain('Vecinos piden más agua potable en Guasave (medio 5)')
    expect(html).not.toContain('agua potable en Guasave (medio 10)')
    expect(html).toContain('La presidenta municipal inaugura el nuevo centro de salud')
    expect(html).toContain('Salud de Guasave amplía horario de vacunación')
    expect(html).not.toContain('Nota 1 del medio')
    // The pick-up table: our bulletin, the outlet that ran it.
    const table = html.slice(html.indexOf('<table', html.indexOf('Inicia rehabilitación de drenaje') - 2_000))
    expect(html).toContain('Inicia rehabilitación de drenaje en la colonia Centro')
    expect(table).toContain('Medio 7')
    // The failing sources are named, so the reader knows what may be missing.
    for (const name of broken.keys()) expect(mail!.text).toContain(name)
    const pdf = mail!.attachments.find((a) => a.contentType === 'application/pdf')
    expect(pdf?.filename).toMatch(/^sintesis-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const [edition] = await harness.t.query<{ status: string; sent_to: string[]; item_count: number }>('SELECT status, sent_to, item_count::int AS item_count FROM synthesis_editions')
    expect(edition!.status).toBe('sent')
    expect(edition!.sent_to.sort()).toEqual(['presidencia@guasave.test', 'titular@guasave.test'])
    // Flagged items: the «agua potable» notes of outlets 5…35 but the one marked not relevant, the presidenta's,
    // the drenaje pick-up, the agency note and the new vacunación note.
    const waterNotes = [5, 10, 15, 20, 25, 30, 35].length - 1
    expect(edition!.item_count).toBe(waterNotes + 4)

    expect(await sendSynthesis(harness.ctx, { now: new Date(dueAt.getTime() + 90_000) })).toBe('already-sent')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(harness.sink.messages).toHaveLength(2)
  })
})
