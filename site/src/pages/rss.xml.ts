import type { APIRoute } from 'astro'
import { loadPortalContent } from '../content/loadPortalContent'
import { bulletinFeed } from '../feeds/bulletinFeed'

export const GET: APIRoute = () => {
  const { site, bulletins, withdrawn } = loadPortalContent()
  return bulletinFeed({ site, title: `Boletines de ${site.name}`, description: site.description || `Boletines de prensa de ${site.name}.`, bulletins, withdrawn })
}
