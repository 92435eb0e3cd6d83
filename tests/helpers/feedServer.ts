import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** What one path of the feed server answers. */
export interface FeedRoute {
  body: string | Buffer
  contentType?: string
  status?: number
  /** Sent as ETag; a request with If-None-Match equal to it gets a 304. */
  etag?: string
  /** Sent as Last-Modified; a request with If-Modified-Since equal to it gets a 304. */
  lastModified?: string
  /** Waits this long before answering (a slow or hung outlet). */
  delayMs?: number
}

export interface FeedRequest {
  path: string
  startedAt: number
  endedAt: number
  ifNoneMatch: string | null
  ifModifiedSince: string | null
  userAgent: string | null
  status: number
}

export interface FeedServer {
  origin: string
  routes: Map<string, FeedRoute>
  requests: FeedRequest[]
  close(): Promise<void>
}

/**
 * Outlets' web servers, on 127.0.0.1: each path answers its route, honours conditional GETs as a real
 * server does, and every request is recorded (when it started and ended, what validators it sent).
 */
export async function startFeedServer(routes = new Map<string, FeedRoute>()): Promise<FeedServer> {
  const requests: FeedRequest[] = []
  const server = http.createServer((req, res) => {
    const startedAt = performance.now()
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const route = routes.get(path)
    const answer = () => {
      let status = route?.status ?? (route ? 200 : 404)
      const ifNoneMatch = req.headers['if-none-match'] ?? null
      const ifModifiedSince = req.headers['if-modified-since'] ?? null
      if (route && status === 200 && ((route.etag && ifNoneMatch === route.etag) || (route.lastModified && !route.etag && ifModifiedSince === route.lastModified))) status = 304
      const headers: Record<string, string> = {}
      if (route?.etag) headers.etag = route.etag
      if (route?.lastModified) headers['last-modified'] = route.lastModified
      if (status !== 304) headers['content-type'] = route?.contentType ?? 'text/html; charset=utf-8'
      res.writeHead(status, headers)
      res.end(status === 304 ? undefined : (route?.body ?? '<!doctype html><title>No encontrado</title><h1>404</h1>'))
      requests.push({ path, startedAt, endedAt: performance.now(), ifNoneMatch: ifNoneMatch as string | null, ifModifiedSince: ifModifiedSince as string | null, userAgent: req.headers['user-agent'] ?? null, status })
    }
    if (route?.delayMs) setTimeout(answer, route.delayMs).unref()
    else answer()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface SampleItem {
  title: string
  link: string
  description?: string
  date: Date
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A WordPress-shaped RSS 2.0 feed, as most Mexican outlets publish (dates in RFC 822). */
export function rssFeed({ title, site, items }: { title: string; site: string; items: SampleItem[] }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>${xml(title)}</title>
  <link>${xml(site)}</link>
  <description>Noticias de Sinaloa</description>
  <language>es-MX</language>
${items
  .map(
    (item) => `  <item>
    <title>${xml(item.title)}</title>
    <link>${xml(item.link)}</link>
    <dc:creator><![CDATA[Redacción]]></dc:creator>
    <pubDate>${item.date.toUTCString().replace('GMT', '+0000')}</pubDate>
    <guid isPermaLink="false">${xml(item.link)}#guid</guid>
    <description><![CDATA[<p>${item.description ?? ''}</p>]]></description>
  </item>`,
  )
  .join('\n')}
</channel>
</rss>`
}

/** An Atom 1.0 feed (dates in RFC 3339). */
export function atomFeed({ title, site, items }: { title: string; site: string; items: SampleItem[] }): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${xml(title)}</title>
  <link href="${xml(site)}" rel="alternate"/>
  <id>${xml(site)}</id>
  <updated>${new Date().toISOString()}</updated>
${items
  .map(
    (item) => `  <entry>
    <title type="html">${xml(item.title)}</title>
    <link rel="alternate" href="${xml(item.link)}"/>
    <id>${xml(item.link)}</id>
    <published>${item.date.toISOString()}</published>
    <updated>${item.date.toISOString()}</updated>
    <summary type="html">${xml(`<p>${item.description ?? ''}</p>`)}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>`
}
