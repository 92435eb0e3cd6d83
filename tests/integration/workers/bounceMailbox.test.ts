import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseBounceMailboxUrl } from '@pregon/core/bounceMailbox'
import { signToken, signUnsubscribeToken } from '@pregon/core/unsubscribeToken'
import type { MailingList } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { findOpsAlerts } from '../../../workers/src/alerts/findOpsAlerts'
import { UNHANDLED_KEYWORD } from '@pregon/workers/bounces/readMailbox'
import { readBounceMailbox } from '@pregon/workers/tasks/readBounceMailbox'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { buildBulletin, team } from '../../helpers/builders'
import { startImapServer, type ImapServer } from '../../helpers/startImapServer'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']
let imap: ImapServer
let prensa: MailingList

beforeAll(async () => {
  imap = await startImapServer()
  harness = await startTaskHarness({ env: { BOUNCE_IMAP_URL: imap.url } })
  ;({ t, ctx } = harness)
  prensa = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Prensa', slug: 'prensa', audience: 'press' } })
})
afterAll(async () => {
  await harness?.close()
  await imap?.close()
})

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/bounces', name), 'utf8')
const contactRow = (id: number) =>
  t.query<{ status: string; bounce_reason: string | null; bounce_at: Date | null; unsubscribed_at: Date | null }>(
    'SELECT status, bounce_reason, bounce_at, unsubscribed_at FROM press_contacts WHERE id = $1',
    [id],
  ).then((rows) => rows[0]!)
const subscriberRow = (id: number) =>
  t.query<{ status: string; bounce_reason: string | null; unsubscribed_at: Date | null; updated_at: Date }>(
    'SELECT status, bounce_reason, unsubscribed_at, updated_at FROM subscribers WHERE id = $1',
    [id],
  ).then((rows) => rows[0]!)

async function contact(email: string): Promise<number> {
  const created = await t.payload.create({ collection: 'press-contacts', data: { name: email.split('@')[0]!, email, status: 'active', lists: [prensa.id] } })
  return created.id
}

async function subscriber(email: string, status = 'active'): Promise<number> {
  const [row] = await t.query<{ id: number }>(`INSERT INTO subscribers (email, status) VALUES ($1, $2) RETURNING id`, [email, status])
  return row!.id
}

