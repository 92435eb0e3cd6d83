/**
 * The portal's full build against plain Astro, in alternating rounds in one run (part of `npm run bench:site`):
 * (a) Pregón's full build (`buildPortal`: Astro pages, feeds, sitemap, Pagefind index) in its own process, with
 *     the peak RSS of its whole process tree;
 * (b) plain Astro building the same bulletins and programs from Markdown files (one page each, nothing else): the
 *     baseline; the ratio is the median of each round's own (the machine is shared and its load varies);
 * and, when `hugo` is on PATH, Hugo building a comparable site from the same Markdown (pages, department and topic
 *     lists paged by 50, feeds, sitemap): a floor to read, not a target.
 * Targets: (a) ≤ 1.0× (b), peak RSS ≤ 1.5 GB.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PortalContent } from '@pregon/site/content'
import { benchBulletinBody, realisticSiteContent } from './siteContent'
import { treeRss } from './treeRss'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const FULL_BUILD_TARGET = { ratio: 1.0, peakMb: 1536 }

export interface Measured {
  ms: number
  peakMb: number
  stdout: string
}

/** Runs a command and samples the summed RSS of its whole process tree every 50 ms. */
export async function measured(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measured> {
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

/** A bulletin's body as the Markdown an author of the baselines would write. */
const markdownBody = (n: number) =>
  benchBulletinBody(n)
    .replace(/<h2>(.*?)<\/h2>/g, '\n## $1\n\n')
    .replace(/<li>(.*?)<\/li>/g, '- $1\n')
    .replace(/<\/?ul>/g, '\n')
    .replace(/<p>(.*?)<\/p>/g, '$1\n\n')

/** The content as Markdown files with front matter (title, summary, date, department, topics), bulletins and programs. */
async function writeMarkdown(dir: string, content: PortalContent): Promise<void> {
  await fs.mkdir(path.join(dir, 'boletines'), { recursive: true })
  await fs.mkdir(path.join(dir, 'programas'), { recursive: true })
  const yaml = (fields: Record<string, unknown>) => `---\n${Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n')}\n---\n\n`
  const files: Array<[string, string]> = [
    ...content.bulletins.map((b): [string, string] => [
      path.join(dir, 'boletines', `${b.slug}.md`),
      yaml({ title: b.title, summary: b.summary, date: b.publishedAt, dependencias: b.department ? [b.department.name] : [], temas: (b.topics ?? []).map((t) => t.name) }) + markdownBody(Number(b.id)),
    ]),
    ...(content.programs ?? []).map((p): [string, string] => [
      path.join(dir, 'programas', `${p.slug}.md`),
      yaml({ title: p.title, summary: p.summary, date: p.publishedAt }) + `${p.eligibility ?? ''}\n\n${p.requirements.map((r) => `- ${r}`).join('\n')}\n\n${p.howToApply ?? ''}\n`,
    ]),
  ]
  await writeFiles(files)
}

/** Writes many files a few hundred at a time: all 50,000 at once run out of file descriptors (EMFILE). */
async function writeFiles(files: Array<[string, string]>): Promise<void> {
  for (let start = 0; start < files.length; start += 500) await Promise.all(files.slice(start, start + 500).map(([file, text]) => fs.writeFile(file, text)))
}

/** A plain Astro project: the bulletins and programs as Markdown in content collections, one page each. */
async function writeAstroBaseline(dir: string, markdownDir: string): Promise<void> {
  for (const pages of ['boletines', 'programas']) await fs.mkdir(path.join(dir, 'src/pages', pages), { recursive: true })
  await fs.symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'astro-baseline', private: true, type: 'module' }))
  await fs.writeFile(
    path.join(dir, 'astro.config.mjs'),
    // The same workaround as site/astro.config.mjs for the cookie@0.x npm hoists beside Astro's cookie@2.
    `import { defineConfig } from 'astro/config'\nexport default defineConfig({ site: 'http://localhost:4321', output: 'static', build: { format: 'directory' }, devToolbar: { enabled: false }, vite: { environments: { prerender: { resolve: { noExternal: ['cookie'] } } } } })\n`,
  )
  const schema = 'z.object({ title: z.string(), summary: z.string(), date: z.coerce.date() })'
  await fs.writeFile(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nimport { z } from 'astro/zod'\n` +
      `export const collections = {\n` +
      `  bulletins: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(path.join(markdownDir, 'boletines'))} }), schema: ${schema} }),\n` +
      `  programs: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(path.join(markdownDir, 'programas'))} }), schema: ${schema} }),\n}\n`,
  )
  for (const [pages, collection] of [['boletines', 'bulletins'], ['programas', 'programs']] as const) {
    await fs.writeFile(
      path.join(dir, 'src/pages', pages, '[slug].astro'),
      `---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() {\n  return (await getCollection('${collection}')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }))\n}\n` +
        `const { entry } = Astro.props\nconst { Content } = await render(entry)\n---\n<html lang="es-MX"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>\n` +
        `<body><main><h1>{entry.data.title}</h1><p>{entry.data.summary}</p><time datetime={entry.data.date.toISOString()}>{entry.data.date.toLocaleDateString('es-MX')}</time><Content /></main></body></html>\n`,
    )
  }
}

/** A comparable Hugo site over the same Markdown: every page, department and topic lists paged by 50, feeds, sitemap. */
async function writeHugoSite(dir: string, markdownDir: string): Promise<void> {
  await fs.mkdir(path.join(dir, 'layouts/_default'), { recursive: true })
  await fs.writeFile(
    path.join(dir, 'hugo.toml'),
    `baseURL = 'http://localhost:4321/'\ncontentDir = ${JSON.stringify(markdownDir)}\nlanguageCode = 'es-MX'\ntitle = 'Municipio de Prueba'\ndisableKinds = ['404', 'robotsTXT']\npaginate = 50\n[taxonomies]\ndependencia = 'dependencias'\ntema = 'temas'\n`,
  )
  const head = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>`
  await fs.writeFile(
    path.join(dir, 'layouts/_default/single.html'),
    `${head}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "02/01/2006" }}</time>{{ .Content }}</main></body></html>\n`,
  )
  await fs.writeFile(
    path.join(dir, 'layouts/_default/list.html'),
    `${head}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time></li>{{ end }}</ul>` +
      `{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">Más recientes</a>{{ end }}{{ if .HasNext }}<a href="{{ .Next.URL }}">Más antiguos</a>{{ end }}{{ end }}</main></body></html>\n`,
  )
}

