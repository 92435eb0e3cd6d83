/**
 * `npm run bench:monitoring`: 200 outlets' feeds (RSS and Atom, 50 items each) on 40 local web servers, five
 * feeds per server, read by the monitoring sweep as the worker runs it: per-host politeness (one request at a
 * time, HOST_INTERVAL_MS between), conditional GETs, parsing, mentions, pick-up, one insert per feed. The first
 * round stores 10,000 items; the second, after the interval, should be all 304s. Baseline in the same run: a
 * bare `fetch` of the same 200 URLs with the same concurrency and the same per-host pacing, reading the bytes and
 * nothing else, so the ratio is what Pregón's work adds to the politeness both pay. Target: round one within 60 s.
 */
import { createHostPacer } from '@pregon/workers/monitoring/hostPacer'
import { HOST_INTERVAL_MS, POLL_CONCURRENCY, pollSources } from '@pregon/workers/monitoring/pollSources'
import { buildBulletin, buildDepartment } from '../helpers/builders'
import { atomFeed, rssFeed, startFeedServer, type FeedServer } from '../helpers/feedServer'
import { startMailBench } from './startMailBench'

const SERVERS = 40
const PER_SERVER = 5
const ITEMS = 50
const HOUR = 3_600_000

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)

const bench = await startMailBench('monitoring')
const { ctx, payload, db } = bench
const servers: FeedServer[] = []
try {
  const obras = await buildDepartment(payload, 'Obras Públicas')
  await buildDepartment(payload, 'Salud')
  await payload.updateGlobal({ slug: 'site-settings', overrideAccess: true, data: { municipalityName: 'Guasave', publicServants: [{ name: 'María Guadalupe Ramírez Torres', titles: ['presidenta municipal'] }] } })
  await payload.updateGlobal({ slug: 'monitoring-settings', overrideAccess: true, data: { topics: ['agua potable', 'seguridad pública', 'alumbrado'] } })
  for (let i = 0; i < 5; i++) await buildBulletin(payload, { title: `Boletín ${i + 1}: rehabilitación de calles en la sindicatura ${i + 1}`, summary: `El Ayuntamiento de Guasave rehabilita 3 kilómetros de calles en la sindicatura número ${i + 1} con recursos propios.`, department: obras.id, status: 'published', skipDistribution: true })

  const now = new Date()
  const urls: string[] = []
  for (let s = 0; s < SERVERS; s++) servers.push(await startFeedServer())
  const outlet = await payload.create({ collection: 'outlets', overrideAccess: true, data: { name: 'Medios de prueba' } })
  let n = 0
  for (const server of servers) {
    for (let k = 0; k < PER_SERVER; k++) {
      n++
      const site = `${server.origin}/medio${n}`
      const items = Array.from({ length: ITEMS }, (_, i) => ({
        title: i % 10 === 0 ? `Guasave: vecinos de la colonia ${i} piden alumbrado y agua potable (${n})` : `Nota ${i} del medio ${n}: deportes, clima y espectáculos en Sinaloa`,
        link: `${site}/${i}/nota-${n}-${i}/`,
        description: i % 25 === 0 ? `El Ayuntamiento de Guasave rehabilita 3 kilómetros de calles en la sindicatura número ${(i % 5) + 1} con recursos propios.` : `Resumen de la nota ${i}: ${'texto de relleno con palabras en español, '.repeat(6)}`,
        date: new Date(now.getTime() - (i + 1) * HOUR),
      }))
      const body = n % 2 === 0 ? atomFeed({ title: `Medio ${n}`, site, items }) : rssFeed({ title: `Medio ${n}`, site, items })
      server.routes.set(`/medio${n}/feed`, { body, contentType: n % 2 === 0 ? 'application/atom+xml' : 'application/rss+xml; charset=UTF-8', etag: `"v1-${n}"` })
      urls.push(`${server.origin}/medio${n}/feed`)
    }
  }
  await db.query(
    `INSERT INTO monitor_sources (name, outlet_id, url, active, interval_minutes, health, failures, not_modified_count, updated_at, created_at)
     SELECT 'Medio ' || ord, $2, url, true, 30, 'new', 0, 0, now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS u(url, ord)`,
    [urls, outlet.id],
  )

  // Baseline: the same URLs, the same concurrency and per-host pacing; the bytes read and nothing done with them.
  const pacer = createHostPacer(HOST_INTERVAL_MS)
  let next = 0
  let bytes = 0
  let started = performance.now()
  await Promise.all(
    Array.from({ length: POLL_CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!
        await pacer.run(url, async () => (bytes += (await (await fetch(url)).arrayBuffer()).byteLength))
      }
    }),
  )
  const baselineSeconds = (performance.now() - started) / 1000
  await new Promise((resolve) => setTimeout(resolve, HOST_INTERVAL_MS))

  started = performance.now()
  const first = (await pollSources(ctx, { now: () => now }))!
  const firstSeconds = (performance.now() - started) / 1000
  const [stored] = (await db.query<{ n: number; mentioned: number; picked: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE mentioned)::int AS mentioned, count(picked_up_id)::int AS picked FROM monitor_items`)).rows
  const errors = first.filter((o) => o.result === 'error')
  if (errors.length > 0 || stored!.n !== SERVERS * PER_SERVER * ITEMS) throw new Error(`round one: ${errors.length} errors, ${stored!.n} items stored`)

  started = performance.now()
  const second = (await pollSources(ctx, { now: () => new Date(now.getTime() + 31 * 60_000) }))!
  const secondSeconds = (performance.now() - started) / 1000
  const notModified = second.filter((o) => o.result === 'not-modified').length

  console.log(`\nPress monitoring: ${SERVERS} servers × ${PER_SERVER} feeds × ${ITEMS} items, ${POLL_CONCURRENCY} at once, ${HOST_INTERVAL_MS} ms between requests to one host`)
  console.table([
    { round: 'bare fetch, same pacing (baseline)', sources: urls.length, seconds: baselineSeconds.toFixed(2), detail: `${(bytes / 1024 / 1024).toFixed(1)} MB read` },
    { round: 'Pregón round 1 (fetch, parse, match, store)', sources: first.length, seconds: firstSeconds.toFixed(2), detail: `${stored!.n} items, ${stored!.mentioned} mention us, ${stored!.picked} pick-ups` },
    { round: 'Pregón round 2 (conditional GET)', sources: second.length, seconds: secondSeconds.toFixed(2), detail: `${notModified} answered 304` },
  ])
  console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`)
  console.log(
    `ratio round 1 / baseline: ${(firstSeconds / baselineSeconds).toFixed(2)}× · round 1 ${firstSeconds.toFixed(1)} s (target ≤ 60 s), round 2 all 304: ${notModified === urls.length ? 'yes' : 'NO'}: ${firstSeconds <= 60 && notModified === urls.length ? 'targets met' : 'TARGETS NOT MET'}`,
  )
} finally {
  clearInterval(sampler)
  await Promise.all(servers.map((server) => server.close()))
  await bench.close()
}
process.exit(0)
