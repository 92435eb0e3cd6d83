import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'

/**
 * Links a press mailing gives journalists to a bulletin's photos and documents while they are not public yet
 * (under embargo): the media id, which file (the original or a rendition), an expiry, and an HMAC of the three
 * under a key derived from PAYLOAD_SECRET. Nobody can reach another file, or stretch the expiry, by editing the
 * link; and the key is not the one unsubscribe links use (another purpose, another key).
 */
const PURPOSE = 'pregon/press-media-link/v1'

let derived: { secret: string; key: KeyObject } | null = null

function mac(secret: string, payload: string): string {
  if (derived?.secret !== secret) derived = { secret, key: createSecretKey(createHmac('sha256', secret).update(PURPOSE).digest()) }
  return createHmac('sha256', derived.key).update(payload).digest('base64url').slice(0, 22)
}

const payloadOf = ({ mediaId, variant, expiresAt }: MediaLink) => `${mediaId}:${variant}:${Math.floor(expiresAt.getTime() / 1000)}`

export interface MediaLink {
  mediaId: number | string
  /** `original`, or the name of a rendition (e.g. `email`). */
  variant: string
  expiresAt: Date
}

export type MediaLinkCheck = { ok: true; mediaId: string; variant: string } | { ok: false; reason: 'invalid' | 'expired' }

const VARIANT = /^[a-z0-9-]{1,40}$/

/** The absolute URL of a signed link: `/api/media/signed/:id/:variant?e=<unix seconds>&s=<mac>`. */
export function signedMediaUrl({ secret, cmsUrl, ...link }: MediaLink & { secret: string; cmsUrl: string }): string {
  if (!VARIANT.test(link.variant)) throw new Error(`Not a media variant: ${link.variant}`)
  const expiry = Math.floor(link.expiresAt.getTime() / 1000)
  return `${cmsUrl}/api/media/signed/${link.mediaId}/${link.variant}?e=${expiry}&s=${mac(secret, payloadOf(link))}`
}

/** Whether a link's parts were signed by us and are still in time; a tampered link is `invalid`, never `expired`. */
export function verifyMediaLink({
  secret,
  mediaId,
  variant,
  expiry,
  signature,
  now = new Date(),
}: {
  secret: string
  mediaId: string
  variant: string
  expiry: string
  signature: string
  now?: Date
}): MediaLinkCheck {
  if (!/^\d{1,12}$/.test(mediaId) || !VARIANT.test(variant) || !/^\d{1,12}$/.test(expiry) || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return { ok: false, reason: 'invalid' }
  const expiresAt = new Date(Number(expiry) * 1000)
  const expected = Buffer.from(mac(secret, payloadOf({ mediaId, variant, expiresAt })))
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'invalid' }
  if (expiresAt <= now) return { ok: false, reason: 'expired' }
  return { ok: true, mediaId, variant }
}
