import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type http from 'node:http'
import type { PortalBulletin, PortalSite } from '../content/PortalContent'
import { createBulletinPreviewRenderer, type BulletinPreviewRenderer } from './renderBulletinPreview'

/** Where the CMS posts a working copy to be rendered; never a page of the built site. */
export const PORTAL_PREVIEW_PATH = '/_vista-previa'
/** `<unix seconds>.<base64url HMAC-SHA256 of "<seconds>.<sha256 of the body>">`, under a key derived for this purpose. */
export const PORTAL_PREVIEW_HEADER = 'x-pregon-preview'
const PURPOSE = 'pregon/portal-preview/v1'
const MAX_BODY_BYTES = 8 * 1024 * 1024
// A request is signed for a minute at most: a captured one cannot be replayed later.
const MAX_VALIDITY_SECONDS = 60

export interface PortalPreviewRoute {
  /** Answers the request if it is a preview request (true), or leaves it to the static files (false). */
  handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean>
  close(): Promise<void>
}

/**
 * The portal server's preview route: the CMS posts the working copy (as the CMS stores it) with a signed,
 * expiring header; `toPreview` turns it into the portal's shapes (the exporter's own mapping, injected by the
 * launcher since the site imports no other workspace), and the page comes back rendered by the real template.
 * Nothing is written to the live build. Unsigned, tampered or expired requests get 403.
 */
export function createPortalPreviewRoute({
  secret,
  toPreview,
  renderer = createBulletinPreviewRenderer(),
  now = () => Date.now(),
}: {
  secret: string
  toPreview: (input: unknown) => { site: PortalSite; bulletin: PortalBulletin }
  renderer?: BulletinPreviewRenderer
  now?: () => number
}): PortalPreviewRoute {
  return {
    async handle(request, response) {
      if (request.url?.split('?')[0] !== PORTAL_PREVIEW_PATH) return false
      const reply = (status: number, text: string) => {
        response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text)
        return true
      }
      if (request.method !== 'POST') return reply(405, 'Solo POST.')
      const body = await readBody(request)
      if (body === null) return reply(413, 'Contenido demasiado grande.')
      const signature = request.headers[PORTAL_PREVIEW_HEADER]
      if (typeof signature !== 'string' || !isValid({ secret, signature, body, nowSeconds: Math.floor(now() / 1000) })) return reply(403, 'Firma de vista previa no válida o vencida.')
      let input: { site: PortalSite; bulletin: PortalBulletin }
      try {
        input = toPreview(JSON.parse(body.toString('utf8')))
      } catch {
        return reply(422, 'El contenido de la vista previa no es válido.')
      }
      const html = await renderer.render(input)
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }).end(html)
      return true
    },
    close: () => renderer.close(),
  }
}

/** The signature the CMS sends (cms/preview/portalPreview.ts signs the same way; the site imports no workspace). */
export function signPortalPreview({ secret, body, expiresAtSeconds }: { secret: string; body: string | Buffer; expiresAtSeconds: number }): string {
  return `${expiresAtSeconds}.${mac(secret, expiresAtSeconds, body)}`
}

function mac(secret: string, expiresAtSeconds: number, body: string | Buffer): string {
  const key = createHmac('sha256', secret).update(PURPOSE).digest()
  return createHmac('sha256', key).update(`${expiresAtSeconds}.${createHash('sha256').update(body).digest('hex')}`).digest('base64url')
}

function isValid({ secret, signature, body, nowSeconds }: { secret: string; signature: string; body: Buffer; nowSeconds: number }): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(signature)
  if (!match || !secret) return false
  const expiresAt = Number(match[1])
  const expected = Buffer.from(mac(secret, expiresAt, body))
  return timingSafeEqual(expected, Buffer.from(match[2]!)) && expiresAt > nowSeconds && expiresAt <= nowSeconds + MAX_VALIDITY_SECONDS
}

async function readBody(request: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
