import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'
import { loadPortalContent } from '../../content/loadPortalContent'
import { FEED_STYLESHEET } from '../../feeds/bulletinFeed'
import { formatDateTime } from '../../lib/formatDate'
import { PROGRAM_STATUS_LABEL, programPath } from '../../lib/programs'

export const GET: APIRoute = () => {
  const { site, programs = [] } = loadPortalContent()
  return rss({
    title: `Programas y convocatorias de ${site.name}`,
    description: `Programas y convocatorias a los que la ciudadanía puede solicitar, de ${site.name}.`,
    site: site.url,
    items: programs.slice(0, 50).map((program) => ({
      title: program.title,
      link: new URL(programPath(program), site.url).href,
      pubDate: new Date(program.publishedAt),
      description: [
        program.summary,
        `Estado: ${PROGRAM_STATUS_LABEL[program.status]}.`,
        program.closesAt ? `Cierra el ${formatDateTime(program.closesAt, site.timeZone)}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    })),
    customData: '<language>es-MX</language>',
    stylesheet: FEED_STYLESHEET,
  })
}
