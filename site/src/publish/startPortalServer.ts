import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import compression from 'compression'
import sirv from 'sirv'
import type { PortalPreviewRoute } from '../preview/portalPreviewRoute'
import { GENERATION_FILE } from './publishPortal'
import { STAMP_FILE } from './portalTemplateStamp'
import { ALERT_SCRIPT } from '../lib/alertScript'
import { createAccessLog } from './accessLog'

export interface StartPortalServerOptions {
  /** The directory publishPortal writes: the server follows its `current` symlink. */
  portalDir: string
  /** 0 picks a free port; the real one is in the returned url. */
  port: number
  host?: string
  /** Told about unexpected failures (answered with 500); the caller owns logging. */
  onError?: (error: unknown) => void
  /** The CMS's signed page previews (site/src/preview/portalPreviewRoute.ts); without it there is no such route. */
  preview?: PortalPreviewRoute
  /** Origins the portal's forms may post to besides itself: the CMS (the subscription form). */
  formOrigins?: string[]
  /** Where the access log goes (publish/accessLog.ts: no client address in it); none without it. */
  accessLogDir?: string
}

export interface PortalServer {
  url: string
  close(): Promise<void>
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void
type Middleware = (request: http.IncomingMessage, response: http.ServerResponse, next: () => void) => void

const RETRY_AFTER_SECONDS = 5
/** The CSP source that lets the alert banner's inline script run, and no other inline script. */
export const ALERT_SCRIPT_HASH = `sha256-${createHash('sha256').update(ALERT_SCRIPT).digest('base64')}`
// Bodies are sanitized upstream; this stops anything that slipped through from running or phoning home.
// Forms post only to the portal itself and the origins given (the CMS, which takes subscriptions).
const securityHeaders = (formOrigins: string[]) => ({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Scripts only from the portal's own files (the search page's Pagefind, which runs WebAssembly) and, inline, the
  // alert banner's one script, allowed by its hash (lib/alertScript.ts).
  'Content-Security-Policy': `default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'wasm-unsafe-eval' '${ALERT_SCRIPT_HASH}'; object-src 'none'; base-uri 'none'; form-action ${["'self'", ...formOrigins].join(' ')}; frame-ancestors 'self'`,
})
type SecurityHeaders = ReturnType<typeof securityHeaders>
const BUILDING_PAGE = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Portal en preparación</title></head><body><main><h1>Portal en preparación</h1><p>El portal se está generando; vuelve a intentar en unos segundos.</p></main></body></html>`
// One handler per build and generation: an incremental publication changes a build in place and then its
// generation file, so the handler's file index is made again. Two covers a swap in flight.
const CACHED_BUILDS = 2
// Pages, feeds and scripts leave compressed, brotli or gzip as the client accepts (a third of the bytes on a slow
// mobile link), at about half a millisecond of CPU for a bulletin page (brotli; gzip less). Compressing at build
// time instead wrote two more files per page: 6.5-11 s more per full build at 10,000 bulletins on this disk, a
// third of it, for pages mostly never requested.
const compress = compression({ threshold: 1_024 }) as unknown as Middleware

/**
 * Serves the published portal. `current` is resolved on every request, so a publication is live on the next
 * request without a restart, and a request that began on the previous build finishes on it.
 */
export function startPortalServer({ portalDir, port, host = '127.0.0.1', onError, preview, formOrigins = [], accessLogDir }: StartPortalServerOptions): Promise<PortalServer> {
  const headers = securityHeaders(formOrigins)
  const accessLog = accessLogDir ? createAccessLog(accessLogDir) : null
  const handlers = new Map<string, Promise<Handler>>()

  async function handlerFor(root: string, generation: string): Promise<Handler> {
    const key = `${root}\n${generation}`
    let handler = handlers.get(key)
    if (!handler) {
      handler = createBuildHandler(root, headers)
      handlers.set(key, handler)
      const oldest = handlers.keys().next().value
      if (handlers.size > CACHED_BUILDS && oldest !== undefined) handlers.delete(oldest)
    }
    return handler
  }

  const server = http.createServer(async (request, response) => {
    accessLog?.record(request, response)
    try {
      if (preview && (await preview.handle(request, response))) return
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD', ...headers }).end()
        return
      }
      if (request.url?.split('?')[0] === HEALTH_PATH) {
        await answerHealth(portalDir, response, headers)
        return
      }
      const root = await currentRoot(portalDir)
      if (!root) {
        response.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store', ...headers })
        response.end(BUILDING_PAGE)
        return
      }
      const generation = await fs.readFile(path.join(root, GENERATION_FILE), 'utf8').catch(() => '')
      ;(await handlerFor(root, generation))(request, response)
    } catch (error) {
      handlers.clear()
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('Error interno del servidor.')
      onError?.(error)
    }
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address() as AddressInfo
      let closing: Promise<void> | undefined
      resolve({ url: `http://${urlHost(address.address)}:${address.port}`, close: () => (closing ??= closeServer(server).finally(async () => Promise.all([preview?.close(), accessLog?.close()]))) })
    })
  })
}

