import { createHash, createHmac } from 'node:crypto'
import { NotFound } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { PregonError } from '@pregon/core/PregonError'
import { roleOf } from '../access/roles'
import { endpoint, signedInUser } from '../http/errorReply'
import type { Bulletin, User } from '../payload-types'

/** The portal server's preview route and header (site/src/preview/portalPreviewRoute.ts: same names, same signature). */
const PREVIEW_PATH = '/_vista-previa'
const PREVIEW_HEADER = 'x-pregon-preview'
const PURPOSE = 'pregon/portal-preview/v1'
const VALIDITY_SECONDS = 30
// The first preview after the portal server starts compiles the template (seconds; more on a busy machine).
const RENDER_TIMEOUT_MS = 60_000

function sign(secret: string, body: string, expiresAtSeconds: number): string {
  const key = createHmac('sha256', secret).update(PURPOSE).digest()
  const mac = createHmac('sha256', key).update(`${expiresAtSeconds}.${createHash('sha256').update(body).digest('hex')}`).digest('base64url')
  return `${expiresAtSeconds}.${mac}`
}

/**
 * `GET /api/bulletins/:id/portal-preview`: the bulletin's working copy as its portal page will look, for the
 * office only (401 nobody signed in, 403 no role, 404 not theirs to read). The draft is read with the person's
 * own access and posted, signed and valid for seconds, to the portal server, which renders it with the portal's
 * own template (the CMS imports nothing of the site). Media point at the CMS's files, which staff may read while
 * they are not public. Nothing is written to the public site.
 */
export const portalPreviewEndpoint = endpoint({
  path: '/:id/portal-preview',
  method: 'get',
  handler: async (req) => {
    const user = signedInUser<User>(req, { code: 'PREVIEW_NOT_SIGNED_IN', message: 'Inicia sesión para ver la vista previa.' })
    if (!roleOf(req)) throw new PregonError({ code: 'PREVIEW_FORBIDDEN', kind: 'forbidden', message: 'Solo el personal de la oficina puede ver vistas previas.' })
    const config = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
    const id = (req.routeParams as { id?: string } | undefined)?.id ?? ''
    let bulletin: Bulletin
    try {
      bulletin = await req.payload.findByID({ collection: 'bulletins', id, draft: true, depth: 1, overrideAccess: false, user, req })
    } catch (error) {
      if (error instanceof NotFound || (error as { status?: number }).status === 404) {
        throw new PregonError({ code: 'PREVIEW_NOT_FOUND', kind: 'not-found', message: 'No existe ese boletín o no tienes acceso a él.', cause: error })
      }
      throw error
    }
    const settings = await req.payload.findGlobal({ slug: 'site-settings', overrideAccess: false, user, req })
    const body = JSON.stringify({ bulletin, settings, siteUrl: config.portal.url })
    const signature = sign(config.payloadSecret ?? '', body, Math.floor(Date.now() / 1000) + VALIDITY_SECONDS)
    const response = await fetch(`http://127.0.0.1:${config.portal.port}${PREVIEW_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [PREVIEW_HEADER]: signature },
      body,
      signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new PregonError({ code: 'PREVIEW_PORTAL_UNREACHABLE', kind: 'conflict', message: 'El portal no responde: la vista previa no está disponible ahora. Vuelve a intentarlo en un momento.', cause: error })
    })
    if (!response.ok) {
      throw new PregonError({ code: 'PREVIEW_RENDER_FAILED', kind: 'conflict', message: `El portal no pudo preparar la vista previa (${response.status}). Vuelve a intentarlo.` })
    }
    // The page's /media/ files are public only once published: the preview shows the CMS's copies.
    const html = (await response.text()).replace(/(["\s,])\/media\//g, '$1/api/media/file/')
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } })
  },
})
