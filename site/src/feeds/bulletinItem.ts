import type { RSSFeedItem } from '@astrojs/rss'
import type { PortalBulletin } from '../content/PortalContent'
import { bulletinPath, mediaPath } from '../lib/paths'

/** Media RSS, which feed readers use to show an item's picture with its description. */
export const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/'

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c)

/**
 * One RSS item per bulletin; the link is site-relative and @astrojs/rss makes it absolute with `site`.
 * The hero image goes out as `media:content` with its alt text as the description, for readers who cannot see it.
 */
export function bulletinItem(
  bulletin: PortalBulletin,
  { hasContent = true, siteUrl }: { hasContent?: boolean; siteUrl?: string } = {},
): RSSFeedItem {
  const { hero } = bulletin
  const media =
    hero && siteUrl
      ? `<media:content url="${escapeXml(new URL(mediaPath(hero), siteUrl).href)}" type="${escapeXml(hero.mimeType)}" medium="image"${
          hero.width ? ` width="${hero.width}" height="${hero.height}"` : ''
        }><media:description type="plain">${escapeXml(hero.alt)}</media:description></media:content>`
      : undefined
  return {
    title: bulletin.title,
    link: bulletinPath(bulletin),
    pubDate: new Date(bulletin.publishedAt),
    description: bulletin.summary,
    categories: bulletin.department ? [bulletin.department.name] : [],
    ...(hasContent ? { content: bulletin.bodyHtml } : {}),
    ...(media ? { customData: media } : {}),
  }
}
