import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ViteDevServer } from 'vite'
import type { PortalContent } from '../content/PortalContent'
import { PORTAL_CONTENT_ENV } from '../content/loadPortalContent'
import type { PortalSelection } from '../content/portalSelection'
import { sitemapFiles } from '../lib/sitemap'
import { PortalError } from '../lib/PortalError'
import { serialQueue } from './serialQueue'
import { closeSiteVite, startSiteVite } from './siteVite'

const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url))
const PAGES_DIR = path.join(SITE_DIR, 'src/pages')
const PUBLIC_DIR = path.join(SITE_DIR, 'public')

/** A route of src/pages: its module, and where one of its pages is written in a build. */
interface Route {
  /** "/src/pages/boletines/[slug].astro", as Vite loads it. */
  module: string
  /** The output file with `[param]` placeholders: "boletines/[slug]/index.html", "rss.xml". */
  output: string
  isEndpoint: boolean
}

interface RouteModule {
  default?: unknown
  getStaticPaths?: () => Array<{ params: Record<string, string | undefined>; props?: Record<string, unknown> }>
}

interface Loaded {
  vite: ViteDevServer
  routes: Array<Route & { mod: RouteModule }>
  container: import('astro/container').experimental_AstroContainer
  useContent: (content: PortalContent | undefined) => void
  useSelection: (selection: PortalSelection | null | undefined) => void
}

/**
 * Renders the pages a publication changed without running `astro build`: the site's own routes, loaded once
 * through Vite (production mode) and rendered with Astro's container API, with the content handed over in memory.
 * A build pays a second or more to bundle the pages before rendering one; here the first load compiles them
 * (seconds, ahead of the first publication: `warmUpPortalRenderer`), and a page then renders in milliseconds, so
 * a publication costs the same at 1,000 bulletins as at 50,000.
 *
 * The files are the build's, byte for byte (tests/integration/site/incrementalPublish.test.ts compares them):
 * the container renders the same templates; the one thing a build adds, the stylesheet it inlines before
 * `</head>`, is taken from the live build (the page's own earlier version, or the home page's: every route with
 * parameters uses BaseLayout's stylesheet only), and the sitemap comes from the content (lib/sitemap.ts) either
 * way. `public/` is copied as the build copies it.
 */
export interface PageRenderer {
  /** Writes the pages of `selection` (and every page without parameters, the sitemap and `public/`) into outDir. */
  render(input: { content: PortalContent; selection: PortalSelection; outDir: string; liveDir: string }): Promise<void>
  /** Loads the templates now (the first render would otherwise). */
  load(): Promise<void>
  close(): Promise<void>
}

