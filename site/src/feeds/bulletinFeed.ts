import rss from '@astrojs/rss'
import type { PortalBulletin, PortalSite } from '../content/PortalContent'
import { bulletinItem, MEDIA_RSS_NAMESPACE } from './bulletinItem'

// Readers poll feeds often; the newest items are what they need, and the size stays small on slow links.
const FEED_SIZE = 50

/**
 * A person who opens a feed in a browser gets a readable Spanish page (public/rss.xsl); feed readers ignore the
 * processing instruction and read plain RSS.
 */
export const FEED_STYLESHEET = '/rss.xsl'

/** An RSS feed of the newest bulletins of a list (all of them, or one department's), in Spanish. */
export function bulletinFeed({ site, title, description, bulletins }: { site: PortalSite; title: string; description: string; bulletins: PortalBulletin[] }): Promise<Response> {
  return rss({
    title,
    description,
    site: site.url,
    xmlns: { media: MEDIA_RSS_NAMESPACE },
    items: bulletins.slice(0, FEED_SIZE).map((bulletin) => bulletinItem(bulletin, { siteUrl: site.url, timeZone: site.timeZone })),
    stylesheet: FEED_STYLESHEET,
    customData: '<language>es-MX</language>',
  })
}
