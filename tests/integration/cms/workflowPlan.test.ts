import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import type { WorkflowStepPreview } from '@pregon/cms/workflow/describeWorkflowStep'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// What the confirmation dialog is told before a step: it must match what the step then does.
let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let approver: User
const token = async (user: User) => (await t.payload.login({ collection: 'users', data: { email: user.email, password: 'contraseña-de-prueba' } })).token!

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  editor = await buildUser(t.payload, 'editor')
  approver = await buildUser(t.payload, 'approver')
  for (const [index, status] of (['active', 'active', 'active', 'unsubscribed'] as const).entries()) {
    await t.payload.create({ collection: 'press-contacts', data: { name: `Periodista ${index}`, email: `periodista${index}@medios.test`, status } })
  }
})
afterAll(async () => t?.close())

describe('GET /api/bulletins/:id/workflow-plan/:verb', () => {
  it('tells an approver where a publication goes and to how many journalists, without doing anything', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Jornada de limpieza del río', status: 'approved' })
    const answer = await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/publish`, { token: await token(approver) })
    expect(answer.status).toBe(200)
    const plan = answer.body as unknown as WorkflowStepPreview
    expect(plan.failures).toEqual([])
    expect(plan.journalists).toBe(3)
    expect(plan.channels.map((c) => c.channel)).toEqual(expect.arrayContaining(['x', 'press-mailing']))
    expect(plan.channels.find((c) => c.channel === 'x')).toMatchObject({ label: 'X', isSimulation: true })
    expect(plan.effects.join(' ')).toContain('Se envía por correo a 3 periodistas.')
    // Nothing happened: still approved, no distribution written.
    expect((await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true })).workflowState).toBe('approved')
    expect((await t.payload.count({ collection: 'distributions', where: { bulletin: { equals: bulletin.id } } })).totalDocs).toBe(0)
  })

  it('gives the same refusals the step would, and nothing to the public', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Cierre parcial de la avenida Juárez', status: 'approved' })
    const asEditor = await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/publish`, { token: await token(editor) })
    expect(asEditor.status).toBe(200)
    expect((asEditor.body as unknown as WorkflowStepPreview).failures.map((f) => f.code)).toEqual(['WORKFLOW_ROLE_NOT_ALLOWED'])
    const anonymous = await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/publish`)
    expect(anonymous.status).toBe(401)
    const unknown = await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/borrar`, { token: await token(approver) })
    expect(unknown.status).toBe(404)
  })
})
