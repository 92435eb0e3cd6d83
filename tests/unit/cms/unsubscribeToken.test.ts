import { expect, it } from 'vitest'
import { signUnsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from '@pregon/core/unsubscribeToken'

const secret = 'a'.repeat(40)

it('verifies its own tokens and refuses altered ones or ones signed with another secret', () => {
  const token = signUnsubscribeToken({ secret, contactId: 42 })
  expect(verifyUnsubscribeToken({ secret, token })).toBe('42')
  expect(verifyUnsubscribeToken({ secret, token: token.replace(/^42\./, '43.') })).toBeNull()
  expect(verifyUnsubscribeToken({ secret: 'b'.repeat(40), token })).toBeNull()
  expect(verifyUnsubscribeToken({ secret, token: '42' })).toBeNull()
  expect(verifyUnsubscribeToken({ secret, token: '' })).toBeNull()
  expect(unsubscribeUrl({ cmsUrl: 'https://prensa.municipio.gob.mx', token })).toBe(`https://prensa.municipio.gob.mx/api/press-contacts/unsubscribe?t=${token}`)
})
