import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'
import { COMMON_HEADERS } from './securityHeaders'

const PREFIX = '/_next/static/'
const A_YEAR = 365 * 24 * 60 * 60

/**
 * Serves the admin's build assets (`/_next/static/…`, content-hashed, never changing) from the files compressed
 * once after the build (launcher/precompressAssets.ts): Brotli for browsers that take it, gzip for the rest, the
 * file itself when it was too small to compress. Next.js would gzip every request again. Anything else, or a
 * file not in the build, goes to `fallback` (Next.js).
 */
export function nextStaticAssets(staticDir: string): (req: IncomingMessage, res: ServerResponse, fallback: () => void) => void {
  if (!existsSync(staticDir)) return (_req, _res, fallback) => fallback()
  const serve = sirv(staticDir, {
    dev: false,
    brotli: true,
    gzip: true,
    etag: true,
    immutable: true,
    maxAge: A_YEAR,
    setHeaders(res) {
      for (const { key, value } of COMMON_HEADERS) res.setHeader(key, value)
    },
  })
  return (req: IncomingMessage, res: ServerResponse, fallback: () => void): void => {
    const url = req.url ?? ''
    if (!url.startsWith(PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD')) return fallback()
    req.url = url.slice(PREFIX.length - 1)
    serve(req, res, () => {
      req.url = url
      fallback()
    })
  }
}
