import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Department } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { sendSubscriberDigest } from '@pregon/workers/tasks/sendSubscriberDigest'
import { sendSubscriberMailing } from '@pregon/workers/tasks/sendSubscriberMailing'
import { sendSubscriberNotice } from '@pregon/workers/tasks/sendSubscriberNotice'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildDepartment, buildUser, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

let harness: TaskHarness
let t: TaskHarness['t']
let sink: TaskHarness['sink']
let ctx: TaskHarness['ctx']
let api: ReturnType<typeof apiClients>
let water: Department
let parks: Department

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, sink, ctx } = harness)
  api = apiClients(t.payload)
  await t.payload.updateGlobal({ slug: 'site-settings', data: { municipalityName: 'Municipio de Prueba', officeName: 'Comunicación Social', privacyNoticeVersion: '2026-12' } })
  water = await buildDepartment(t.payload, 'Agua Potable')
  parks = await buildDepartment(t.payload, 'Parques y Jardines')
})
afterAll(async () => harness?.close())

/** The portal's form, as a browser without JavaScript posts it. */
async function subscribe(fields: Array<[string, string]>, { client = '203.0.113.7' } = {}) {
  const response = await api.request('POST', 'subscribers/subscribe', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client },
  })
  return { status: response.status, html: await response.text() }
}

/** Runs the confirmation jobs queued for an address, as the worker would. */
async function runNotices(email: string) {
  const jobs = await t.query<{ id: string; data: { subscriberId: number; requestedAt: string } }>(
    `SELECT j.id, j.data FROM pgboss.job j JOIN subscribers s ON s.id = (j.data->>'subscriberId')::int WHERE j.name = 'subscriber-notice' AND s.email = $1 AND j.state = 'created'`,
    [email],
  )
  for (const job of jobs) {
    await sendSubscriberNotice(ctx, job.data, { jobId: job.id })
    await t.query(`UPDATE pgboss.job SET state = 'completed' WHERE id = $1`, [job.id])
  }
  return jobs.length
}

const mailTo = (email: string) => sink.messages.filter((m) => m.envelope.to.includes(email))
const linkIn = (text: string, path: string) => new RegExp(`https?://\\S+/api/subscribers/${path}\\?t=[\\w.%-]+`).exec(text)?.[0]
const header = (raw: Buffer, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw.toString('utf8').split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' '))?.[1]
const subscriberRow = async (email: string) =>
  (await t.query<{ id: number; status: string; frequency: string; privacy_version: string | null; privacy_accepted_at: Date | null }>(
    'SELECT id, status, frequency, privacy_version, privacy_accepted_at FROM subscribers WHERE email = $1',
    [email],
  ))[0]
const subscriberMailingsOf = (bulletinId: number) => t.query<{ id: number; is_urgent: boolean }>(`SELECT id, is_urgent FROM distributions WHERE bulletin_id = $1 AND channel = 'subscribers'`, [bulletinId])

async function publishAndMail(input: Parameters<typeof buildBulletin>[1]) {
  const bulletin = await buildBulletin(t.payload, { status: 'published', ...input })
  const reports = []
  for (const { id } of await subscriberMailingsOf(bulletin.id)) reports.push(await sendSubscriberMailing(ctx, id))
  return { bulletin, reports }
}

