import fs from 'node:fs/promises'
import path from 'node:path'
import type { Endpoint, PayloadRequest } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { verifyMediaLink } from '@pregon/core/mediaLinkToken'
import { PregonError } from '@pregon/core/PregonError'
import { endpoint } from '../http/errorReply'
import type { Media } from '../payload-types'

const REFUSALS = {
  invalid: {
    code: 'MEDIA_LINK_INVALID',
    message: 'Este enlace a la foto o al documento no es válido (está incompleto o fue modificado). Usa el enlace tal como llegó en el correo de prensa.',
  },
  expired: {
    code: 'MEDIA_LINK_EXPIRED',
    message: 'Este enlace a la foto o al documento ya venció. Búscalo en el boletín publicado o pídelo a la oficina de Comunicación Social.',
  },
} as const

/**
 * `GET /api/media/signed/:id/:variant?e=…&s=…`: a file of a bulletin that is not public yet (embargoed), for the
 * journalists a press mailing gave the signed link to (core/mediaLinkToken). The public API keeps refusing the
 * same file (publishedMediaOrStaff); only a link we signed, unaltered and in time, opens it.
 */
export const signedMediaLinkEndpoint = (staticDir: string): Endpoint =>
  endpoint({
    path: '/signed/:id/:variant',
    method: 'get',
    handler: async (req: PayloadRequest) => {
      const secret = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon.payloadSecret ?? ''
      const params = (req.routeParams ?? {}) as { id?: string; variant?: string }
      const query = req.searchParams
      const check = verifyMediaLink({
        secret,
        mediaId: String(params.id ?? ''),
        variant: String(params.variant ?? ''),
        expiry: query.get('e') ?? '',
        signature: query.get('s') ?? '',
      })
      if (!secret || !check.ok) throw new PregonError({ ...REFUSALS[check.ok ? 'invalid' : check.reason], kind: 'forbidden' })
      const media = (await req.payload.findByID({ collection: 'media', id: Number(check.mediaId), depth: 0, disableErrors: true, req })) as Media | null
      const file = media && fileOf(media, check.variant)
      if (!file) throw new PregonError({ code: 'MEDIA_LINK_GONE', kind: 'not-found', message: 'El archivo de este enlace ya no existe.' })
      const bytes = await fs.readFile(path.join(staticDir, path.basename(file.filename))).catch(() => null)
      if (!bytes) throw new PregonError({ code: 'MEDIA_LINK_GONE', kind: 'not-found', message: 'El archivo de este enlace ya no existe.' })
      return new Response(new Uint8Array(bytes), {
        headers: {
          'Content-Type': file.mimeType,
          'Content-Length': String(bytes.length),
          'Content-Disposition': `inline; filename="${encodeURIComponent(path.basename(file.filename))}"`,
          // Not for shared caches: the file may still be under embargo.
          'Cache-Control': 'private, max-age=3600',
          'X-Content-Type-Options': 'nosniff',
        },
      })
    },
  })

function fileOf(media: Media, variant: string): { filename: string; mimeType: string } | null {
  if (variant === 'original') return media.filename && media.mimeType ? { filename: media.filename, mimeType: media.mimeType } : null
  const size = (media.sizes as Record<string, { filename?: string | null; mimeType?: string | null } | undefined> | undefined)?.[variant]
  return size?.filename && size.mimeType ? { filename: size.filename, mimeType: size.mimeType } : null
}
