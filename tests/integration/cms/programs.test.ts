import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction, WorkflowError } from '@pregon/cms/workflow/applyWorkflowAction'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildProgram, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const DAY = 24 * 60 * 60 * 1000
let t: TestPayload
let editor: User
let approver: User

beforeAll(async () => {
  t = await startTestPayload()
  editor = await buildUser(t.payload, 'editor', { name: 'Lucía Méndez' })
  approver = await buildUser(t.payload, 'approver', { name: 'Ernesto Salinas' })
})
afterAll(async () => t?.close())

const draftProgram = (title: string, { closesInDays = 5 } = {}) =>
  buildProgram(t.payload, { title, author: editor, closesAt: new Date(Date.now() + closesInDays * DAY) })

it('goes through the same workflow as bulletins, and the public sees it only once published, with its state', async () => {
  const program = await draftProgram('Apoyo para fertilizante 2027')
  const anonymousRead = () => t.payload.findByID({ collection: 'programs', id: program.id, overrideAccess: false })
  await expect(anonymousRead()).rejects.toMatchObject({ status: 404 })

  await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'submit', user: editor })
  const ownApproval = await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'approve', user: editor }).catch((e: unknown) => e)
  expect(ownApproval).toBeInstanceOf(WorkflowError)
  await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'approve', user: approver })
  await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'publish', user: approver })

  expect(await anonymousRead()).toMatchObject({ title: 'Apoyo para fertilizante 2027', applicationStatus: 'cierra-pronto' })
  const record = await t.query<{ action: string; item_collection: string }>('SELECT action, item_collection FROM audit_log WHERE item_id = $1 AND item_collection = $2 ORDER BY id', [
    String(program.id),
    'programs',
  ])
  expect(record.map((r) => r.action)).toEqual(['submit', 'approve', 'publish'])
})

it('refuses direct publication and editors’ approval over REST too', async () => {
  const program = await draftProgram('Becas de transporte escolar', { closesInDays: 30 })
  const api = apiClients(t.payload)
  const token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token
  expect((await api.rest('PATCH', `programs/${program.id}`, { token, body: { _status: 'published' } })).status).toBe(403)
  expect((await api.rest('POST', `programs/${program.id}/workflow/submit`, { token })).status).toBe(200)
  const approve = await api.rest('POST', `programs/${program.id}/workflow/approve`, { token })
  expect(approve.status).toBe(403)
  expect((approve.body?.errors as Array<{ code: string }>).map((e) => e.code)).toContain('WORKFLOW_ROLE_NOT_ALLOWED')
  expect((await api.rest('GET', `programs/${program.id}`)).status).toBe(404)
})