/** A real press mailing to the list; returns each recipient's delivery row. */
async function mailPress(title: string): Promise<Map<string, { id: number; message_id: string }>> {
  const { editor, approver } = await team(t.payload)
  const draft = await buildBulletin(t.payload, { title })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { pressLists: [prensa.id], distributeTo: ['press-mailing'] }, overrideAccess: false, user: editor })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb, user })
  }
  const [mailing] = await t.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1 AND channel = 'press-mailing'`, [draft.id])
  await sendPressMailing(ctx, mailing!.id)
  const rows = await t.query<{ id: number; email: string; message_id: string }>('SELECT id, email, message_id FROM deliveries WHERE distribution_id = $1', [mailing!.id])
  return new Map(rows.map((row) => [row.email, row]))
}

/** The fixture as the mailbox would get it for this recipient and Message-ID. */
function dsn(name: string, { from, to, messageId }: { from: string; to: string; messageId?: string }): string {
  let text = fixture(name).replaceAll(from, to).replace(/\r?\n/g, '\r\n')
  if (messageId) text = text.replace(/<[0-9a-f-]{36}@municipio\.test>/g, messageId)
  return text
}

const unsubscribeMail = (token: string) => `From: alguien@medio.test\r\nTo: comunicacion@pregon.test\r\nSubject: Baja ${token}\r\nMessage-ID: <${Math.random()}@medio.test>\r\n\r\n\r\n`

async function mailboxState(): Promise<{ inbox: { uid: number; flags: string[] }[]; processed: number }> {
  const client = await imap.connect()
  try {
    const inbox: { uid: number; flags: string[] }[] = []
    const lock = await client.getMailboxLock('INBOX')
    try {
      for await (const message of client.fetch('1:*', { uid: true, flags: true })) inbox.push({ uid: message.uid, flags: [...(message.flags ?? [])].sort() })
    } catch {
      // An empty mailbox has no 1:*.
    } finally {
      lock.release()
    }
    const folder = (await client.list()).find((box) => /Pregon.Procesados$/.test(box.path))
    const status = folder ? await client.status(folder.path, { messages: true }) : false
    const processed = status ? (status.messages ?? 0) : 0
    return { inbox, processed }
  } finally {
    await client.logout()
  }
}

describe('the bounce mailbox', () => {
  it('marks a press contact and its delivery row bounced from a late DSN, and a subscriber too; a 4.x.x report changes nothing', async () => {
    const juan = await contact('juan.perez@periodico.test')
    const ana = await contact('ana.ruiz@radio.test')
    const deliveries = await mailPress('Arranca la repavimentación')
    const juanDelivery = deliveries.get('juan.perez@periodico.test')!
    expect(juanDelivery.message_id).toMatch(/^<.+>$/)
    const maria = await subscriber('maria.lopez@gmail.test')
    const [citizenDelivery] = await t.query<{ id: number }>(
      `INSERT INTO subscriber_deliveries (subscriber_id, email, status, message_id) VALUES ($1, $2, 'sent', '<boletin-ciudadano-1@pregon.test>') RETURNING id`,
      [maria, 'maria.lopez@gmail.test'],
    )

    await imap.append(dsn('postfix-user-unknown.eml', { from: 'juan.perez@periodico.test', to: 'juan.perez@periodico.test', messageId: juanDelivery.message_id }))
    await imap.append(dsn('gmail-no-such-user.eml', { from: 'maria.lopez@gmail.test', to: 'maria.lopez@gmail.test', messageId: '<boletin-ciudadano-1@pregon.test>' }))
    await imap.append(dsn('postfix-delayed.eml', { from: 'ana.ruiz@radio.test', to: 'ana.ruiz@radio.test', messageId: deliveries.get('ana.ruiz@radio.test')!.message_id }))

    expect(await readBounceMailbox(ctx)).toMatchObject({ kind: 'read', run: { read: 3, handled: 3, unhandled: 0, contactsBounced: 1, subscribersBounced: 1, deliveriesBounced: 2 } })

    expect(await contactRow(juan)).toMatchObject({ status: 'bounced', bounce_reason: expect.stringMatching(/^Rebote \(5\.1\.1\): 550 5\.1\.1/), bounce_at: expect.any(Date) })
    const [juanRow] = await t.query<{ status: string; error: string }>('SELECT status, error FROM deliveries WHERE id = $1', [juanDelivery.id])
    expect(juanRow).toMatchObject({ status: 'bounced', error: expect.stringContaining('5.1.1') })
    expect(await subscriberRow(maria)).toMatchObject({ status: 'bounced', bounce_reason: expect.stringContaining('5.1.1') })
    expect(await t.query('SELECT status FROM subscriber_deliveries WHERE id = $1', [citizenDelivery!.id])).toEqual([{ status: 'bounced' }])
    // Delayed: the sending server keeps trying; the contact and her copy stay as they were.
    expect(await contactRow(ana)).toMatchObject({ status: 'active', bounce_reason: null })
    expect(await t.query('SELECT status FROM deliveries WHERE id = $1', [deliveries.get('ana.ruiz@radio.test')!.id])).toEqual([{ status: 'sent' }])

    expect(await mailboxState()).toEqual({ inbox: [], processed: 3 })
  })

  it('unsubscribes a press contact and a subscriber from «Baja <token>» mail, and ignores a forged token', async () => {
    const secret = t.config.payloadSecret!
    const pedro = await contact('pedro.unsub@semanario.test')
    const lucia = await subscriber('lucia@vecinos.test')
    const victim = await contact('victima@diario.test')
    await imap.append(unsubscribeMail(signUnsubscribeToken({ secret, contactId: pedro })))
    await imap.append(unsubscribeMail(signToken({ secret, purpose: 'subscriberManage', subject: String(lucia) })))
    // Another contact's id with a made-up signature, and a token signed for another purpose.
    await imap.append(unsubscribeMail(`${victim}.AAAAAAAAAAAAAAAAAAAAAA`))
    await imap.append(unsubscribeMail(signToken({ secret, purpose: 'subscriberConfirm', subject: String(victim) })))

    expect(await readBounceMailbox(ctx)).toMatchObject({ kind: 'read', run: { read: 4, handled: 4, unsubscribed: 2, unverifiedTokens: 2 } })
    expect(await contactRow(pedro)).toMatchObject({ status: 'unsubscribed', unsubscribed_at: expect.any(Date) })
    expect(await subscriberRow(lucia)).toMatchObject({ status: 'unsubscribed', unsubscribed_at: expect.any(Date) })
    expect(await contactRow(victim)).toMatchObject({ status: 'active', unsubscribed_at: null })
  })

  it('changes nothing more when the same messages come again, and sets aside what it does not understand, once', async () => {
    const carla = await contact('carla.dos@periodico.test')
    const sara = await subscriber('sara@vecinos.test')
    const raw = dsn('qmail-nonstandard.eml', { from: 'pedro.sanchez@semanario.test', to: 'carla.dos@periodico.test' })
    const baja = unsubscribeMail(signToken({ secret: t.config.payloadSecret!, purpose: 'subscriberManage', subject: String(sara) }))
    await imap.append(raw)
    await imap.append(baja)
    await imap.append('From: reportera@medio.test\r\nTo: comunicacion@pregon.test\r\nSubject: Re: Boletín\r\n\r\n¿Hay fotos en alta?\r\n')
    expect(await readBounceMailbox(ctx)).toMatchObject({ run: { read: 3, handled: 2, unhandled: 1, contactsBounced: 1, unsubscribed: 1 } })
    const first = { carla: await contactRow(carla), sara: await subscriberRow(sara) }
    expect(first.carla.status).toBe('bounced')
    expect(first.sara.status).toBe('unsubscribed')

    // The same two messages arrive again (a server that delivers twice); the reply is not read a second time.
    await imap.append(raw)
    await imap.append(baja)
    expect(await readBounceMailbox(ctx)).toMatchObject({ run: { read: 2, handled: 2, unhandled: 0, contactsBounced: 0, unsubscribed: 0 } })
    expect(await readBounceMailbox(ctx)).toMatchObject({ run: { read: 0 } })
    expect(await contactRow(carla)).toEqual(first.carla)
    expect(await subscriberRow(sara)).toEqual(first.sara)

    const state = await mailboxState()
    // The reply stays in the inbox, unseen, for a person; everything else was moved.
    expect(state.inbox).toEqual([{ uid: expect.any(Number), flags: [UNHANDLED_KEYWORD] }])
    expect(state.processed).toBe(3 + 4 + 4)
  })

  it('reports a refused password in Spanish as an alert and goes on working', async () => {
    const wrong = { ...ctx, config: { ...ctx.config, bounces: { ...ctx.config.bounces, mailbox: { ...parseBounceMailboxUrl(imap.url), password: 'equivocada' } } } }
    const report = await readBounceMailbox(wrong)
    expect(report).toMatchObject({ kind: 'failed', code: 'BOUNCE_MAILBOX_LOGIN_REFUSED', message: expect.stringMatching(/rechazó el usuario o la contraseña.*BOUNCE_IMAP_URL/) })
    expect(report.kind === 'failed' && report.message).not.toContain('equivocada')
    const [beat] = await t.query<{ detail: { ok: boolean; code: string } }>(`SELECT detail FROM ops_heartbeats WHERE service = 'bounce-mailbox'`)
    expect(beat!.detail).toMatchObject({ ok: false, code: 'BOUNCE_MAILBOX_LOGIN_REFUSED' })
    expect(await findOpsAlerts(wrong, new Date())).toContainEqual(expect.objectContaining({ key: 'bounce-mailbox:failed', kind: 'bounce-mailbox-failed', message: report.kind === 'failed' ? report.message : '' }))

    // Nobody listening: a clear error too, not a crash.
    const closed = { ...ctx, config: { ...ctx.config, bounces: { ...ctx.config.bounces, mailbox: { ...parseBounceMailboxUrl(imap.url), port: 1 } } } }
    expect(await readBounceMailbox(closed)).toMatchObject({ kind: 'failed', code: 'BOUNCE_MAILBOX_UNREACHABLE' })

    // The next run with the right password reads again and clears the condition.
    expect(await readBounceMailbox(ctx)).toMatchObject({ kind: 'read' })
    expect((await findOpsAlerts(ctx, new Date())).filter((c) => c.kind === 'bounce-mailbox-failed')).toEqual([])
  })
})
