import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import type { User } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

let harness: TaskHarness
let worker: RunningWorker
let lucia: User
let mario: User
let ernesto: User
let rosa: User
let tomas: User

beforeAll(async () => {
  harness = await startTaskHarness({ env: { CMS_URL: 'https://prensa.municipio.test' } })
  const { payload } = harness.t
  lucia = await buildUser(payload, 'editor', { name: 'Lucía Méndez', notifyByEmail: true })
  mario = await buildUser(payload, 'editor', { name: 'Mario Ruiz', notifyByEmail: false })
  ernesto = await buildUser(payload, 'approver', { name: 'Ernesto Salinas', notifyByEmail: true })
  rosa = await buildUser(payload, 'approver', { name: 'Rosa Ibarra', notifyByEmail: true })
  tomas = await buildUser(payload, 'approver', { name: 'Tomás Vega', notifyByEmail: false })
  worker = await startWorker(harness.ctx, { databaseUrl: harness.t.databaseUrl, queues: [QUEUES.notifyStaff] })
})
afterAll(async () => {
  await worker?.stop()
  await harness?.close()
})

/** Every staff-notice job finished (sent or skipped), so the sink holds all there will be. */
const settled = () =>
  waitFor(async () => {
    const [row] = await harness.t.query<{ open: number }>(`SELECT count(*)::int AS open FROM pgboss.job WHERE name = $1 AND state::text <> 'completed'`, [QUEUES.notifyStaff])
    return row?.open === 0
  }, { message: 'staff notices settled' })

const recipients = () => harness.sink.messages.map((message) => message.envelope.to[0]).sort()

describe('staff email notices', () => {
  it('tells the opted-in approvers of a submission, not the submitter, and the opted-in editor of a rejection with the reason and link', async () => {
    const { payload } = harness.t
    const bulletin = await buildBulletin(payload, { title: 'Campaña de vacunación canina', author: lucia })
    // Mario edits it too, but did not ask for emails.
    await payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, user: mario, overrideAccess: false, data: { summary: 'Vacunación gratuita en los cinco centros de salud.' } })

    await applyWorkflowAction({ payload, id: bulletin.id, verb: 'submit', user: lucia })
    await harness.sink.waitForMessages(2)
    await settled()
    expect(recipients()).toEqual([ernesto.email, rosa.email].sort())
    const [toErnesto] = harness.sink.messages.filter((message) => message.envelope.to[0] === ernesto.email)
    expect(toErnesto?.subject).toBe('Para revisar: Campaña de vacunación canina')
    expect(toErnesto?.text).toContain(`Lucía Méndez envió el boletín «Campaña de vacunación canina» a revisión.`)
    expect(toErnesto?.text).toContain(`https://prensa.municipio.test/admin/collections/bulletins/${bulletin.id}`)

    harness.sink.messages.length = 0
    await applyWorkflowAction({ payload, id: bulletin.id, verb: 'reject', user: ernesto, reason: 'Falta el horario de los centros.' })
    const [message] = await harness.sink.waitForMessages(1)
    await settled()
    expect(recipients()).toEqual([lucia.email])
    expect(message?.subject).toBe('Devuelto: Campaña de vacunación canina')
    expect(message?.text).toContain('Ernesto Salinas te devolvió el boletín «Campaña de vacunación canina».')
    expect(message?.text).toContain('Motivo: Falta el horario de los centros.')
    expect(message?.text).toContain(`https://prensa.municipio.test/admin/collections/bulletins/${bulletin.id}`)
    expect(message?.headers.get('auto-submitted')).toBe('auto-generated')
  })

  it('does not ask an approver who edited the item to review it (four eyes), nor tell the one who submitted', async () => {
    const { payload } = harness.t
    harness.sink.messages.length = 0
    const bulletin = await buildBulletin(payload, { title: 'Cierre vial en el centro', author: rosa })
    await applyWorkflowAction({ payload, id: bulletin.id, verb: 'submit', user: rosa })
    const [message] = await harness.sink.waitForMessages(1)
    await settled()
    expect(recipients()).toEqual([ernesto.email])
    expect(message?.subject).toBe('Para revisar: Cierre vial en el centro')
    expect(tomas.notifyByEmail).toBe(false)
  })

  it('sends nothing to someone who turned the notices off after the step', async () => {
    const { payload } = harness.t
    harness.sink.messages.length = 0
    const bulletin = await buildBulletin(payload, { title: 'Feria del empleo', author: lucia, status: 'in_review' })
    await settled()
    harness.sink.messages.length = 0
    await worker.stop()
    await applyWorkflowAction({ payload, id: bulletin.id, verb: 'reject', user: rosa, reason: 'Cambia la fecha.' })
    await payload.update({ collection: 'users', id: lucia.id, data: { notifyByEmail: false } })
    worker = await startWorker(harness.ctx, { databaseUrl: harness.t.databaseUrl, queues: [QUEUES.notifyStaff] })
    await settled()
    expect(harness.sink.messages).toEqual([])
  })
})
