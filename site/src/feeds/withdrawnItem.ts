import type { RSSFeedItem } from '@astrojs/rss'
import type { PortalWithdrawal } from '../content/PortalContent'
import { withdrawalNotice } from '../lib/withdrawalNotice'
import { bulletinPath } from '../lib/paths'
import { updatedElement } from './feedMarkup'

/**
 * The item of a withdrawn bulletin while feeds still carry it (its `isInFeeds`, WITHDRAWN_IN_FEEDS_DAYS after the
 * withdrawal): same guid (its address) and pubDate as when it was published, so a reader replaces the item it
 * holds; «Retirado: » before the title, the office's public notice as the description, no body and no picture;
 * the withdrawal dates its `atom:updated`.
 */
export function withdrawnItem(withdrawal: PortalWithdrawal): RSSFeedItem {
  return {
    title: `Retirado: ${withdrawal.title}`,
    link: bulletinPath(withdrawal),
    pubDate: new Date(withdrawal.publishedAt),
    description: withdrawalNotice(withdrawal),
    categories: withdrawal.department ? [withdrawal.department.name] : [],
    customData: updatedElement(withdrawal.withdrawnAt),
  }
}
