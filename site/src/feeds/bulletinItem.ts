import type { RSSFeedItem } from '@astrojs/rss'
import type { PortalBulletin } from '../content/PortalContent'
import { formatDateTime } from '../lib/formatDate'
import { bulletinPath, mediaPath } from '../lib/paths'
import { escapeHtml, escapeXml, updatedElement } from './feedMarkup'

/** Media RSS, which feed readers use to show an item's picture with its description. */
export const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/'

/**
 * One RSS item per bulletin; the link is site-relative and @astrojs/rss makes it absolute with `site` (and is
 * the item's guid: a corrected bulletin keeps its address and its pubDate, so readers update the item instead of
 * adding one). The hero image goes out as `media:content` with its alt text as the description, for readers who
 * cannot see it. Corrections come first, newest first, «Corrección (fecha): nota», dated in the site's time zone:
 * a reader who saw the item once sees what changed before anything else; the latest one dates the item's
 * `atom:updated` (see feedMarkup.ts for why that element).
 */
export function bulletinItem(
  bulletin: PortalBulletin,
  { hasContent = true, siteUrl, timeZone = 'America/Mexico_City' }: { hasContent?: boolean; siteUrl?: string; timeZone?: string } = {},
): RSSFeedItem {
  const { hero } = bulletin
  const media =
    hero && siteUrl
      ? `<media:content url="${escapeXml(new URL(mediaPath(hero), siteUrl).href)}" type="${escapeXml(hero.mimeType)}" medium="image"${
          hero.width ? ` width="${hero.width}" height="${hero.height}"` : ''
        }><media:description type="plain">${escapeXml(hero.alt)}</media:description></media:content>`
      : ''
  const newestFirst = [...(bulletin.corrections ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  const corrections = newestFirst.map((correction) => `Corrección (${formatDateTime(correction.at, timeZone)}): ${correction.note}`)
  const correctionsHtml = corrections.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`).join('')
  const updated = newestFirst[0] ? updatedElement(newestFirst[0].at) : ''
  return {
    title: bulletin.title,
    link: bulletinPath(bulletin),
    pubDate: new Date(bulletin.publishedAt),
    description: [...corrections, bulletin.summary].join('\n\n'),
    categories: [...(bulletin.department ? [bulletin.department.name] : []), ...(bulletin.topics ?? []).map((topic) => topic.name)],
    ...(hasContent ? { content: correctionsHtml + bulletin.bodyHtml } : {}),
    ...(media || updated ? { customData: updated + media } : {}),
  }
}
