import type { RSSFeedItem } from '@astrojs/rss'
import type { PortalBulletin } from '../content/PortalContent'
import { bulletinPath } from '../lib/paths'

/** One RSS item per bulletin; the link is site-relative and @astrojs/rss makes it absolute with `site`. */
export function bulletinItem(bulletin: PortalBulletin, { hasContent = true }: { hasContent?: boolean } = {}): RSSFeedItem {
  return {
    title: bulletin.title,
    link: bulletinPath(bulletin),
    pubDate: new Date(bulletin.publishedAt),
    description: bulletin.summary,
    categories: bulletin.department ? [bulletin.department.name] : [],
    ...(hasContent ? { content: bulletin.bodyHtml } : {}),
  }
}
