import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyMailboxMessage } from '@pregon/workers/bounces/classifyMailboxMessage'
import { parseDeliveryStatus } from '@pregon/workers/bounces/parseDeliveryStatus'

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/bounces', name))

describe('classifyMailboxMessage', () => {
  it('reads a Postfix DSN: the failed recipient, 5.1.1 and the returned message headers’ Message-ID', async () => {
    expect(await classifyMailboxMessage(fixture('postfix-user-unknown.eml'))).toMatchObject({
      kind: 'bounce',
      format: 'dsn',
      failures: [{ address: 'juan.perez@periodico.test', status: '5.1.1', reason: expect.stringMatching(/^Rebote \(5\.1\.1\): 550 5\.1\.1 .*User unknown/) }],
      transient: 0,
      originalMessageId: '<0f6c1b7e-3d1a-4d8e-9a55-1c2b3d4e5f60@municipio.test>',
    })
  })

  it('reads a Gmail DSN nested in multipart/related, with the whole original attached', async () => {
    expect(await classifyMailboxMessage(fixture('gmail-no-such-user.eml'))).toMatchObject({
      kind: 'bounce',
      failures: [{ address: 'maria.lopez@gmail.test', status: '5.1.1' }],
      originalMessageId: '<5b2e9c41-77aa-4f0e-8d2c-6a1e0b9c3f21@municipio.test>',
    })
  })

  it('reads an Exchange/Outlook DSN in Spanish with quoted-printable text and rfc822 headers', async () => {
    expect(await classifyMailboxMessage(fixture('exchange-mailbox-full.eml'))).toMatchObject({
      kind: 'bounce',
      failures: [{ address: 'reportero@diario.test', status: '5.2.2', reason: expect.stringContaining('mailbox full') }],
      originalMessageId: '<a1b2c3d4-e5f6-4711-8899-aabbccddeeff@municipio.test>',
    })
  })

  it('counts a delayed 4.4.1 report as transient, with no failure to act on', async () => {
    expect(await classifyMailboxMessage(fixture('postfix-delayed.eml'))).toMatchObject({ kind: 'bounce', failures: [], transient: 1 })
  })

  it('reads a plain-text qmail bounce from its code and the quoted original’s To and Message-ID', async () => {
    expect(await classifyMailboxMessage(fixture('qmail-nonstandard.eml'))).toMatchObject({
      kind: 'bounce',
      format: 'text',
      failures: [{ address: 'pedro.sanchez@semanario.test', status: '5.1.1' }],
      originalMessageId: '<c0ffee00-1234-4abc-9def-0123456789ab@municipio.test>',
    })
  })

  it('takes a mailto unsubscribe’s token from its subject, reply prefixes and brackets aside', async () => {
    const mail = (subject: string) => Buffer.from(`From: alguien@medio.test\r\nTo: comunicacion@municipio.test\r\nSubject: ${subject}\r\n\r\n\r\n`)
    expect(await classifyMailboxMessage(mail('Baja 12.abcdefghijklmnopqrstuv'))).toEqual({ kind: 'unsubscribe', token: '12.abcdefghijklmnopqrstuv' })
    expect(await classifyMailboxMessage(mail('RE: baja <12.abcdefghijklmnopqrstuv>'))).toEqual({ kind: 'unsubscribe', token: '12.abcdefghijklmnopqrstuv' })
    expect(await classifyMailboxMessage(mail('Bajas del mes'))).toEqual({ kind: 'other' })
  })

  it('leaves an ordinary reply alone', async () => {
    const reply = Buffer.from('From: reportera@medio.test\r\nTo: comunicacion@municipio.test\r\nSubject: Re: Boletín\r\n\r\nGracias, ¿hay fotos? Mi número termina en 550.\r\n')
    expect(await classifyMailboxMessage(reply)).toEqual({ kind: 'other' })
  })
})

describe('parseDeliveryStatus', () => {
  it('keeps each recipient’s action and status, preferring Original-Recipient', () => {
    const report = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.test\n\nOriginal-Recipient: rfc822;Uno@Medio.test\nFinal-Recipient: rfc822; reenvio@otro.test\nAction: failed\nStatus: 5.7.1 (refused)\n\nFinal-Recipient: rfc822; dos@medio.test\nAction: delayed\nStatus: 4.2.2\n',
    )
    expect(report.recipients).toEqual([
      { address: 'uno@medio.test', action: 'failed', status: '5.7.1', diagnostic: null },
      { address: 'dos@medio.test', action: 'delayed', status: '4.2.2', diagnostic: null },
    ])
  })
})
