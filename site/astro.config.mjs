// @ts-check
import { writeFile } from 'node:fs/promises'
import { defineConfig } from 'astro/config'
import { loadPortalContent } from './src/content/loadPortalContent.ts'
import { sitemapFiles } from './src/lib/sitemap.ts'

// The public URL lives in the content (the CMS's settings), so canonical links and the feed follow it.
const content = loadPortalContent()
const { site } = content

/**
 * The sitemap, computed from the content rather than from the pages built (lib/sitemap.ts): a publication that
 * renders a few pages writes the very same files without Astro.
 * @type {import('astro').AstroIntegration}
 */
const portalSitemap = {
  name: 'pregon-sitemap',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      for (const [name, text] of sitemapFiles(content)) await writeFile(new URL(name, dir), text)
    },
  },
}

export default defineConfig({
  site: site.url,
  output: 'static',
  integrations: [portalSitemap],
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
