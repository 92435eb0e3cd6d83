import { describe, expect, it } from 'vitest'
import type { SocialChannel } from '@pregon/core/channels'
import { MastodonProviderError } from '@pregon/workers/providers/mastodon/MastodonProviderError'
import { XProviderError } from '@pregon/workers/providers/x/XProviderError'
import { decideAfterFailure, failedRowPatch } from '@pregon/workers/tasks/decideAfterFailure'

const now = new Date('2026-11-23T12:00:00Z')
// Distinctive and time-zone free, so the reasons can be compared whole.
const formatTime = (at: Date) => `«${at.toISOString()}»`
const rowDetail = { firstAttemptAt: '2026-11-23T11:58:00.000Z', reconcileAttempts: 1, text: 'un texto anterior' }
const detail = { text: 'Rehabilitan el mercado Hidalgo https://municipio.gob.mx/b/1', image: null }

const decide = (error: unknown, { attempts = 1, channel = 'x' as SocialChannel, maxAttempts = 3 } = {}) =>
  decideAfterFailure({ row: { attempts, detail: rowDetail }, error, channel, detail, maxAttempts, retryBaseMs: 60_000, now, formatTime })

const xError = (code: ConstructorParameters<typeof XProviderError>[0]['code'], extra: { isOutcomeUnknown?: boolean; resetAt?: Date } = {}) =>
  new XProviderError({ code, message: `X respondió ${code}.`, stage: 'post', ...extra })

