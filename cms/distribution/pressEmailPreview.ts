import type { PayloadRequest } from 'payload'
import { bulletinLink } from '@pregon/core/composePostText'
import type { Config } from '@pregon/core/loadConfig'
import { PregonError } from '@pregon/core/PregonError'
import { signUnsubscribeToken, unsubscribeUrl } from '@pregon/core/unsubscribeToken'
import { roleOf } from '../access/roles'
import { endpoint, signedInUser } from '../http/errorReply'
import type { Bulletin, User } from '../payload-types'
import { preparePressEmail } from './preparePressEmail'
import { UNSUBSCRIBE_PLACEHOLDER } from './renderPressEmail'

/** The contact the preview is addressed to: no one (an unsubscribe link for contact 0 changes nothing). */
const SAMPLE_CONTACT = 0

/**
 * `GET /api/bulletins/:id/press-email-preview`: the press email of the bulletin's working copy exactly as a
 * journalist would get it (same preparation and renderer as the mailing, a sample recipient's unsubscribe
 * link), for the team only. Under a future embargo it is the embargoed message, with its signed media links.
 */
export const pressEmailPreviewEndpoint = endpoint({
  path: '/:id/press-email-preview',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    const user = signedInUser<User>(req, { code: 'PRESS_PREVIEW_NOT_SIGNED_IN', message: 'Inicia sesión con una cuenta del equipo para ver el correo a prensa.' })
    if (roleOf(req) === null) throw new PregonError({ code: 'PRESS_PREVIEW_NOT_ALLOWED', kind: 'forbidden', message: 'Solo el equipo de Comunicación Social ve el correo a prensa.' })
    const id = Number((req.routeParams as { id?: string } | undefined)?.id)
    const bulletin = (await req.payload.findByID({ collection: 'bulletins', id, draft: true, depth: 1, overrideAccess: false, user, req, disableErrors: true })) as Bulletin | null
    if (!bulletin) throw new PregonError({ code: 'PRESS_PREVIEW_NOT_FOUND', kind: 'not-found', message: 'No existe ese boletín.' })
    const config = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
    const embargo = bulletin.embargoUntil ? new Date(bulletin.embargoUntil) : null
    const template = await preparePressEmail({
      payload: req.payload,
      config,
      bulletin,
      url: bulletinLink(config.portal.url, bulletin.slug ?? ''),
      embargoUntil: embargo && embargo > new Date() ? embargo : null,
    })
    const sample = config.payloadSecret ? unsubscribeUrl({ cmsUrl: config.cms.url, token: signUnsubscribeToken({ secret: config.payloadSecret, contactId: SAMPLE_CONTACT }) }) : '#'
    return Response.json(
      {
        subject: template.subject,
        replyTo: template.replyTo ?? null,
        html: template.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, sample),
        text: template.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, sample),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  },
})