export function createPageRenderer(): PageRenderer {
  let loaded: Promise<Loaded> | null = null
  let workDir: string | undefined
  const turns = serialQueue()

  async function load(): Promise<Loaded> {
    workDir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-renderer-'))
    // astro.config.mjs reads the content file named in the environment, for the site's address and the sitemap,
    // neither of which rendering a page uses: a stub (pages get the real content in memory).
    const stub = path.join(workDir, 'config-content.json')
    const site: PortalContent['site'] = { name: 'Pregón', url: 'http://localhost/', timeZone: 'America/Mexico_City', description: '' }
    await fs.writeFile(stub, JSON.stringify({ generatedAt: new Date().toISOString(), site, bulletins: [], withdrawn: [], programs: [] }))
    const previous = process.env[PORTAL_CONTENT_ENV]
    process.env[PORTAL_CONTENT_ENV] = stub
    try {
      const { vite, container } = await startSiteVite(workDir)
      try {
        const routes = []
        for (const route of await siteRoutes()) routes.push({ ...route, mod: (await vite.ssrLoadModule(route.module)) as RouteModule })
        // The very module instances the pages import, so what is set here is what they read.
        const content = (await vite.ssrLoadModule('/src/content/loadPortalContent.ts')) as typeof import('../content/loadPortalContent')
        const selection = (await vite.ssrLoadModule('/src/content/portalSelection.ts')) as typeof import('../content/portalSelection')
        return { vite, routes, container, useContent: content.usePortalContent, useSelection: selection.usePortalSelection }
      } catch (error) {
        await vite.close()
        throw error
      }
    } finally {
      if (previous === undefined) delete process.env[PORTAL_CONTENT_ENV]
      else process.env[PORTAL_CONTENT_ENV] = previous
    }
  }

  function ready(): Promise<Loaded> {
    // A failed load is not kept: the next publication tries again.
    loaded ??= load().catch((error: unknown) => {
      loaded = null
      throw new PortalError('PORTAL_BUILD_FAILED', `the page renderer could not load the site's templates: ${String(error)}`, { cause: error })
    })
    return loaded
  }

  return {
    render: ({ content, selection, outDir, liveDir }) =>
      turns(async () => {
        const { routes, container, useContent, useSelection } = await ready()
        const styles = new StylesOf(liveDir)
        useContent(content)
        useSelection(selection)
        try {
          for (const route of routes) {
            const entries = route.mod.getStaticPaths ? route.mod.getStaticPaths() : [{ params: {}, props: {} }]
            for (const { params, props = {} } of entries) {
              const file = route.output.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? '')
              const request = new Request(new URL(`/${file.replace(/index\.html$/, '')}`, content.site.url))
              const target = path.join(outDir, file)
              await fs.mkdir(path.dirname(target), { recursive: true })
              if (route.isEndpoint) {
                const response = await container.renderToResponse(route.mod as never, { routeType: 'endpoint', params, props, request })
                await fs.writeFile(target, Buffer.from(await response.arrayBuffer()))
              } else {
                const html = await container.renderToString(route.mod.default as never, { params, props, request, partial: false })
                const at = html.lastIndexOf('</head>')
                await fs.writeFile(target, `${html.slice(0, at)}${await styles.of(file)}${html.slice(at)}`)
              }
            }
          }
        } finally {
          useContent(undefined)
          useSelection(undefined)
        }
        for (const [name, text] of sitemapFiles(content)) await fs.writeFile(path.join(outDir, name), text)
        await fs.cp(PUBLIC_DIR, outDir, { recursive: true })
      }),
    load: () => ready().then(() => {}),
    async close() {
      const pending = loaded
      loaded = null
      await closeSiteVite(pending)
      if (workDir) await fs.rm(workDir, { recursive: true, force: true })
      workDir = undefined
    },
  }
}

/** The stylesheet a build inlined in a live page: the `<style>` element that ends its head. */
class StylesOf {
  private readonly known = new Map<string, string>()
  constructor(private readonly liveDir: string) {}

  async of(file: string): Promise<string> {
    const own = await this.read(file)
    if (own !== null) return own
    const home = await this.read('index.html')
    if (home === null) throw new PortalError('PORTAL_BUILD_FAILED', `the live build has no stylesheet to give ${file}: build the portal in full`)
    return home
  }

  private async read(file: string): Promise<string | null> {
    if (this.known.has(file)) return this.known.get(file)!
    const html = await fs.readFile(path.join(this.liveDir, file), 'utf8').catch(() => null)
    const head = html?.slice(0, html.indexOf('</head>'))
    const start = head?.lastIndexOf('<style>') ?? -1
    if (!head || start < 0 || !head.endsWith('</style>')) return null
    const style = head.slice(start)
    this.known.set(file, style)
    return style
  }
}

/** The routes under src/pages, in a stable order. */
async function siteRoutes(): Promise<Route[]> {
  const files = (await fs.readdir(PAGES_DIR, { recursive: true })).filter((file) => /\.(astro|ts)$/.test(file)).sort()
  return files.map((file) => {
    const isEndpoint = file.endsWith('.ts')
    const bare = file.replace(/\.(astro|ts)$/, '')
    let output: string
    if (isEndpoint) output = bare
    else if (bare === '404') output = '404.html'
    else if (bare === 'index' || bare.endsWith('/index')) output = `${bare.slice(0, -'index'.length)}index.html`
    else output = `${bare}/index.html`
    return { module: `/src/pages/${file}`, output: output.split(path.sep).join('/'), isEndpoint }
  })
}

let shared: PageRenderer | null = null

/** The renderer publications share in this process. */
export function portalPageRenderer(): PageRenderer {
  return (shared ??= createPageRenderer())
}

/**
 * Loads the renderer ahead of the first publication (the worker does at start); resolves when it is ready, never
 * rejects (a publication that finds it broken reports why).
 */
export function warmUpPortalRenderer(): Promise<void> {
  return portalPageRenderer()
    .load()
    .catch(() => {})
}

/** Closes the shared renderer (its Vite server), so the process can exit. */
export async function stopPortalRenderer(): Promise<void> {
  const renderer = shared
  shared = null
  await renderer?.close()
}
