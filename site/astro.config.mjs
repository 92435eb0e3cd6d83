// @ts-check
import sitemap from '@astrojs/sitemap'
import { defineConfig } from 'astro/config'
import { loadPortalContent } from './src/content/loadPortalContent.ts'
import { portalSelection } from './src/content/portalSelection.ts'
import { portalPagePaths } from './src/lib/pagePaths.ts'
import { suspensionPath } from './src/lib/suspensions.ts'

// The public URL lives in the content (the CMS's settings), so canonical links and the feed follow it.
const content = loadPortalContent()
const { site } = content
// An incremental build renders only the pages that changed; its sitemap still lists every page.
const everyPage = portalSelection() ? portalPagePaths(content).map((page) => new URL(page, site.url).href) : []
// A page suspended by a veda electoral is served (its links circulate) but not offered to search engines.
const suspended = new Set((content.suspended ?? []).map((suspension) => new URL(suspensionPath(suspension), site.url).href))

export default defineConfig({
  site: site.url,
  output: 'static',
  // Every built page; no lastmod, so an unchanged site gives a byte-identical sitemap. The 404 page, the offices'
  // public screen and suspended pages are left out.
  integrations: [sitemap({ filter: (page) => !page.endsWith('/404/') && !page.endsWith('/pantalla/') && !suspended.has(page), customPages: everyPage })],
  build: {
    // /boletines/<slug>/index.html: clean URLs from any static file server.
    format: 'directory',
    // One request per page on slow connections; the stylesheet is about 3 kB.
    inlineStylesheets: 'always',
    // Pages render while earlier ones are written: one at a time, the build spent half its time waiting for
    // the disk (CPU profile at 10,000 bulletins).
    concurrency: 8,
  },
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    // The prerender bundle is written under site/ and resolves its externals from there, reaching the
    // cookie@0.x that npm hoisted for the CMS instead of Astro's cookie@2. Bundling it keeps Astro's copy; same
    // class of bug as https://github.com/withastro/astro/issues/17508 (fixed there for neotraverse only).
    environments: { prerender: { resolve: { noExternal: ['cookie'] } } },
  },
})
