import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'

/**
 * The tokens in the links of Pregón's mailings: a recipient's id and an HMAC of it under a key derived from
 * PAYLOAD_SECRET and the link's purpose, so the page needs no login, nobody can act for someone else by
 * changing a number, and a token made for one purpose (a journalist's unsubscribe link) opens nothing else (a
 * citizen's preferences). They do not expire: an unsubscribe link in a year-old message must still work.
 * A confirmation link names the request too (its time), so a newer request or a confirmation retires it.
 */
export const TOKEN_PURPOSES = {
  pressUnsubscribe: 'pregon/press-unsubscribe/v1',
  subscriberManage: 'pregon/subscriber-manage/v1',
  subscriberConfirm: 'pregon/subscriber-confirm/v1',
} as const
export type TokenPurpose = keyof typeof TOKEN_PURPOSES

// Derived keys of the last secret used, as KeyObjects (a Buffer key is re-imported on every HMAC, 5× slower):
// a mailing signs thousands of tokens under one secret.
let derived: { secret: string; keys: Map<TokenPurpose, KeyObject> } | null = null

function mac(secret: string, purpose: TokenPurpose, subject: string): string {
  if (derived?.secret !== secret) derived = { secret, keys: new Map() }
  let key = derived.keys.get(purpose)
  if (!key) derived.keys.set(purpose, (key = createSecretKey(createHmac('sha256', secret).update(TOKEN_PURPOSES[purpose]).digest())))
  return createHmac('sha256', key).update(subject).digest('base64url').slice(0, 22)
}

/** `subject`: digits and dots only (an id, or an id and a request time). */
export function signToken({ secret, purpose, subject }: { secret: string; purpose: TokenPurpose; subject: string }): string {
  return `${subject}.${mac(secret, purpose, subject)}`
}

/** The subject a token names, or null when it was not signed by us for this purpose (or was altered). */
export function verifyToken({ secret, purpose, token }: { secret: string; purpose: TokenPurpose; token: string }): string | null {
  const match = /^(\d{1,15}(?:\.\d{1,15})?)\.([A-Za-z0-9_-]{22})$/.exec(token)
  if (!match) return null
  const [, subject, given] = match as unknown as [string, string, string]
  const expected = Buffer.from(mac(secret, purpose, subject))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? subject : null
}

export function signUnsubscribeToken({ secret, contactId }: { secret: string; contactId: number | string }): string {
  return signToken({ secret, purpose: 'pressUnsubscribe', subject: String(contactId) })
}

/** The contact id a press unsubscribe token names, or null. */
export function verifyUnsubscribeToken({ secret, token }: { secret: string; token: string }): string | null {
  const subject = verifyToken({ secret, purpose: 'pressUnsubscribe', token })
  return subject && /^\d{1,12}$/.test(subject) ? subject : null
}

/** Where the one-click POST (RFC 8058) and the unsubscribe page live: the CMS, which can change the record. */
export function unsubscribeUrl({ cmsUrl, token }: { cmsUrl: string; token: string }): string {
  return `${cmsUrl}/api/press-contacts/unsubscribe?t=${encodeURIComponent(token)}`
}

/** A citizen's preferences page, also the one-click unsubscribe of every message they get. */
export function subscriberManageUrl({ cmsUrl, secret, subscriberId }: { cmsUrl: string; secret: string; subscriberId: number | string }): string {
  return `${cmsUrl}/api/subscribers/manage?t=${encodeURIComponent(signToken({ secret, purpose: 'subscriberManage', subject: String(subscriberId) }))}`
}

/** The link of a confirmation message: the subscriber and the request (its time in seconds) it confirms. */
export function subscriberConfirmUrl({ cmsUrl, secret, subscriberId, requestedAt }: { cmsUrl: string; secret: string; subscriberId: number | string; requestedAt: Date }): string {
  const subject = `${subscriberId}.${Math.floor(requestedAt.getTime() / 1000)}`
  return `${cmsUrl}/api/subscribers/confirm?t=${encodeURIComponent(signToken({ secret, purpose: 'subscriberConfirm', subject }))}`
}