async function confirmFromInbox(email: string) {
  expect(await runNotices(email)).toBe(1)
  const confirmation = mailTo(email).at(-1)!
  expect(confirmation.subject).toBe('Confirma tu suscripción a los avisos de Municipio de Prueba')
  const link = linkIn(confirmation.text!, 'confirm')!
  const page = await api.request('GET', link.replace(/^https?:\/\/[^/]+\/api\//, ''))
  expect(await page.text()).toContain('Confirmar mi suscripción')
  const confirmed = await api.request('POST', link.replace(/^https?:\/\/[^/]+\/api\//, ''))
  expect(confirmed.status).toBe(200)
  expect(await confirmed.text()).toContain('Suscripción confirmada')
}

describe('citizens subscribe', () => {
  it('confirm from the inbox, then get each matching bulletin once and nothing else, until one-click unsubscribe stops everything', async () => {
    const email = 'rosa.perez@correo.test'
    const asked = await subscribe([
      ['correo', 'Rosa.Perez@Correo.test '],
      ['frecuencia', 'immediate'],
      ['dependencia', String(water.id)],
      ['boletines', 'si'],
      ['emergencias', 'si'],
      ['aviso', 'si'],
      ['sitio_web', ''],
    ])
    expect(asked.status).toBe(202)
    expect(asked.html).toContain('Revisa tu correo')
    expect(await subscriberRow(email)).toMatchObject({ status: 'pending' })

    // Nothing but the confirmation before the link is followed.
    const early = await publishAndMail({ title: 'Corte de agua en el centro', department: water.id })
    expect(early.reports.map((r) => r.counts?.sent)).toEqual([0])
    await confirmFromInbox(email)
    expect(mailTo(email).map((m) => m.subject)).toEqual(['Confirma tu suscripción a los avisos de Municipio de Prueba'])
    const row = await subscriberRow(email)
    expect(row).toMatchObject({ status: 'active', frequency: 'immediate', privacy_version: '2026-12' })
    expect(row!.privacy_accepted_at).toBeInstanceOf(Date)

    const matching = await publishAndMail({ title: 'Nueva red de agua en La Loma', department: water.id })
    await publishAndMail({ title: 'Poda de árboles en el parque', department: parks.id })
    expect(matching.reports.map((r) => r.counts?.sent)).toEqual([1])
    const received = mailTo(email).slice(1)
    expect(received.map((m) => m.subject)).toEqual(['Nueva red de agua en La Loma'])
    // Once: the job again sends nothing more.
    const [distribution] = await subscriberMailingsOf(matching.bulletin.id)
    expect(await sendSubscriberMailing(ctx, distribution!.id)).toMatchObject({ outcome: 'already-done' })
    expect(mailTo(email)).toHaveLength(2)
    const rows = await t.query<{ status: string; email: string }>('SELECT status, email FROM subscriber_deliveries WHERE distribution_id = $1', [distribution!.id])
    expect(rows).toEqual([{ status: 'sent', email }])

    const message = received[0]!
    expect(message.text).toContain(`${t.config.portal.url}/boletines/${matching.bulletin.slug}/`)
    expect(header(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    expect(header(message.raw, 'List-Id')).toMatch(/^Avisos del portal <avisos\.[\w.-]+>$/)
    const unsubscribeUrl = /^<(https?:[^>]+)>/.exec(header(message.raw, 'List-Unsubscribe')!)![1]!
    expect(unsubscribeUrl).toBe(linkIn(message.text!, 'manage'))
    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to that URL, without a page.
    const oneClick = await api.request('POST', unsubscribeUrl.replace(/^https?:\/\/[^/]+\/api\//, ''), {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(oneClick.status).toBe(200)
    expect(await subscriberRow(email)).toMatchObject({ status: 'unsubscribed' })
    const after = await publishAndMail({ title: 'Pipas de agua gratuitas', department: water.id })
    expect(after.reports.map((r) => r.counts?.sent)).toEqual([0])
    expect(mailTo(email)).toHaveLength(2)
  })

  it('a daily subscriber gets one digest with exactly the day’s matching bulletins, once, and immediate subscribers none', async () => {
    const daily = 'luis.daily@correo.test'
    const immediate = 'ana.immediate@correo.test'
    await subscribe([['correo', daily], ['frecuencia', 'daily'], ['dependencia', String(parks.id)], ['tipo', 'aviso'], ['tipo', 'boletin'], ['boletines', 'si'], ['aviso', 'si']], { client: '203.0.113.8' })
    await subscribe([['correo', immediate], ['frecuencia', 'immediate'], ['boletines', 'si'], ['aviso', 'si']], { client: '203.0.113.8' })
    await confirmFromInbox(daily)
    await confirmFromInbox(immediate)
    const start = new Date()
    const first = await buildBulletin(t.payload, { status: 'published', title: 'Reapertura del parque Hidalgo', department: parks.id })
    const second = await buildBulletin(t.payload, { status: 'published', title: 'Jornada de reforestación', department: parks.id })
    await buildBulletin(t.payload, { status: 'published', title: 'Bacheo en la avenida Juárez', department: water.id })
    const end = new Date(Date.now() + 1000)
    const [{ id: digestId }] = (await t.query<{ id: number }>(
      `INSERT INTO subscriber_digests (frequency, period_start, period_end, status) VALUES ('daily', $1, $2, 'pending') RETURNING id`,
      [start, end],
    )) as [{ id: number }]
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end.getTime() - Date.now())))
    expect(await sendSubscriberDigest(ctx, digestId)).toMatchObject({ outcome: 'sent', counts: { sent: 1, pending: 0 } })
    expect(await sendSubscriberDigest(ctx, digestId)).toMatchObject({ outcome: 'already-done' })
    const digests = mailTo(daily).filter((m) => m.subject?.startsWith('Resumen'))
    expect(digests).toHaveLength(1)
    expect(digests[0]!.subject).toMatch(/: 2 publicaciones de Municipio de Prueba$/)
    expect(digests[0]!.text).toContain(first.title)
    expect(digests[0]!.text).toContain(second.title)
    expect(digests[0]!.text).not.toContain('Bacheo')
    // Newest first.
    expect(digests[0]!.text!.indexOf(second.title)).toBeLessThan(digests[0]!.text!.indexOf(first.title))
    expect(mailTo(immediate).filter((m) => m.subject?.startsWith('Resumen'))).toEqual([])
  })

  it('an emergency goes at once to everyone who accepts alerts, whatever their frequency, and not again in the digest', async () => {
    const weekly = 'marta.weekly@correo.test'
    await subscribe([['correo', weekly], ['frecuencia', 'weekly'], ['dependencia', String(parks.id)], ['boletines', 'si'], ['emergencias', 'si'], ['aviso', 'si']], { client: '203.0.113.9' })
    await confirmFromInbox(weekly)
    const start = new Date()
    const admin = await buildUser(t.payload, 'admin')
    const { editor } = await team(t.payload)
    const draft = await buildBulletin(t.payload, { title: 'Refugios abiertos por la tormenta', department: water.id, classification: 'emergencia' })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { distributeTo: ['x'] }, overrideAccess: false, user: editor })
    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'emergency-publish', user: admin, reason: 'Tormenta: refugios abiertos a las 23:10' })
    const [mailing] = await subscriberMailingsOf(draft.id)
    expect(mailing).toMatchObject({ is_urgent: true })
    await sendSubscriberMailing(ctx, mailing!.id)
    expect(mailTo(weekly).map((m) => m.subject)).toContain('ALERTA: Refugios abiertos por la tormenta')
    const end = new Date(Date.now() + 1000)
    const [{ id: digestId }] = (await t.query<{ id: number }>(
      `INSERT INTO subscriber_digests (frequency, period_start, period_end, status) VALUES ('weekly', $1, $2, 'pending') RETURNING id`,
      [start, end],
    )) as [{ id: number }]
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end.getTime() - Date.now())))
    expect(await sendSubscriberDigest(ctx, digestId)).toMatchObject({ outcome: 'sent', counts: { sent: 0 } })
    expect(mailTo(weekly).filter((m) => m.subject?.includes('Refugios'))).toHaveLength(1)
  })
})

