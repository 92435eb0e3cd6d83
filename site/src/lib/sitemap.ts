import type { PortalContent } from '../content/PortalContent'
import { portalPagePaths } from './pagePaths'
import { suspensionPath } from './suspensions'

/** The sitemap protocol's limit is 50,000 addresses a file; 45,000 a file leaves the margin Astro's former sitemap integration kept. */
const ADDRESSES_PER_FILE = 45_000
export const SITEMAP_INDEX = 'sitemap-index.xml'
const XML = '<?xml version="1.0" encoding="UTF-8"?>'

/**
 * The sitemap files of a content, by file name: `sitemap-index.xml` naming `sitemap-0.xml`, `sitemap-1.xml`…
 * Every page but the 404, the offices' screen and pages suspended by a veda; no lastmod, so the same content
 * always gives the same bytes. Computed from the content, not from the pages a build happened to render: a full
 * build and a publication that renders three pages write the same files (at 50,000 bulletins in tens of milliseconds).
 */
export function sitemapFiles(content: PortalContent): Map<string, string> {
  const suspended = new Set((content.suspended ?? []).map(suspensionPath))
  // In the order of portalPagePaths (fixed pages, then bulletins newest first…): a new bulletin lands in the first file.
  const pages = [...new Set(portalPagePaths(content))].filter((page) => !suspended.has(page))
  // Pages are absolute paths of ASCII slugs: the origin before them is their address (a URL object each costs
  // more than the rest of the sitemap at 50,000 pages).
  const origin = new URL(content.site.url).origin
  const base = escapeXml(origin)
  const address = (page: string) => (SPECIAL.test(page) ? base + escapeXml(page) : base + page)
  const files = new Map<string, string>()
  for (let start = 0, n = 0; start < pages.length || n === 0; start += ADDRESSES_PER_FILE, n++) {
    const urls = pages.slice(start, start + ADDRESSES_PER_FILE).map((page) => `<url><loc>${address(page)}</loc></url>`)
    files.set(`sitemap-${n}.xml`, `${XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`)
  }
  const entries = [...files.keys()].map((name) => `<sitemap><loc>${address(`/${name}`)}</loc></sitemap>`)
  files.set(SITEMAP_INDEX, `${XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join('')}</sitemapindex>`)
  return files
}

const SPECIAL = /[&<>'"]/
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;')
