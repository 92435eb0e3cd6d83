import type { APIRoute, GetStaticPaths } from 'astro'
import { loadPortalContent } from '../../../content/loadPortalContent'
import { isSelected } from '../../../content/portalSelection'
import { bulletinFeed } from '../../../feeds/bulletinFeed'
import { topicsOf, type TopicListing } from '../../../lib/topics'

export const getStaticPaths = (() =>
  topicsOf(loadPortalContent().bulletins)
    .filter((topic) => isSelected('topics', topic.slug))
    .map((topic) => ({ params: { slug: topic.slug }, props: { topic } }))) satisfies GetStaticPaths

export const GET: APIRoute<{ topic: TopicListing }> = ({ props: { topic } }) => {
  const { site } = loadPortalContent()
  return bulletinFeed({
    site,
    title: `Tema ${topic.name} · Boletines de ${site.name}`,
    description: `Boletines de prensa sobre ${topic.name}, ${site.name}.`,
    bulletins: topic.bulletins,
  })
}
