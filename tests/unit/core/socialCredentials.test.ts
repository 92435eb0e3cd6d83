import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '@pregon/core/loadConfig'
import { openText, parseSecretKey, sealText } from '@pregon/core/secretBox'
import { openCredentials, readCredentialInputs, sealCredentials, summarizeCredentials } from '@pregon/core/socialCredentials'

const KEY = randomBytes(32)
const PAGE = { pageId: '104000000000777', accessToken: 'EAAB-token-de-la-pagina-del-DIF-9f2c' }

describe('sealed social credentials', () => {
  it('open with the same key and network, and hold no credential in the clear', () => {
    const sealed = sealCredentials(KEY, 'facebook', PAGE)
    expect(sealed).not.toContain(PAGE.accessToken)
    expect(sealed).not.toContain(PAGE.pageId)
    expect(openCredentials(KEY, 'facebook', sealed)).toEqual(PAGE)
    // A new nonce each time: the same credentials never seal to the same text.
    expect(sealCredentials(KEY, 'facebook', PAGE)).not.toBe(sealed)
  })

  it('tell another key from damage, and refuse another network', () => {
    const sealed = sealCredentials(KEY, 'facebook', PAGE)
    expect(() => openCredentials(randomBytes(32), 'facebook', sealed)).toThrow(/otra CREDENTIALS_KEY/)
    expect(() => openCredentials(KEY, 'instagram', sealed)).toThrow(/dañadas o de otra red/)
    const parts = sealed.split('.')
    const data = Buffer.from(parts[4]!, 'base64url')
    data[0] = data[0]! ^ 1
    parts[4] = data.toString('base64url')
    expect(() => openCredentials(KEY, 'facebook', parts.join('.'))).toThrow(/dañadas/)
    expect(() => openCredentials(KEY, 'facebook', 'texto cualquiera')).toThrow(/dañadas/)
  })

  it('are read from what a person typed: trimmed, all of them, a Mastodon server as an address', () => {
    expect(readCredentialInputs('bluesky', { identifier: ' dif.santalucia.gob.mx ', appPassword: 'abcd-efgh-ijkl-mnop' })).toEqual({
      identifier: 'dif.santalucia.gob.mx',
      appPassword: 'abcd-efgh-ijkl-mnop',
    })
    expect(() => readCredentialInputs('x', { appKey: 'k', appSecret: ' ' })).toThrow(
      'Faltan credenciales: API Key Secret de la app, Access Token de la cuenta, Access Token Secret de la cuenta.',
    )
    expect(() => readCredentialInputs('mastodon', { url: 'mastodon.social', accessToken: 't' })).toThrow(/dirección completa/)
  })

  it('are summed up with their public parts and the last four characters of each secret', () => {
    expect(summarizeCredentials('telegram', { botToken: '123456:AAHk-secreto-XyZ9', chatId: '@pc_santalucia' })).toBe('Token del bot: …XyZ9 · Canal: @pc_santalucia')
  })
})

describe('CREDENTIALS_KEY', () => {
  it('is 32 bytes written as hex or base64, and anything else stops Pregón with how to make one', () => {
    const hex = KEY.toString('hex')
    expect(parseSecretKey(hex)).toEqual(KEY)
    expect(parseSecretKey(KEY.toString('base64'))).toEqual(KEY)
    expect(parseSecretKey('secreto')).toBeUndefined()
    expect(loadConfig({ CREDENTIALS_KEY: KEY.toString('base64') }).credentialsKey).toBe(hex)
    expect(loadConfig({}).credentialsKey).toBeUndefined()
    expect(() => loadConfig({ CREDENTIALS_KEY: 'abc123' })).toThrow(ConfigError)
    expect(() => loadConfig({ CREDENTIALS_KEY: 'abc123' })).toThrow(/CREDENTIALS_KEY: must be 32 random bytes .*openssl rand -hex 32/)
  })
})

describe('the secret box', () => {
  it('opens only with the key and context it was sealed with', () => {
    const sealed = sealText(KEY, 'hola', 'uno')
    expect(openText(KEY, sealed, 'uno')).toBe('hola')
    expect(openText(KEY, sealed, 'dos')).toBeNull()
    expect(openText(KEY, sealed)).toBeNull()
    expect(openText(randomBytes(32), sealed, 'uno')).toBeNull()
  })
})
