import rss from '@astrojs/rss'
import type { PortalBulletin, PortalSite, PortalWithdrawal } from '../content/PortalContent'
import { bulletinItem, MEDIA_RSS_NAMESPACE } from './bulletinItem'
import { ATOM_NAMESPACE } from './feedMarkup'
import { withdrawnItem } from './withdrawnItem'

// Readers poll feeds often; the newest items are what they need, and the size stays small on slow links.
const FEED_SIZE = 50

/**
 * A person who opens a feed in a browser gets a readable Spanish page (public/rss.xsl); feed readers ignore the
 * processing instruction and read plain RSS.
 */
export const FEED_STYLESHEET = '/rss.xsl'

/**
 * An RSS feed of the newest bulletins of a list (all of them, or one department's), in Spanish. Withdrawn
 * bulletins the feeds still carry (`isInFeeds`) stay among them at their publication date, with «Retirado».
 * Bulletins suspended by a veda are not in `bulletins` and have no withdrawal: they never reach a feed.
 */
export function bulletinFeed({
  site,
  title,
  description,
  bulletins,
  withdrawn = [],
}: {
  site: PortalSite
  title: string
  description: string
  bulletins: PortalBulletin[]
  withdrawn?: PortalWithdrawal[]
}): Promise<Response> {
  const entries = [
    ...bulletins.map((bulletin) => ({ at: Date.parse(bulletin.publishedAt), item: () => bulletinItem(bulletin, { siteUrl: site.url, timeZone: site.timeZone }) })),
    ...withdrawn.filter((withdrawal) => withdrawal.isInFeeds).map((withdrawal) => ({ at: Date.parse(withdrawal.publishedAt), item: () => withdrawnItem(withdrawal) })),
  ]
  // Stable: bulletins keep their order (newest first, as the loader sorts them) among themselves.
  entries.sort((a, b) => b.at - a.at)
  return rss({
    title,
    description,
    site: site.url,
    xmlns: { media: MEDIA_RSS_NAMESPACE, atom: ATOM_NAMESPACE },
    items: entries.slice(0, FEED_SIZE).map((entry) => entry.item()),
    stylesheet: FEED_STYLESHEET,
    customData: '<language>es-MX</language>',
  })
}
