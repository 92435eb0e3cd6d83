import type { APIRoute } from 'astro'
import { loadPortalContent } from '../content/loadPortalContent'

/** Everything on the portal is public by construction (drafts never reach it): crawlers may read it all. */
export const GET: APIRoute = () => {
  const { site } = loadPortalContent()
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap-index.xml', site.url).href}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  })
}
