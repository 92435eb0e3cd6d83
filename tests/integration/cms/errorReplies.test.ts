import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// Every refusal reads the same to an API client, whether an endpoint or a collection hook refused:
// `{ errors: [{ code, message }] }`, with the status saying what kind of refusal it is.
let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let editorToken: string

type Refusal = { errors: Array<{ code: string; message: string }> }

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  editor = await buildUser(t.payload, 'editor', { name: 'Lucía Méndez' })
  editorToken = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token!
})
afterAll(async () => t?.close())

describe('the shape and status of a refusal', () => {
  it('answers 401 with a code when nobody is signed in', async () => {
    const published = await buildBulletin(t.payload, { title: 'Horario de la feria', status: 'published', skipDistribution: true })
    const workflow = await api.rest('POST', `bulletins/${published.id}/workflow/withdraw`, { body: { reason: 'Dato equivocado en la fecha' } })
    expect(workflow.status).toBe(401)
    expect((workflow.body as Refusal).errors).toEqual([{ code: 'WORKFLOW_NOT_SIGNED_IN', message: expect.stringContaining('Inicia sesión') }])

    const exported = await api.request('GET', 'audit-log/export?from=2026-01-01')
    expect(exported.status).toBe(401)
    expect(((await exported.json()) as Refusal).errors[0]!.code).toBe('AUDIT_NOT_SIGNED_IN')
  })

  it('answers 422 with a code for input that is wrong', async () => {
    const exported = await api.request('GET', 'audit-log/export?from=ayer', { token: editorToken })
    expect(exported.status).toBe(422)
    expect(((await exported.json()) as Refusal).errors).toEqual([{ code: 'AUDIT_BAD_DATE', message: expect.stringContaining('AAAA-MM-DD') }])
  })

  it('gives a refusal from a collection hook the same code beside its Spanish message', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Cierre de la calle Hidalgo', author: editor })
    const direct = await api.rest('PATCH', `bulletins/${draft.id}`, { token: editorToken, body: { _status: 'published' } })
    expect(direct.status).toBe(403)
    expect((direct.body as Refusal).errors[0]).toMatchObject({ code: 'WORKFLOW_DIRECT_PUBLISH', message: expect.stringContaining('flujo editorial') })
  })
})
