import { hkdfSync } from 'node:crypto'
import { openText, sealText } from '@pregon/core/secretBox'

/**
 * TOTP secrets are stored sealed (AES-256-GCM, key derived from PAYLOAD_SECRET), so a copy of the database or
 * of a backup alone does not give anyone the codes. Changing PAYLOAD_SECRET makes them unreadable: each person
 * then sets up the second step again after an admin turns it off (README, "Accounts and sign-in").
 */
function keyFrom(payloadSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', payloadSecret, 'pregon', 'totp-secret', 32))
}

export function sealTotpSecret(secret: string, payloadSecret: string): string {
  return sealText(keyFrom(payloadSecret), secret)
}

/** The secret, or null when it was sealed with another PAYLOAD_SECRET or is not a sealed secret at all. */
export function openTotpSecret(sealed: string, payloadSecret: string): string | null {
  return openText(keyFrom(payloadSecret), sealed)
}