describe('the subscription form refuses abuse without telling who is subscribed', () => {
  it('answers the same for a new and a known address, ignores the honeypot, limits messages per address and requests per connection', async () => {
    const known = await subscribe([['correo', 'rosa.perez@correo.test'], ['boletines', 'si'], ['aviso', 'si']], { client: '198.51.100.1' })
    const unknown = await subscribe([['correo', 'nadie.aqui@correo.test'], ['boletines', 'si'], ['aviso', 'si']], { client: '198.51.100.1' })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(known.html.replace(/<title>.*<\/title>/, '')).toBe(unknown.html.replace(/<title>.*<\/title>/, ''))

    const bot = await subscribe([['correo', 'bot@spam.test'], ['boletines', 'si'], ['aviso', 'si'], ['sitio_web', 'http://spam.test']], { client: '198.51.100.2' })
    expect(bot.status).toBe(202)
    expect(await subscriberRow('bot@spam.test')).toBeUndefined()

    const invalid = await subscribe([['correo', 'no es un correo'], ['boletines', 'si']], { client: '198.51.100.3' })
    expect(invalid.status).toBe(422)
    expect(invalid.html).toContain('El correo no parece válido')
    expect(invalid.html).toContain('aviso de privacidad')

    // A second request within a minute sends no second message.
    await subscribe([['correo', 'nadie.aqui@correo.test'], ['boletines', 'si'], ['aviso', 'si']], { client: '198.51.100.4' })
    expect(await runNotices('nadie.aqui@correo.test')).toBe(1)

    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await subscribe([['correo', `vecino${i}@correo.test`], ['boletines', 'si'], ['aviso', 'si']], { client: '198.51.100.5' })).status)
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('refuses a forged or altered link, and a confirmation link once superseded', async () => {
    const forged = await api.request('POST', 'subscribers/confirm?t=1.1700000000.AAAAAAAAAAAAAAAAAAAAAA')
    expect(forged.status).toBe(400)
    const manage = await api.request('GET', 'subscribers/manage?t=1.AAAAAAAAAAAAAAAAAAAAAA')
    expect(manage.status).toBe(400)
  })
})

describe('ARCO', () => {
  it('gives the subscriber their data and erases it, keeping delivery counts without the address', async () => {
    const email = 'ana.immediate@correo.test'
    await publishAndMail({ title: 'Feria del empleo en la plaza' })
    const row = (await subscriberRow(email))!
    const delivered = await t.query<{ n: string }>('SELECT count(*) AS n FROM subscriber_deliveries WHERE subscriber_id = $1', [row.id])
    const message = mailTo(email).find((m) => m.text?.includes('/api/subscribers/manage'))!
    const manage = linkIn(message.text!, 'manage')!.replace(/^https?:\/\/[^/]+\/api\//, '')
    const data = await api.request('GET', manage.replace('subscribers/manage', 'subscribers/data'))
    const body = (await data.json()) as { subscription: { email: string }; messages: unknown[] }
    expect(body.subscription.email).toBe(email)
    expect(body.messages).toHaveLength(Number(delivered[0]!.n))
    const erased = await api.request('POST', manage.replace('subscribers/manage', 'subscribers/erase'))
    expect(erased.status).toBe(200)
    expect(await subscriberRow(email)).toBeUndefined()
    expect(await t.query('SELECT 1 FROM subscriber_deliveries WHERE email = $1', [email])).toEqual([])
  })
})