describe('decideAfterFailure', () => {
  it("waits for the network's reset time on a 429", () => {
    const resetAt = new Date('2026-11-23T12:15:00Z')
    expect(decide(xError('X_RATE_LIMITED', { resetAt }))).toEqual({
      kind: 'wait',
      at: resetAt,
      reason: 'X pidió esperar hasta «2026-11-23T12:15:00.000Z» (límite de publicaciones); sale entonces, sin hacer nada más.',
      error: 'X respondió X_RATE_LIMITED.',
      errorCode: 'X_RATE_LIMITED',
      accountPatch: { rateLimitResetAt: '2026-11-23T12:15:00.000Z', rateLimitRemaining: 0 },
    })
  })

  it('backs off from the attempt count when a 429 says no reset time', () => {
    const error = new MastodonProviderError({ code: 'MASTODON_RATE_LIMITED', message: 'Mastodon pidió esperar.', stage: 'post' })
    expect(decide(error, { attempts: 3, channel: 'mastodon' })).toEqual({
      kind: 'wait',
      at: new Date('2026-11-23T12:04:00Z'),
      reason: 'Mastodon pidió esperar hasta «2026-11-23T12:04:00.000Z» (límite de publicaciones); sale entonces, sin hacer nada más.',
      error: 'Mastodon pidió esperar.',
      errorCode: 'MASTODON_RATE_LIMITED',
      accountPatch: { rateLimitResetAt: '2026-11-23T12:04:00.000Z', rateLimitRemaining: 0 },
    })
  })

  it('keeps waiting out rate limits past maxAttempts', () => {
    const resetAt = new Date('2026-11-23T13:00:00Z')
    expect(decide(xError('X_RATE_LIMITED', { resetAt }), { attempts: 9 })).toMatchObject({ kind: 'wait', at: resetAt })
  })

  it('retries an unavailable network with a doubling delay while attempts are left, without holding back the account', () => {
    expect(decide(xError('X_UNAVAILABLE'), { attempts: 1 })).toEqual({
      kind: 'wait',
      at: new Date('2026-11-23T12:01:00Z'),
      reason: 'X no respondió bien (intento 1); se reintenta a las «2026-11-23T12:01:00.000Z».',
      error: 'X respondió X_UNAVAILABLE.',
      errorCode: 'X_UNAVAILABLE',
      accountPatch: null,
    })
    expect(decide(xError('X_TIMEOUT'), { attempts: 2 })).toMatchObject({
      kind: 'wait',
      at: new Date('2026-11-23T12:02:00Z'),
      reason: 'X no respondió bien (intento 2); se reintenta a las «2026-11-23T12:02:00.000Z».',
      errorCode: 'X_TIMEOUT',
    })
  })

  it('never waits more than half an hour between retries', () => {
    expect(decide(xError('X_NETWORK'), { attempts: 10, maxAttempts: 20 })).toMatchObject({ kind: 'wait', at: new Date('2026-11-23T12:30:00Z') })
  })

  it('gives up after maxAttempts when the network stays unavailable, leaving it retryable by hand', () => {
    expect(decide(xError('X_UNAVAILABLE'), { attempts: 3 })).toEqual({
      kind: 'fail',
      rowPatch: {
        status: 'failed',
        completedAt: '2026-11-23T12:00:00.000Z',
        detail: { ...rowDetail, ...detail },
        error: 'X no respondió bien en 3 intentos y Pregón dejó de reintentar. Último error: X respondió X_UNAVAILABLE. Cuando la red responda, usa «Reintentar».',
        errorCode: 'X_UNAVAILABLE',
        isRetryable: true,
      },
    })
  })

  it('flags the account for reconnection on refused credentials', () => {
    expect(decide(xError('X_AUTH_FAILED'))).toEqual({
      kind: 'reconnect',
      accountPatch: { needsReconnect: true, error: 'X respondió X_AUTH_FAILED.', errorAt: '2026-11-23T12:00:00.000Z' },
      rowPatch: { status: 'failed', completedAt: '2026-11-23T12:00:00.000Z', error: 'X respondió X_AUTH_FAILED.', errorCode: 'X_AUTH_FAILED', isRetryable: true },
    })
  })

  it('fails a post the network rejected for a person to change, not to retry', () => {
    const decision = decide(new MastodonProviderError({ code: 'MASTODON_TEXT_TOO_LONG', message: 'El texto es demasiado largo.', stage: 'post' }), { channel: 'mastodon' })
    expect(decision).toEqual({
      kind: 'fail',
      rowPatch: {
        status: 'failed',
        completedAt: '2026-11-23T12:00:00.000Z',
        // This attempt's text replaces the row's; what the row learnt before (first attempt, look-ups) stays.
        detail: { firstAttemptAt: '2026-11-23T11:58:00.000Z', reconcileAttempts: 1, text: detail.text, image: null },
        error: 'El texto es demasiado largo.',
        errorCode: 'MASTODON_TEXT_TOO_LONG',
        isRetryable: false,
      },
    })
  })

  it('looks the post up when the outcome is unknown or a duplicate', () => {
    expect(decide(xError('X_TIMEOUT', { isOutcomeUnknown: true }))).toEqual({ kind: 'look-up' })
    expect(decide(xError('X_DUPLICATE_CONTENT'))).toEqual({ kind: 'look-up' })
  })

  it('looks the post up before anything else when its outcome is unknown, whatever the category or attempts', () => {
    expect(decide(xError('X_RATE_LIMITED', { isOutcomeUnknown: true, resetAt: new Date('2026-11-23T12:15:00Z') }))).toEqual({ kind: 'look-up' })
    expect(decide(xError('X_UNAVAILABLE', { isOutcomeUnknown: true }), { attempts: 3 })).toEqual({ kind: 'look-up' })
  })

  it("treats an error that is not the network's as an unknown outcome", () => {
    expect(decide(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({ kind: 'look-up' })
    expect(decide('a thrown string')).toEqual({ kind: 'look-up' })
    // Shaped like a network failure but not an Error: still not the network's word.
    expect(decide({ code: 'X_AUTH_FAILED', category: 'auth', message: 'no' })).toEqual({ kind: 'look-up' })
  })

  it('decides from the given time, not the clock', () => {
    const earlier = new Date('2001-02-03T04:05:06Z')
    const decision = decideAfterFailure({ row: { attempts: 1, detail: null }, error: xError('X_UNAVAILABLE'), channel: 'x', detail, maxAttempts: 3, retryBaseMs: 5_000, now: earlier, formatTime })
    expect(decision).toMatchObject({ kind: 'wait', at: new Date('2001-02-03T04:05:11Z') })
  })
})

describe('failedRowPatch', () => {
  it('fails an error that is not the network\'s with a Spanish message and no retry', () => {
    expect(failedRowPatch({ row: { detail: null }, error: new Error('ENOENT: no such file'), channel: 'mastodon', detail, now })).toEqual({
      status: 'failed',
      completedAt: '2026-11-23T12:00:00.000Z',
      detail,
      error: 'Error inesperado al publicar en Mastodon: ENOENT: no such file',
      errorCode: 'SOCIAL_UNEXPECTED',
      isRetryable: false,
    })
  })
})
