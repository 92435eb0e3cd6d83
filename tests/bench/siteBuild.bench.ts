/**
 * `npm run bench:site`: the portal at each size of BENCH_SITE_SIZES (10,000 and 50,000 bulletins) with
 * BENCH_SITE_PROGRAMS programs (1,000):
 * (a) + (b) the full build against plain Astro from Markdown of the same content, and Hugo when installed
 *     (siteFullBuild.ts), BENCH_SITE_ROUNDS alternating rounds (3);
 * (c) publish-to-live in the same run, on that build: BENCH_SITE_PUBLISHES new bulletins (20), each from approval's
 *     hand-over (publishPortal with the content in memory) to its page, the main feed and the sitemap served
 *     (sitePublish.ts). The sizes side by side show whether a publication's cost grows with the archive.
 * Targets: (a) ≤ 1.0× (b) and peak RSS ≤ 1.5 GB; (c) p95 ≤ 1 s at every size.
 * `BENCH_PROFILE=<dir>` writes a CPU profile of each publication (the page renderer runs in this process).
 * Ends by itself: the page renderer and every build process it started are stopped (siteBenchExits.test.ts).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { stopPortalRenderer, stopSearchRebuild } from '@pregon/site/publish'
import { benchFullBuild, median, quantile, type FullBuildFigures } from './siteFullBuild'
import { benchPublish, type PublishFigures } from './sitePublish'

const SIZES = (process.env.BENCH_SITE_SIZES ?? '10000,50000').split(',').map(Number)
const PROGRAMS = Number(process.env.BENCH_SITE_PROGRAMS ?? 1000)
// Alternating rounds; the ratio is the median of each round's own (the machine is shared and its load varies).
const ROUNDS = Number(process.env.BENCH_SITE_ROUNDS ?? 3)
const PUBLISHES = Number(process.env.BENCH_SITE_PUBLISHES ?? 20)
const LIVE_TARGET_MS = 1000

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-site-'))
const rows: Array<{ full: FullBuildFigures; publish: PublishFigures }> = []
try {
  for (const bulletins of SIZES) {
    const dir = path.join(work, String(bulletins))
    await fs.mkdir(dir)
    console.log(`\n— ${bulletins.toLocaleString('en')} bulletins, ${PROGRAMS.toLocaleString('en')} programs (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`)
    const full = await benchFullBuild({ bulletins, programs: PROGRAMS, rounds: ROUNDS, work: dir })
    const publish = await benchPublish({ work: dir, content: full.content, mediaDir: full.mediaDir, publishes: PUBLISHES })
    console.log(`publish-to-live at ${bulletins} bulletins over ${PUBLISHES} publications: p50 ${Math.round(median(publish.live))} ms, p95 ${Math.round(quantile(publish.live, 0.95))} ms (target ≤ ${LIVE_TARGET_MS} ms)`)
    rows.push({ full, publish })
    await fs.rm(dir, { recursive: true, force: true })
  }

  console.log(`\nThe portal by archive size (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`)
  console.table(
    rows.map(({ full, publish }) => ({
      bulletins: publish.bulletins,
      'full build s': +(full.pregon.ms / 1000).toFixed(1),
      'plain Astro s': +(full.baseline.ms / 1000).toFixed(1),
      'ratio (≤ 1.00)': +full.ratio.toFixed(2),
      'peak RSS MB (≤ 1,536)': Math.round(full.pregon.peakMb),
      'Hugo s': full.hugo ? +(full.hugo.ms / 1000).toFixed(1) : '—',
      'live p50 ms': Math.round(median(publish.live)),
      'live p95 ms (≤ 1,000)': Math.round(quantile(publish.live, 0.95)),
      'pages per publication': median(publish.pages),
    })),
  )
  if (rows.length > 1) {
    const [small, large] = [rows[0]!.publish, rows.at(-1)!.publish]
    console.log(`publish-to-live p95 at ${large.bulletins.toLocaleString('en')} / at ${small.bulletins.toLocaleString('en')}: ${(quantile(large.live, 0.95) / quantile(small.live, 0.95)).toFixed(2)}× for ${(large.bulletins / small.bulletins).toFixed(0)}× the archive`)
  }
  const met = rows.every(({ full, publish }) => full.isMet && quantile(publish.live, 0.95) <= LIVE_TARGET_MS)
  console.log(met ? 'targets met' : 'TARGETS NOT MET')
} finally {
  await stopPortalRenderer()
  await stopSearchRebuild()
  await fs.rm(work, { recursive: true, force: true })
}
