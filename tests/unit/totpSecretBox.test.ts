import { describe, expect, it } from 'vitest'
import { openTotpSecret, sealTotpSecret } from '@pregon/cms/auth/totpSecretBox'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const PAYLOAD_SECRET = 'a'.repeat(48)

describe('the sealed TOTP secret', () => {
  it('opens with the same PAYLOAD_SECRET and does not contain the secret', () => {
    const sealed = sealTotpSecret(SECRET, PAYLOAD_SECRET)
    expect(sealed).not.toContain(SECRET)
    expect(openTotpSecret(sealed, PAYLOAD_SECRET)).toBe(SECRET)
  })

  it('does not open with another PAYLOAD_SECRET, nor when tampered with', () => {
    const sealed = sealTotpSecret(SECRET, PAYLOAD_SECRET)
    expect(openTotpSecret(sealed, 'b'.repeat(48))).toBeNull()
    const [version, iv, tag, data] = sealed.split('.')
    const bytes = Buffer.from(data!, 'base64url')
    bytes[0] = bytes[0]! ^ 1
    expect(openTotpSecret([version, iv, tag, bytes.toString('base64url')].join('.'), PAYLOAD_SECRET)).toBeNull()
    expect(openTotpSecret(SECRET, PAYLOAD_SECRET)).toBeNull()
  })
})
