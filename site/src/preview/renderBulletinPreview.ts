import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ViteDevServer } from 'vite'
import type { PortalBulletin, PortalContent, PortalSite } from '../content/PortalContent'
import { PORTAL_CONTENT_ENV } from '../content/loadPortalContent'
import { closeSiteVite, startSiteVite } from '../publish/siteVite'


/** Renders a working copy with the portal's own bulletin template, without building or publishing anything. */
export interface BulletinPreviewRenderer {
  render(input: { site: PortalSite; bulletin: PortalBulletin }): Promise<string>
  close(): Promise<void>
}

/**
 * Astro's container API on the site's own Vite config: the page template (`pages/boletines/[slug].astro`, its
 * layout and components) is compiled once, on the first preview (≈ 5 s), then a page renders in tens of
 * milliseconds. The stylesheet the build inlines is inlined here too. Nothing is written under the site or the
 * live build: Vite's cache goes to a temporary folder and the content file the page reads lives there too.
 */
export function createBulletinPreviewRenderer(): BulletinPreviewRenderer {
  let loaded: Promise<{ vite: ViteDevServer; render: (props: Record<string, unknown>, slug: string) => Promise<string>; css: string }> | null = null
  let workDir: string | undefined
  let renders = 0
  // Renders take turns: the content file is named in the process's environment.
  let queue: Promise<unknown> = Promise.resolve()

  async function load(work: string) {
    const { vite, container } = await startSiteVite(work)
    const page = await vite.ssrLoadModule('/src/pages/boletines/[slug].astro')
    const css = ((await vite.ssrLoadModule('/src/styles/global.css?inline')) as { default: string }).default
    return { vite, css, render: (props: Record<string, unknown>, slug: string) => container.renderToString(page.default, { props, params: { slug } }) }
  }

  return {
    render({ site, bulletin }) {
      const run = async () => {
        // The page and astro.config.mjs read the content file PREGON_PORTAL_CONTENT names (memoized by name):
        // a new file per render, named before the first load since the config reads it too.
        const work = (workDir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-preview-')))
        const file = path.join(work, `content-${++renders}.json`)
        const content: PortalContent = { generatedAt: bulletin.publishedAt, site, bulletins: [bulletin], withdrawn: [], programs: [] }
        await fs.writeFile(file, JSON.stringify(content))
        process.env[PORTAL_CONTENT_ENV] = file
        try {
          // A failed load is not kept: the next preview tries again.
          loaded ??= load(work).catch((error: unknown) => {
            loaded = null
            throw error
          })
          const { render, css } = await loaded
          const html = await render({ bulletin, withdrawal: null }, bulletin.slug)
          // A preview is never indexed; the build's own stylesheet goes where the build inlines it.
          return `<!doctype html>${html.replace('</head>', `<meta name="robots" content="noindex"><style>${css}</style></head>`)}`
        } finally {
          await fs.rm(file, { force: true })
        }
      }
      const result = queue.then(run, run)
      queue = result.catch(() => {})
      return result
    },
    async close() {
      const pending = loaded
      loaded = null
      await closeSiteVite(pending)
      if (workDir) await fs.rm(workDir, { recursive: true, force: true })
    },
  }
}
