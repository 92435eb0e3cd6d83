/**
 * `npm run bench:site`: the portal at 10,000 bulletins and 300 programs.
 * (a) Pregón's full build (`buildPortal`: Astro pages, feeds, sitemap, Pagefind index) and the peak
 *     RSS of its whole process tree;
 * (b) in the same run, in alternating rounds, plain Astro building the same 10,000 bulletins from Markdown files
 *     (one page per bulletin, nothing else): the baseline;
 * (c) publish-to-live: from writing a content with one more bulletin to its page, the main feed and the sitemap
 *     being live, over 20 publications (incremental; the search index is updated right after).
 * Targets: (a) ≤ 1.2× (b), peak RSS ≤ 1 GB, (c) p95 ≤ 3 s.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import { readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { publishPortal, warmUpAstroBuilder } from '@pregon/site/publish'
import { benchBulletinBody, siteBenchContent } from './siteContent'

const BULLETINS = 10_000
const PROGRAMS = 300
// Alternating rounds; the ratio is the median of each round's own (the machine is shared and its load varies).
const ROUNDS = Number(process.env.BENCH_SITE_ROUNDS ?? 5)
const PUBLISHES = Number(process.env.BENCH_SITE_PUBLISHES ?? 20)
const root = fileURLToPath(new URL('../..', import.meta.url))
const PAGE_SIZE = 4096

/** Runs a command and samples the summed RSS of its whole process tree every 50 ms. */
async function measured(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ ms: number; peakMb: number; stdout: string }> {
  const started = performance.now()
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  let stdout = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4000)))
  let peak = 0
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 50)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearInterval(timer)
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`)
  return { ms: performance.now() - started, peakMb: peak / 1024 / 1024, stdout }
}

function treeRss(pid: number): number {
  let total = 0
  const pending = [pid]
  while (pending.length > 0) {
    const current = pending.pop()!
    try {
      total += Number(readFileSync(`/proc/${current}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE
      for (const task of readdirSync(`/proc/${current}/task`)) {
        pending.push(...readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total
}

/** A plain Astro project: the bulletins as Markdown files in a content collection, one page each. */
async function writeBaselineProject(dir: string, content: ReturnType<typeof siteBenchContent>): Promise<void> {
  await fs.mkdir(path.join(dir, 'src/pages/boletines'), { recursive: true })
  await fs.mkdir(path.join(dir, 'boletines'), { recursive: true })
  await fs.symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'astro-baseline', private: true, type: 'module' }))
  await fs.writeFile(
    path.join(dir, 'astro.config.mjs'),
    // The same workaround as site/astro.config.mjs for the cookie@0.x npm hoists beside Astro's cookie@2.
    `import { defineConfig } from 'astro/config'\nexport default defineConfig({ site: 'http://localhost:4321', output: 'static', build: { format: 'directory' }, devToolbar: { enabled: false }, vite: { environments: { prerender: { resolve: { noExternal: ['cookie'] } } } } })\n`,
  )
  await fs.writeFile(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nimport { z } from 'astro/zod'\n` +
      `export const collections = { bulletins: defineCollection({ loader: glob({ pattern: '*.md', base: './boletines' }), schema: z.object({ title: z.string(), summary: z.string(), publishedAt: z.coerce.date() }) }) }\n`,
  )
  await fs.writeFile(
    path.join(dir, 'src/pages/boletines/[slug].astro'),
    `---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() {\n  return (await getCollection('bulletins')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }))\n}\n` +
      `const { entry } = Astro.props\nconst { Content } = await render(entry)\n---\n<html lang="es-MX"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>\n` +
      `<body><main><h1>{entry.data.title}</h1><p>{entry.data.summary}</p><time datetime={entry.data.publishedAt.toISOString()}>{entry.data.publishedAt.toLocaleDateString('es-MX')}</time><Content /></main></body></html>\n`,
  )
  const markdown = (n: number) =>
    benchBulletinBody(n)
      .replace(/<h2>(.*?)<\/h2>/g, '\n## $1\n\n')
      .replace(/<li>(.*?)<\/li>/g, '- $1\n')
      .replace(/<\/?ul>/g, '\n')
      .replace(/<p>(.*?)<\/p>/g, '$1\n\n')
  await Promise.all(
    content.bulletins.map((b) =>
      fs.writeFile(
        path.join(dir, 'boletines', `${b.slug}.md`),
        `---\ntitle: ${JSON.stringify(b.title)}\nsummary: ${JSON.stringify(b.summary)}\npublishedAt: ${b.publishedAt}\n---\n\n${markdown(Number(b.id))}`,
      ),
    ),
  )
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!
const median = (values: number[]) => quantile(values, 0.5)

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-site-'))
try {
  const content = siteBenchContent(BULLETINS, PROGRAMS)
  const contentFile = path.join(work, 'content.json')
  await fs.writeFile(contentFile, JSON.stringify(content))
  const mediaDir = path.join(work, 'media')
  await fs.mkdir(mediaDir)
  const baselineDir = path.join(work, 'astro-baseline')
  await writeBaselineProject(baselineDir, content)
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' }
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs')

  const pregon: Array<Awaited<ReturnType<typeof measured>>> = []
  const baseline: Array<{ ms: number; peakMb: number }> = []
  for (let round = 0; round < ROUNDS; round++) {
    const out = path.join(work, `out-${round}`)
    baseline.push(await measured(process.execPath, [astro, 'build', '--outDir', path.join(work, `baseline-out-${round}`)], { cwd: baselineDir, env }))
    pregon.push(await measured(process.execPath, ['--import', 'tsx', path.join(root, 'tests/bench/siteBuild.variant.ts'), contentFile, out, mediaDir], { cwd: root, env }))
    const [p, b] = [pregon.at(-1)!, baseline.at(-1)!]
    const phases = Object.entries(JSON.parse(p.stdout) as Record<string, number>).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ')
    console.log(`round ${round + 1}: Pregón full build ${(p.ms / 1000).toFixed(1)} s (${phases}; ${Math.round(p.peakMb)} MB), plain Astro from Markdown ${(b.ms / 1000).toFixed(1)} s (${Math.round(b.peakMb)} MB): ${(p.ms / b.ms).toFixed(2)}×`)
    await fs.rm(out, { recursive: true, force: true })
    await fs.rm(path.join(work, `baseline-out-${round}`), { recursive: true, force: true })
  }

  // (c) Publish-to-live, through the path the worker takes after an approval (publishPortal into the live
  // directory), watched from outside: the clock stops when the page, the main feed and the sitemap all have it.
  const portalDir = path.join(work, 'portal')
  await publishPortal({ contentFile, portalDir, mediaDir })
  // As the worker does when it starts (startWorker): an Astro builder waits, loaded, for the first publication.
  await warmUpAstroBuilder()
  const live: number[] = []
  const modes = new Set<string>()
  const has = async (file: string, text: string) => (await fs.readFile(path.join(portalDir, 'current', file), 'utf8').catch(() => '')).includes(text)
  for (let i = 0; i < PUBLISHES; i++) {
    const n = BULLETINS + i + 1
    content.generatedAt = new Date().toISOString()
    content.bulletins.unshift({ ...content.bulletins[0]!, id: String(n), slug: `boletin-${n}`, title: `Boletín ${n}: recién aprobado`, publishedAt: content.generatedAt })
    const started = performance.now()
    await fs.writeFile(contentFile, JSON.stringify(content))
    const publishing = publishPortal({ contentFile, portalDir, mediaDir })
    let liveAt: number | null = null
    while (liveAt === null) {
      const [page, feed, sitemap] = await Promise.all([has(`boletines/boletin-${n}/index.html`, 'recién aprobado'), has('rss.xml', `boletin-${n}/`), has('sitemap-0.xml', `boletin-${n}/`)])
      if (page && feed && sitemap) liveAt = performance.now()
      else await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const result = await publishing
    modes.add(result.mode)
    live.push(liveAt - started)
    console.log(`publish ${i + 1}: live in ${((liveAt - started) / 1000).toFixed(2)} s (${result.mode}, ${result.pages} pages; search index updated ${((result.durationMs - result.liveMs) / 1000).toFixed(1)} s later)`)
  }

  const p = { ms: median(pregon.map((r) => r.ms)), peakMb: Math.max(...pregon.map((r) => r.peakMb)) }
  const b = { ms: median(baseline.map((r) => r.ms)), peakMb: Math.max(...baseline.map((r) => r.peakMb)) }
  console.log(`\nPortal at ${BULLETINS.toLocaleString('en')} bulletins and ${PROGRAMS} programs, median of ${ROUNDS} alternating rounds`)
  console.table([
    { build: 'Pregón full build (pages, feeds, sitemap, search index)', seconds: +(p.ms / 1000).toFixed(1), 'peak RSS MB (process tree)': Math.round(p.peakMb) },
    { build: 'baseline: plain Astro, same bulletins from Markdown', seconds: +(b.ms / 1000).toFixed(1), 'peak RSS MB (process tree)': Math.round(b.peakMb) },
  ])
  const p50 = median(live)
  const p95 = quantile(live, 0.95)
  const ratios = pregon.map((r, round) => r.ms / baseline[round]!.ms)
  const ratio = median(ratios)
  console.log(`ratio Pregón / baseline: ${ratio.toFixed(2)}× (median of the rounds' own: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≤ 1.20×) · peak RSS ${Math.round(p.peakMb)} MB (target ≤ 1,024)`)
  console.log(`publish-to-live over ${PUBLISHES} publishes (${[...modes].join(', ')}): p50 ${(p50 / 1000).toFixed(2)} s, p95 ${(p95 / 1000).toFixed(2)} s (target p95 ≤ 3 s)`)
  const met = ratio <= 1.2 && p.peakMb <= 1024 && p95 <= 3000
  console.log(met ? 'targets met' : 'TARGETS NOT MET')
} finally {
  await fs.rm(work, { recursive: true, force: true })
}
