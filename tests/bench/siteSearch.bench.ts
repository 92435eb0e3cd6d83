/**
 * `npm run bench:search`: how soon a new bulletin is findable, at 10,000 and 50,000 bulletins
 * (BENCH_SEARCH_SIZES=2000,5000 to shrink; BENCH_SEARCH_PUBLISHES, default 10).
 * For each size: a full build, then new bulletins published one by one with publishPortal (incremental), each with
 * a word only it has; the clock starts when its page, the main feed and the sitemap are live and stops when the
 * search delta the browser merges (pagefind-delta/delta.json and the folder it names) holds its record.
 * Baseline, in the same run: the old way, Pagefind indexing every bulletin and program page again (what each
 * publication did before the delta), timed on the same live build. Then, once, the background rebuild that folds
 * the delta into a new full index (off the publication path).
 * Target: findable ≤ 3 s after live (p95), at both sizes.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import * as pagefind from 'pagefind'
import { publishPortal, rebuildSearchIndex, stopSearchRebuild, stopPortalRenderer, warmUpPortalRenderer } from '@pregon/site/publish'
import { siteBenchContent } from './siteContent'

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,50000').split(',').map(Number)
const PUBLISHES = Number(process.env.BENCH_SEARCH_PUBLISHES ?? 10)
const PROGRAMS = 300
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!
const seconds = (ms: number) => +(ms / 1000).toFixed(2)

/** Whether the live search delta holds a record of this page (what the search page merges in). */
async function isInDelta(liveDir: string, url: string): Promise<boolean> {
  const pointer = JSON.parse(await fs.readFile(path.join(liveDir, 'pagefind-delta', 'delta.json'), 'utf8').catch(() => '{}')) as { bundle?: string | null }
  if (!pointer.bundle) return false
  const fragments = path.join(liveDir, ...pointer.bundle.split('/').filter(Boolean), 'fragment')
  for (const name of await fs.readdir(fragments).catch(() => [] as string[])) {
    const text = zlib.gunzipSync(await fs.readFile(path.join(fragments, name))).toString('utf8')
    if (text.includes(`"url":${JSON.stringify(url)}`)) return true
  }
  return false
}

/** The old way: Pagefind over every bulletin and program page of the live build, into a scratch folder. */
async function fullReindex(liveDir: string, scratch: string): Promise<number> {
  const started = performance.now()
  const { index } = await pagefind.createIndex({ forceLanguage: 'es' })
  await index!.addDirectory({ path: liveDir, glob: '{boletines,programas}/*/index.html' })
  await index!.writeFiles({ outputPath: scratch })
  await index!.deleteIndex()
  const ms = performance.now() - started
  await fs.rm(scratch, { recursive: true, force: true })
  return ms
}

interface Row {
  bulletins: number
  live: number[]
  findable: number[]
  oldWay: number
  rebuild: number
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-search-'))
const rows: Row[] = []
try {
  for (const size of SIZES) {
    const content = siteBenchContent(size, PROGRAMS)
    const contentFile = path.join(work, `content-${size}.json`)
    const portalDir = path.join(work, `portal-${size}`)
    const mediaDir = path.join(work, 'media')
    await fs.mkdir(mediaDir, { recursive: true })
    await fs.writeFile(contentFile, JSON.stringify(content))
    const full = await publishPortal({ contentFile, portalDir, mediaDir })
    console.log(`${size.toLocaleString('en')} bulletins: full build ${seconds(full.durationMs)} s`)
    await warmUpPortalRenderer()
    const liveDir = await fs.realpath(path.join(portalDir, 'current'))
    const has = async (file: string, text: string) => (await fs.readFile(path.join(liveDir, file), 'utf8').catch(() => '')).includes(text)
    const row: Row = { bulletins: size, live: [], findable: [], oldWay: 0, rebuild: 0 }
    for (let i = 1; i <= PUBLISHES; i++) {
      const n = size + i
      const slug = `boletin-${n}`
      content.generatedAt = new Date().toISOString()
      content.bulletins.unshift({ ...content.bulletins[0]!, id: String(n), slug, title: `Boletín ${n}: recién aprobado`, bodyHtml: `<p>Palabra única: xochiquetzal${n}.</p>`, publishedAt: content.generatedAt })
      const started = performance.now()
      await fs.writeFile(contentFile, JSON.stringify(content))
      const publishing = publishPortal({ contentFile, portalDir, mediaDir })
      let liveAt = 0
      while (!liveAt) {
        const [page, feed, sitemap] = await Promise.all([has(`boletines/${slug}/index.html`, 'recién aprobado'), has('rss.xml', `${slug}/`), has('sitemap-0.xml', `${slug}/`)])
        if (page && feed && sitemap) liveAt = performance.now()
        else await new Promise((resolve) => setTimeout(resolve, 20))
      }
      let findableAt = 0
      while (!findableAt) {
        if (await isInDelta(liveDir, `/boletines/${slug}/`)) findableAt = performance.now()
        else await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const result = await publishing
      if (result.mode !== 'incremental') throw new Error(`publication ${i} was ${result.mode}`)
      row.live.push(liveAt - started)
      row.findable.push(findableAt - liveAt)
      console.log(`  publish ${i}: live in ${seconds(liveAt - started)} s, findable ${seconds(findableAt - liveAt)} s later`)
    }
    row.oldWay = await fullReindex(liveDir, path.join(work, 'old-way'))
    console.log(`  old way (every page indexed again): ${seconds(row.oldWay)} s`)
    const rebuildStarted = performance.now()
    await rebuildSearchIndex({ buildDir: liveDir })
    row.rebuild = performance.now() - rebuildStarted
    console.log(`  background rebuild of the full index, delta folded in: ${seconds(row.rebuild)} s`)
    rows.push(row)
    await stopPortalRenderer()
    await fs.rm(portalDir, { recursive: true, force: true })
  }
  console.log(`\nA new bulletin findable in search after it is live (${PUBLISHES} publications per size; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`)
  console.table(
    rows.map((row) => ({
      bulletins: row.bulletins,
      'live p50 s': seconds(quantile(row.live, 0.5)),
      'live p95 s': seconds(quantile(row.live, 0.95)),
      'findable p50 s (delta)': seconds(quantile(row.findable, 0.5)),
      'findable p95 s (delta)': seconds(quantile(row.findable, 0.95)),
      'baseline s (full re-index)': seconds(row.oldWay),
      'ratio p95 / baseline': +(quantile(row.findable, 0.95) / row.oldWay).toFixed(3),
      'background rebuild s': seconds(row.rebuild),
    })),
  )
  const met = rows.every((row) => quantile(row.findable, 0.95) <= 3000)
  console.log(met ? 'target met: findable ≤ 3 s after live (p95) at every size' : 'TARGET NOT MET: findable > 3 s after live (p95)')
} finally {
  await stopPortalRenderer()
  await stopSearchRebuild()
  await pagefind.close()
  await fs.rm(work, { recursive: true, force: true })
}
