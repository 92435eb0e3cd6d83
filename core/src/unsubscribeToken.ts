import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'

/**
 * The token in a press mailing's unsubscribe links: the contact's id and an HMAC of it under a key derived from
 * PAYLOAD_SECRET, so the page needs no login and nobody can unsubscribe someone else by changing a number.
 * It does not expire: an unsubscribe link in a year-old message must still work.
 */
const PURPOSE = 'pregon/press-unsubscribe/v1'

// The derived key of the last secret used, as a KeyObject (a Buffer key is re-imported on every HMAC, 5× slower):
// a mailing signs thousands of tokens under one secret.
let derived: { secret: string; key: KeyObject } | null = null

function mac(secret: string, contactId: string): string {
  if (derived?.secret !== secret) derived = { secret, key: createSecretKey(createHmac('sha256', secret).update(PURPOSE).digest()) }
  return createHmac('sha256', derived.key).update(contactId).digest('base64url').slice(0, 22)
}

export function signUnsubscribeToken({ secret, contactId }: { secret: string; contactId: number | string }): string {
  const id = String(contactId)
  return `${id}.${mac(secret, id)}`
}

/** The contact id a token names, or null when it was not signed by us (or was altered). */
export function verifyUnsubscribeToken({ secret, token }: { secret: string; token: string }): string | null {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token)
  if (!match) return null
  const [, id, given] = match as unknown as [string, string, string]
  const expected = Buffer.from(mac(secret, id))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null
}

/** Where the one-click POST (RFC 8058) and the unsubscribe page live: the CMS, which can change the record. */
export function unsubscribeUrl({ cmsUrl, token }: { cmsUrl: string; token: string }): string {
  return `${cmsUrl}/api/press-contacts/unsubscribe?t=${encodeURIComponent(token)}`
}