export const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!
export const median = (values: number[]) => quantile(values, 0.5)
const seconds = (ms: number) => +(ms / 1000).toFixed(1)

/** What siteBuild.variant.ts prints: ms by phase, and the peak RSS of its process tree during each. */
interface VariantReport {
  phases: Record<string, number>
  phasePeakMb: Record<string, number>
}

export interface FullBuildFigures {
  content: PortalContent
  /** The content as the exporter writes it, and the media it references (for the publication section). */
  contentFile: string
  mediaDir: string
  pregon: { ms: number; peakMb: number; phases: Record<string, number>; phasePeakMb: Record<string, number> }
  baseline: { ms: number; peakMb: number }
  hugo: { ms: number; peakMb: number } | null
  /** Median of the rounds' own ratios Pregón / baseline. */
  ratio: number
  isMet: boolean
}

/**
 * Writes the content (bulletins, programs) into `work`, then measures `rounds` alternating rounds of plain Astro,
 * Pregón's full build and Hugo (if installed), printing each round and a summary. Leaves the content file and the
 * media in `work` for the caller; removes the built sites.
 */
export async function benchFullBuild({ bulletins, programs, rounds, work }: { bulletins: number; programs: number; rounds: number; work: string }): Promise<FullBuildFigures> {
  const { content, mediaFiles } = realisticSiteContent({ bulletins, programs })
  const contentFile = path.join(work, 'content.json')
  await fs.writeFile(contentFile, JSON.stringify(content))
  const mediaDir = path.join(work, 'media')
  await fs.mkdir(mediaDir, { recursive: true })
  await writeFiles(mediaFiles.map((file) => [path.join(mediaDir, file), file]))
  const markdownDir = path.join(work, 'markdown')
  await writeMarkdown(markdownDir, content)
  const baselineDir = path.join(work, 'astro-baseline')
  await writeAstroBaseline(baselineDir, markdownDir)
  const hasHugo = spawnSync('hugo', ['version'], { stdio: 'ignore' }).status === 0
  const hugoDir = path.join(work, 'hugo-site')
  if (hasHugo) await writeHugoSite(hugoDir, markdownDir)
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' }
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs')

  const pregonRuns: Array<Measured & VariantReport> = []
  const baselineRuns: Measured[] = []
  const hugoRuns: Measured[] = []
  for (let round = 0; round < rounds; round++) {
    const out = (name: string) => path.join(work, `${name}-out-${round}`)
    baselineRuns.push(await measured(process.execPath, [astro, 'build', '--outDir', out('baseline')], { cwd: baselineDir, env }))
    const run = await measured(process.execPath, ['--import', 'tsx', path.join(root, 'tests/bench/siteBuild.variant.ts'), contentFile, out('pregon'), mediaDir], { cwd: root, env })
    pregonRuns.push({ ...run, ...(JSON.parse(run.stdout) as VariantReport) })
    if (hasHugo) hugoRuns.push(await measured('hugo', ['--quiet', '--destination', out('hugo')], { cwd: hugoDir, env }))
    const [p, b, h] = [pregonRuns.at(-1)!, baselineRuns.at(-1)!, hugoRuns.at(-1)]
    const phases = Object.entries(p.phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s, ${Math.round(p.phasePeakMb[phase] ?? 0)} MB`).join('; ')
    const hugoText = h ? `, Hugo ${(h.ms / 1000).toFixed(1)} s (${Math.round(h.peakMb)} MB)` : ''
    console.log(`round ${round + 1}: Pregón full build ${(p.ms / 1000).toFixed(1)} s (${phases}; ${Math.round(p.peakMb)} MB), plain Astro from Markdown ${(b.ms / 1000).toFixed(1)} s (${Math.round(b.peakMb)} MB): ${(p.ms / b.ms).toFixed(2)}×${hugoText}`)
    for (const name of ['baseline', 'pregon', 'hugo']) await fs.rm(out(name), { recursive: true, force: true })
  }

  const summary = (runs: Measured[]) => ({ ms: median(runs.map((r) => r.ms)), peakMb: Math.max(...runs.map((r) => r.peakMb)) })
  const phaseNames = Object.keys(pregonRuns[0]!.phases)
  const pregon = {
    ...summary(pregonRuns),
    phases: Object.fromEntries(phaseNames.map((phase) => [phase, median(pregonRuns.map((r) => r.phases[phase]!))])),
    phasePeakMb: Object.fromEntries(phaseNames.map((phase) => [phase, Math.max(...pregonRuns.map((r) => r.phasePeakMb[phase] ?? 0))])),
  }
  const baseline = summary(baselineRuns)
  const hugo = hasHugo ? summary(hugoRuns) : null
  const ratios = pregonRuns.map((r, round) => r.ms / baselineRuns[round]!.ms)
  const ratio = median(ratios)
  const pages = `${content.bulletins.length.toLocaleString('en')} bulletins (+${(content.withdrawn ?? []).length} withdrawn) and ${(content.programs ?? []).length.toLocaleString('en')} programs`
  console.log(`\nFull build of the portal at ${pages}, median of ${rounds} alternating rounds`)
  console.table([
    { build: 'Pregón full build (pages, feeds, sitemap, search index)', seconds: seconds(pregon.ms), 'peak RSS MB (process tree)': Math.round(pregon.peakMb) },
    { build: 'baseline: plain Astro, same bulletins and programs from Markdown', seconds: seconds(baseline.ms), 'peak RSS MB (process tree)': Math.round(baseline.peakMb) },
    ...(hugo ? [{ build: 'floor: Hugo, comparable site from the same Markdown', seconds: seconds(hugo.ms), 'peak RSS MB (process tree)': Math.round(hugo.peakMb) }] : []),
  ])
  console.log(`Pregón's phases (median): ${Object.entries(pregon.phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ')}`)
  console.log(
    `ratio Pregón / baseline: ${ratio.toFixed(2)}× (median of the rounds' own: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≤ ${FULL_BUILD_TARGET.ratio.toFixed(2)}×) · peak RSS ${Math.round(pregon.peakMb)} MB (target ≤ ${FULL_BUILD_TARGET.peakMb.toLocaleString('en')})`,
  )
  console.log(hugo ? `Hugo (floor, not a target): Pregón / Hugo ${(pregon.ms / hugo.ms).toFixed(2)}×` : 'Hugo: not measured (hugo is not on PATH; Debian: apt-get install hugo)')
  const isMet = ratio <= FULL_BUILD_TARGET.ratio && pregon.peakMb <= FULL_BUILD_TARGET.peakMb
  return { content, contentFile, mediaDir, pregon, baseline, hugo, ratio, isMet }
}
