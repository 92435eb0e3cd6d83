import { describe, expect, it } from 'vitest'
import { classifySmtpError } from '@pregon/workers/mail/classifySmtpError'

const now = new Date('2026-11-23T12:00:00Z')
const classify = (error: object, attempt = 1) => classifySmtpError({ error, attempt, maxAttempts: 3, retryDelayMs: 60_000, now })

describe('classifySmtpError', () => {
  it('retries a temporary refusal with a doubling delay, then gives up', () => {
    expect(classify({ responseCode: 451, command: 'RCPT TO', response: '451 try later' }, 1)).toMatchObject({ status: 'pending', nextAttemptAt: new Date('2026-11-23T12:01:00Z') })
    expect(classify({ responseCode: 421, command: 'DATA' }, 2)).toMatchObject({ status: 'pending', nextAttemptAt: new Date('2026-11-23T12:02:00Z') })
    expect(classify({ responseCode: 451, command: 'RCPT TO' }, 3)).toMatchObject({ status: 'failed' })
  })

  it('bounces the address on a permanent refusal of the recipient, but not on a refusal of the message', () => {
    expect(classify({ responseCode: 550, command: 'RCPT TO', code: 'EENVELOPE' })).toMatchObject({ status: 'bounced', responseCode: 550 })
    expect(classify({ responseCode: 552, command: 'DATA', code: 'EMESSAGE' })).toMatchObject({ status: 'failed' })
  })

  it('retries when the connection failed before the message was handed over, and flags it unknown otherwise', () => {
    expect(classify({ code: 'ECONNECTION', command: 'CONN' })).toMatchObject({ status: 'pending' })
    expect(classify({ code: 'ETIMEDOUT', command: 'DATA' })).toMatchObject({ status: 'unknown' })
  })
})
