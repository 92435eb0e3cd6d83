/**
 * Veda electoral: while a period of the calendar is active nothing goes public on any channel (portal, RSS,
 * networks, mail) unless it is an allowed exception with a written justification, whatever the route (admin
 * REST, GraphQL, the Local API, emergency publishing, the scheduler, a post queued before the period began).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { renderToStaticMarkup } from 'react-dom/server'
import { BlackoutPanel } from '@pregon/cms/components/BlackoutPanel'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { SOCIAL_CHANNELS } from '@pregon/core/channels'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, buildUser, team } from '../../helpers/builders'
import { startEveryNetworkHarness, type EveryNetworkHarness } from '../../helpers/everyNetworkHarness'
import type { TestPayload } from '../../helpers/startTestPayload'
import { waitFor } from '../../helpers/waitFor'

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const PASSWORD = 'contraseña-de-prueba-larga'
const DAY = 24 * 60 * 60 * 1000
const PERIOD = 'Proceso electoral local 2026-2027 (campañas)'
const JUSTIFICATION = 'Alerta por lluvias intensas: la población de las colonias ribereñas debe evacuar hoy.'

let networks: EveryNetworkHarness
let t: TestPayload
let api: ReturnType<typeof apiClients>
let approver: User
const tokens: Record<'admin' | 'approver' | 'editor', string> = { admin: '', approver: '', editor: '' }
let periodStart: Date

const postsLinking = (link: string) => ({
  x: networks.fakes.x.posts.filter((post) => post.text.includes(link)).length,
  facebook: networks.fakes.meta.facebook.published.filter((post) => post.text.includes(link)).length,
  telegram: networks.fakes.telegram.messages.filter((message) => message.text.includes(link)).length,
})
const linkOf = (slug: string | null | undefined) => `${SITE_URL}/boletines/${slug}/`
const recordOf = (id: number, action: string) =>
  t.payload.find({ collection: 'audit-log', where: { itemId: { equals: String(id) }, action: { equals: action } }, depth: 0 }).then(({ docs }) => docs)

beforeAll(async () => {
  networks = await startEveryNetworkHarness({ siteUrl: SITE_URL, networks: { meta: { containerPolls: 1 } } })
  t = networks.harness.t
  api = apiClients(t.payload)
  ;({ approver } = await team(t.payload))
  for (const role of ['admin', 'approver', 'editor'] as const) {
    const user = await buildUser(t.payload, role, { email: `veda-${role}@pregon.test`, password: PASSWORD })
    tokens[role] = (await t.payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token!
  }
  // Campaigns began two days ago and run for a month.
  periodStart = new Date(Date.now() - 2 * DAY)
  const created = await api.rest('POST', 'blackout-periods', {
    token: tokens.admin,
    body: { name: PERIOD, kind: 'municipal', startsAt: periodStart.toISOString(), endsAt: new Date(Date.now() + 30 * DAY).toISOString(), territory: 'Estado de Michoacán', sourceUrl: 'https://iem.org.mx/calendario-2027' },
  })
  expect(created.status).toBe(201)
}, 120_000)

afterAll(async () => networks?.close())

describe('the blackout calendar', () => {
  it('is set by admins only, read by staff only, never deleted, and every change is in the record', async () => {
    const period = { name: 'Consulta popular', kind: 'consulta', startsAt: '2031-01-01T06:00:00.000Z', endsAt: '2031-01-02T06:00:00.000Z', territory: 'Todo el país' }
    expect((await api.rest('POST', 'blackout-periods', { token: tokens.approver, body: period })).status).toBe(403)
    expect((await api.rest('POST', 'blackout-periods', { token: tokens.editor, body: period })).status).toBe(403)
    expect((await api.rest('GET', 'blackout-periods')).status).toBe(403)
    const { body } = await api.rest('GET', 'blackout-periods', { token: tokens.editor })
    expect((body as { docs: Array<{ name: string }> }).docs.map((doc) => doc.name)).toEqual([PERIOD])
    const id = (body as { docs: Array<{ id: number }> }).docs[0]!.id
    expect((await api.rest('DELETE', `blackout-periods/${id}`, { token: tokens.admin })).status).toBe(403)
    const endBeforeStart = await api.rest('POST', 'blackout-periods', { token: tokens.admin, body: { ...period, endsAt: '2030-12-31T06:00:00.000Z' } })
    expect(endBeforeStart.status).toBe(400)

    const [entry] = await recordOf(id, 'blackout-create')
    expect(entry).toMatchObject({ actorRole: 'admin', itemCollection: 'blackout-periods', itemTitle: PERIOD })
    expect(entry!.reason).toMatch(/^Elección local \(municipal\) del .+ Territorio: Estado de Michoacán\. Fuente: https:\/\/iem\.org\.mx\/calendario-2027$/)
  })
})

describe('while a period is active', () => {
  it('refuses a «promoción de logros» bulletin on every route, naming the period and what to do', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'La alcaldesa entrega 40 calles pavimentadas', classification: 'logros', status: 'approved' })
    const route = `bulletins/${bulletin.id}/workflow`

    const published = await api.rest('POST', `${route}/publish`, { token: tokens.approver })
    expect(published.status).toBe(409)
    const [refusal] = (published.body as { errors: Array<{ code: string; message: string }> }).errors
    expect(refusal).toMatchObject({ code: 'WORKFLOW_BLACKOUT' })
    expect(refusal!.message).toContain(`«${PERIOD}»`)
    expect(refusal!.message).toContain('prográmalo para después de la veda')
    // The confirmation dialog says so before anyone confirms.
    const plan = await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/publish`, { token: tokens.approver })
    expect((plan.body as { failures: Array<{ code: string }> }).failures.map((failure) => failure.code)).toContain('WORKFLOW_BLACKOUT')

    const inside = await api.rest('POST', `${route}/schedule`, { token: tokens.approver, body: { publishAt: new Date(Date.now() + 3 * DAY).toISOString() } })
    expect(inside).toMatchObject({ status: 409, body: { errors: [{ code: 'WORKFLOW_BLACKOUT' }] } })
    const emergency = await api.rest('POST', `${route}/emergency-publish`, { token: tokens.admin, body: { reason: 'Lo pide la oficina de la presidencia.' } })
    expect(emergency).toMatchObject({ status: 409, body: { errors: [{ code: 'WORKFLOW_BLACKOUT' }] } })
    await expect(applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'publish', user: approver })).rejects.toMatchObject({ code: 'WORKFLOW_BLACKOUT' })
    const mutation = `mutation ($data: mutationBulletinUpdateInput!) { updateBulletin(id: ${bulletin.id}, data: $data, draft: false) { id } }`
    expect(api.graphqlOutcome(await api.graphql(mutation, { token: tokens.admin, variables: { data: { _status: 'published' } } }), 'updateBulletin')).toBe('denied')

    // Nothing went anywhere: not public, no ledger row, no post.
    expect((await api.rest('GET', `bulletins/${bulletin.id}`)).status).toBe(404)
    expect((await t.payload.count({ collection: 'distributions', where: { bulletin: { equals: bulletin.id } } })).totalDocs).toBe(0)
    expect(await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true, depth: 0 })).toMatchObject({ workflowState: 'approved', _status: 'draft' })
    expect(postsLinking(linkOf(bulletin.slug))).toEqual({ x: 0, facebook: 0, telegram: 0 })

    // After the period it may be scheduled: it goes out then.
    const after = await api.rest('POST', `${route}/schedule`, { token: tokens.approver, body: { publishAt: new Date(Date.now() + 31 * DAY).toISOString() } })
    expect(after.status).toBe(200)
  })

  it('asks an exception for its justification, and sends one with it everywhere, the record keeping why', async () => {
    const short = await buildBulletin(t.payload, {
      title: 'Evacuación preventiva por lluvias',
      classification: 'emergencia',
      blackoutException: 'proteccion-civil',
      blackoutJustification: 'Urgente.',
      status: 'approved',
    })
    const refused = await api.rest('POST', `bulletins/${short.id}/workflow/publish`, { token: tokens.approver })
    expect(refused).toMatchObject({ status: 422, body: { errors: [{ code: 'WORKFLOW_BLACKOUT_JUSTIFICATION' }] } })

    const hero = await buildMedia(t.payload, 'Brigada de Protección Civil junto al río Lerma crecido')
    const bulletin = await buildBulletin(t.payload, {
      title: 'Evacuación preventiva en colonias ribereñas',
      classification: 'emergencia',
      blackoutException: 'proteccion-civil',
      blackoutJustification: JUSTIFICATION,
      heroImage: hero.id,
      status: 'approved',
    })
    const published = await api.rest('POST', `bulletins/${bulletin.id}/workflow/publish`, { token: tokens.approver })
    expect(published.status).toBe(200)

    const rows = await waitFor(
      async () => {
        const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletin.id }, channel: { in: SOCIAL_CHANNELS } }, depth: 0 })
        return docs.length === SOCIAL_CHANNELS.length && docs.every((row) => row.status === 'sent') ? docs : null
      },
      { timeoutMs: 30_000, message: 'the exception to reach all seven networks' },
    )
    expect(rows).toHaveLength(7)
    expect(postsLinking(linkOf(bulletin.slug))).toEqual({ x: 1, facebook: 1, telegram: 1 })
    expect((await api.rest('GET', `bulletins/${bulletin.id}`)).status).toBe(200)
    const [entry] = await recordOf(bulletin.id, 'publish')
    expect(entry!.channels).toEqual(expect.arrayContaining(['portal', 'rss', 'x', 'facebook']))
    expect(entry!.reason).toBe(`Excepción de veda «${PERIOD}» (${entry!.reason!.match(/\((del .+?)\)/)![1]}): Protección civil (emergencia). Justificación: ${JUSTIFICATION}`)
    // The justification is the office's: the public never reads it.
    expect((await api.rest('GET', `bulletins/${bulletin.id}`)).body).not.toHaveProperty('blackoutJustification')
  })

  it('does not send what was approved before the period began and had not left yet', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Informe de obras del trimestre', classification: 'informativo', status: 'approved' })
    // Published (by the workflow's clock) the day before the period; its posts are taken up now, inside it.
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'publish', user: approver, now: new Date(periodStart.getTime() - DAY) })
    const rows = await waitFor(
      async () => {
        const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletin.id }, channel: { in: SOCIAL_CHANNELS } }, depth: 0 })
        return docs.length === SOCIAL_CHANNELS.length && docs.every((row) => row.status === 'skipped') ? docs : null
      },
      { timeoutMs: 30_000, message: 'the posts to be stopped by the veda' },
    )
    for (const row of rows) {
      expect(row).toMatchObject({ errorCode: 'DISTRIBUTION_GONE', error: expect.stringContaining(`Empezó el periodo de veda electoral «${PERIOD}»`) })
    }
    expect(postsLinking(linkOf(bulletin.slug))).toEqual({ x: 0, facebook: 0, telegram: 0 })
  })
})

describe('a scheduled publication that falls in a period', () => {
  it('is held at its time: back to review without its approval, saying why, and not published', async () => {
    const publishAt = new Date('2031-03-10T16:00:00.000Z')
    const bulletin = await buildBulletin(t.payload, { title: 'Feria del empleo de marzo', classification: 'informativo', status: 'approved' })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'schedule', user: approver, publishAt })
    // The period is set after the schedule (calendars are published late).
    const created = await api.rest('POST', 'blackout-periods', {
      token: tokens.admin,
      body: { name: 'Revocación de mandato 2031', kind: 'revocacion', startsAt: '2031-03-01T06:00:00.000Z', endsAt: '2031-03-20T06:00:00.000Z', territory: 'Todo el país' },
    })
    expect(created.status).toBe(201)

    const report = await publishDueItems(networks.ctx, new Date(publishAt.getTime() + 60_000))
    // (The item scheduled above for after the first period is due by then too, and held as well: it is 2031.)
    expect(report.held).toContain(bulletin.id)
    expect(report).toMatchObject({ published: [], failed: [] })
    const held = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true, depth: 0 })
    expect(held).toMatchObject({ workflowState: 'in_review', _status: 'draft', publishAt: null, approval: { hash: null, byId: null } })
    expect((held.blackoutHold as { reason: string }).reason).toContain('«Revocación de mandato 2031»')
    const [entry] = await recordOf(bulletin.id, 'hold')
    expect(entry).toMatchObject({ actorRole: 'system', fromState: 'scheduled', toState: 'in_review' })
    // The dashboard lists it, with the periods and what leaves the portal meanwhile.
    const panel = renderToStaticMarkup((await BlackoutPanel({ payload: t.payload, user: approver, timeZone: 'America/Mexico_City' }))!)
    expect(panel).toContain(`En curso: </strong>${PERIOD}`)
    expect(panel).toMatch(/Empieza en \d+ días: <\/strong>Revocación de mandato 2031 · Revocación de mandato del 1 de marzo al 20 de marzo de 2031/)
    expect(panel).toContain('Retenidos por la veda (2)')
    expect(panel).toContain('Feria del empleo de marzo</a><span class="editorial-dashboard__detail"> · necesita una nueva aprobación')
    // The refused «logros» bulletin never went public: nothing of it is listed as leaving the portal.
    expect(panel).not.toContain('Fuera del portal')
    // Nobody can hold by hand, and it cannot simply be published after: it needs a new approval.
    await expect(applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'hold', user: approver, reason: 'Retener a mano ahora.' })).rejects.toMatchObject({ code: 'WORKFLOW_ROLE_NOT_ALLOWED' })
    await expect(applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'publish', user: approver, now: new Date('2031-03-21T16:00:00.000Z') })).rejects.toMatchObject({
      code: 'WORKFLOW_TRANSITION_NOT_ALLOWED',
    })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'approve', user: approver })
    expect((await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true, depth: 0 })).blackoutHold).toBeNull()
  })
})
