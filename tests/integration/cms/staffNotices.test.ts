import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { dashboardWork } from '@pregon/cms/components/dashboardWork'
import type { User } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let lucia: User
let mario: User
let ernesto: User
let rosa: User

beforeAll(async () => {
  t = await startTestPayload()
  lucia = await buildUser(t.payload, 'editor', { name: 'Lucía Méndez', notifyByEmail: true })
  mario = await buildUser(t.payload, 'editor', { name: 'Mario Ruiz' })
  ernesto = await buildUser(t.payload, 'approver', { name: 'Ernesto Salinas', notifyByEmail: true })
  rosa = await buildUser(t.payload, 'approver', { name: 'Rosa Ibarra', notifyByEmail: true })
})
afterAll(async () => t?.close())

const noticeJobs = (itemId: number) =>
  t.query<{ kind: string; user_id: string; reason: string | null }>(
    `SELECT data->>'kind' AS kind, data->>'userId' AS user_id, data->>'reason' AS reason FROM pgboss.job WHERE name = $1 AND data->>'itemId' = $2 ORDER BY data->>'userId'`,
    [QUEUES.notifyStaff, String(itemId)],
  )
const titles = (items: Array<{ title: string }>) => items.map((item) => item.title)

describe('staff notices in the workflow step', () => {
  it('enqueues the notices with the step, and none when the step is refused', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Jornada de limpieza', author: lucia, status: 'in_review' })
    expect(await noticeJobs(bulletin.id)).toEqual(
      [ernesto, rosa].map((approver) => ({ kind: 'submitted', user_id: String(approver.id), reason: null })).sort((a, b) => a.user_id.localeCompare(b.user_id)),
    )
    await expect(applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'reject', user: ernesto })).rejects.toThrow()
    expect((await noticeJobs(bulletin.id)).filter((job) => job.kind === 'rejected')).toEqual([])

    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'reject', user: ernesto, reason: 'Falta la sede.' })
    expect((await noticeJobs(bulletin.id)).filter((job) => job.kind === 'rejected')).toEqual([{ kind: 'rejected', user_id: String(lucia.id), reason: 'Falta la sede.' }])
  })
})

describe('the dashboard of each role', () => {
  it('shows the editor what came back to her with the reason and who, newest first, apart from her drafts and what waits for approval', async () => {
    const older = await buildBulletin(t.payload, { title: 'Horario de verano en oficinas', author: lucia, status: 'in_review' })
    const newer = await buildBulletin(t.payload, { title: 'Cierre de la calle Juárez', author: lucia, status: 'in_review' })
    const resubmitted = await buildBulletin(t.payload, { title: 'Concurso de fotografía', author: lucia, status: 'in_review' })
    const marios = await buildBulletin(t.payload, { title: 'Festival de la pitaya', author: mario, status: 'in_review' })
    await buildBulletin(t.payload, { title: 'Taller de lectura', author: lucia })
    await buildBulletin(t.payload, { title: 'Ruta del camión escolar', author: lucia, status: 'in_review' })
    const reject = (id: number, reason: string, user: User, at: string) =>
      applyWorkflowAction({ payload: t.payload, id, verb: 'reject', user, reason, now: new Date(at) })
    // Hours from now: after «Jornada de limpieza», rejected at the real time above, whatever day the test runs.
    const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()
    await reject(older.id, 'Cambia la foto: no tiene permiso.', ernesto, hoursAhead(2))
    await reject(newer.id, 'Falta el desvío sugerido.', rosa, hoursAhead(3))
    await reject(resubmitted.id, 'Faltan las bases.', ernesto, hoursAhead(1))
    await applyWorkflowAction({ payload: t.payload, id: resubmitted.id, verb: 'submit', user: lucia })
    await reject(marios.id, 'Otra cosa.', ernesto, hoursAhead(4))

    const work = await dashboardWork({ payload: t.payload, user: lucia })
    // «Jornada de limpieza», rejected above (and earlier), comes after these.
    expect(work.returned.slice(0, 2).map(({ title, reason, rejectedBy }) => ({ title, reason, rejectedBy }))).toEqual([
      { title: 'Cierre de la calle Juárez', reason: 'Falta el desvío sugerido.', rejectedBy: 'Rosa Ibarra' },
      { title: 'Horario de verano en oficinas', reason: 'Cambia la foto: no tiene permiso.', rejectedBy: 'Ernesto Salinas' },
    ])
    expect(titles(work.returned)).not.toContain('Concurso de fotografía')
    expect(titles(work.returned)).not.toContain('Festival de la pitaya')
    expect(titles(work.drafts)).toContain('Taller de lectura')
    expect(titles(work.drafts)).not.toContain('Cierre de la calle Juárez')
    expect(titles(work.drafts)).not.toContain('Festival de la pitaya')
    expect(titles(work.inReviewByYou)).toEqual(expect.arrayContaining(['Concurso de fotografía', 'Ruta del camión escolar']))
  })

  it('shows an approver what waits for their review apart from what they edited themselves (four eyes), and what is approved', async () => {
    const theirs = await buildBulletin(t.payload, { title: 'Vacunación antirrábica', author: lucia, status: 'in_review' })
    const edited = await buildBulletin(t.payload, { title: 'Informe de lluvias', author: lucia, status: 'in_review' })
    await applyWorkflowAction({ payload: t.payload, id: edited.id, verb: 'reject', user: rosa, reason: 'Ajusta cifras.' })
    await t.payload.update({ collection: 'bulletins', id: edited.id, draft: true, user: ernesto, overrideAccess: false, data: { summary: 'Cifras corregidas por Ernesto.' } })
    await applyWorkflowAction({ payload: t.payload, id: edited.id, verb: 'submit', user: ernesto })
    const approved = await buildBulletin(t.payload, { title: 'Feria del libro', author: lucia, status: 'approved' })

    const work = await dashboardWork({ payload: t.payload, user: ernesto })
    expect(titles(work.awaitingReview)).toContain(theirs.title)
    expect(titles(work.awaitingReview)).not.toContain(edited.title)
    expect(titles(work.inReviewByYou)).toEqual([edited.title])
    expect(titles(work.approved)).toContain(approved.title)
    expect(titles(work.returned)).toEqual([])
  })
})
