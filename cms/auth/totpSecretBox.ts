import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * TOTP secrets are stored sealed (AES-256-GCM, key derived from PAYLOAD_SECRET), so a copy of the database or
 * of a backup alone does not give anyone the codes. Changing PAYLOAD_SECRET makes them unreadable: each person
 * then sets up the second step again after an admin turns it off (README, "Accounts and sign-in").
 */
const VERSION = 'v1'

function keyFrom(payloadSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', payloadSecret, 'pregon', 'totp-secret', 32))
}

export function sealTotpSecret(secret: string, payloadSecret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(payloadSecret), iv)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
}

/** The secret, or null when it was sealed with another PAYLOAD_SECRET or is not a sealed secret at all. */
export function openTotpSecret(sealed: string, payloadSecret: string): string | null {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || !data) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(payloadSecret), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
