import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'
import { loadPortalContent } from '../content/loadPortalContent'
import { bulletinItem, MEDIA_RSS_NAMESPACE } from '../feeds/bulletinItem'

// Readers poll the feed often; the newest items are what they need, and the size stays small on slow links.
const FEED_SIZE = 50

export const GET: APIRoute = async (context) => {
  const { site, bulletins } = loadPortalContent()
  return rss({
    title: `Boletines de ${site.name}`,
    description: site.description || `Boletines de prensa de ${site.name}.`,
    site: context.site ?? site.url,
    xmlns: { media: MEDIA_RSS_NAMESPACE },
    items: bulletins.slice(0, FEED_SIZE).map((bulletin) => bulletinItem(bulletin, { siteUrl: site.url })),
    customData: '<language>es-MX</language>',
  })
}