const HEALTH_PATH = '/healthz'

/**
 * `/healthz`: 200 when a built portal is live (with how long ago it last changed), 503 while there is none.
 * The age comes from the newest of the live build's markers: the content it shows (every publication), its
 * generation (in-place updates), its template stamp (full builds) and, lacking those, its home page.
 */
async function answerHealth(portalDir: string, response: http.ServerResponse, headers: SecurityHeaders): Promise<void> {
  const root = await currentRoot(portalDir)
  const isBuilt = root !== null && (await fs.stat(path.join(root, 'index.html')).then((stat) => stat.isFile(), () => false))
  let buildAgeSeconds: number | null = null
  if (root && isBuilt) {
    const markers = [path.join(portalDir, 'live-content.json'), path.join(root, GENERATION_FILE), path.join(root, STAMP_FILE), path.join(root, 'index.html')]
    const newest = Math.max(...(await Promise.all(markers.map((file) => fs.stat(file).then((stat) => stat.mtimeMs, () => 0)))))
    if (newest > 0) buildAgeSeconds = Math.max(0, Math.round((Date.now() - newest) / 1000))
  }
  const body = isBuilt ? { status: 'ok', buildAgeSeconds } : { status: 'not-built', buildAgeSeconds }
  response.writeHead(isBuilt ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  response.end(JSON.stringify(body))
}

async function currentRoot(portalDir: string): Promise<string | null> {
  try {
    return await fs.realpath(path.join(portalDir, 'current'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

async function createBuildHandler(root: string, headers: SecurityHeaders): Promise<Handler> {
  const notFoundPage = await fs.readFile(path.join(root, '404.html')).catch(() => Buffer.from('<!doctype html><title>No encontrado</title><h1>Página no encontrada</h1>'))
  const serve = sirv(root, {
    etag: true,
    setHeaders(response, pathname) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
      // Feeds and sitemaps as XML: a browser renders them (with the feed's XSL stylesheet) instead of downloading
      // an application/rss+xml file; feed readers take either.
      if (pathname.endsWith('.xml') || pathname.endsWith('.xsl')) response.setHeader('Content-Type', 'application/xml; charset=utf-8')
      response.setHeader('Cache-Control', cacheControl(pathname))
    },
    onNoMatch(_request, response) {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', ...headers })
      response.end(notFoundPage)
    },
  })
  return (request, response) => compress(request, response, () => serve(request, response))
}

function cacheControl(pathname: string): string {
  // Hashed file names never change content; media names are unique per upload.
  if (pathname.startsWith('/_astro/')) return 'public, max-age=31536000, immutable'
  if (pathname.startsWith('/media/')) return 'public, max-age=86400'
  // Pages change with every publication: revalidate (cheap, ETag) rather than serve stale news.
  return 'no-cache'
}

function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost'
  return address.includes(':') ? `[${address}]` : address
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    // Keep-alive sockets would hold the port open until they time out.
    server.closeAllConnections()
  })
}
