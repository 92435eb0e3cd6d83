import type { PortalBulletin, PortalTopic } from '../content/PortalContent'
import { perList } from './perList'

export interface TopicListing extends PortalTopic {
  /** Newest first, as in the content. */
  bulletins: PortalBulletin[]
}

/**
 * The topics of published bulletins, in alphabetical order as Spanish sorts it. Two spellings with one slug
 * («Agua», «agua») are one topic, named as its newest bulletin spells it. Once per list (perList).
 */
export const topicsOf = perList((bulletins): TopicListing[] => {
  const bySlug = new Map<string, TopicListing>()
  for (const bulletin of bulletins) {
    for (const topic of bulletin.topics ?? []) {
      const listing = bySlug.get(topic.slug) ?? { ...topic, bulletins: [] }
      if (listing.bulletins.at(-1) !== bulletin) listing.bulletins.push(bulletin)
      bySlug.set(topic.slug, listing)
    }
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
}) as (bulletins: PortalBulletin[]) => TopicListing[]

export const TOPICS_PATH = '/temas/'
export const topicPath = (topic: Pick<PortalTopic, 'slug'>) => `${TOPICS_PATH}${topic.slug}/`
export const topicFeedPath = (topic: Pick<PortalTopic, 'slug'>) => `${topicPath(topic)}rss.xml`
