import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Text sealed with AES-256-GCM under a 32-byte key: `v1.<iv>.<tag>.<ciphertext>` (base64url). `context`, when
 * given, is authenticated with it (additional data), so a value sealed for one purpose does not open for another.
 * Used for the TOTP secrets (key from PAYLOAD_SECRET) and the social accounts' credentials (CREDENTIALS_KEY).
 */
const VERSION = 'v1'

/** A key as written in the environment (CREDENTIALS_KEY): 64 hex characters, or base64 of 32 bytes. Undefined otherwise. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim()
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (bytes.length === 32) return bytes
  }
  return undefined
}

export function sealText(key: Buffer, plain: string, context?: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (context !== undefined) cipher.setAAD(Buffer.from(context))
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.')
}

/** The text, or null when it was sealed with another key or context, was altered, or is not sealed text at all. */
export function openText(key: Buffer, sealed: string, context?: string): string | null {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || data === undefined) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    if (context !== undefined) decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
