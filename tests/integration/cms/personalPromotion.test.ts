/**
 * Constitución, art. 134: government communication may not promote a public servant. At submit and approval
 * Pregón finds the office's watched names, titles and words in an item's texts, and the photos declared to show
 * a public servant; the approver justifies each finding (the record keeps why), and during a veda they block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildJpeg, buildMedia, buildUser, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const PASSWORD = 'contraseña-de-prueba-larga'
const MAYOR = 'María Guadalupe Ramírez Torres'
const REASON = 'Informa quién firmó el convenio, sin calificativos ni logros.'

let t: TestPayload
let api: ReturnType<typeof apiClients>
const tokens: Record<'admin' | 'approver' | 'editor', string> = { admin: '', approver: '', editor: '' }

interface Finding {
  key: string
  label: string
  found: string
  subject: string
  context: string
}
const planOf = async (id: number) => (await api.rest('GET', `bulletins/${id}/workflow-plan/approve`, { token: tokens.approver })).body as { promotionFindings: Finding[]; failures: Array<{ code: string }> }
const approve = (id: number, acknowledgements?: Record<string, string>) =>
  api.rest('POST', `bulletins/${id}/workflow/approve`, { token: tokens.approver, body: acknowledgements ? { acknowledgements } : {} })

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  await team(t.payload)
  for (const role of ['admin', 'approver', 'editor'] as const) {
    const user = await buildUser(t.payload, role, { email: `art134-${role}@pregon.test`, password: PASSWORD })
    tokens[role] = (await t.payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token!
  }
  const saved = await api.rest('POST', 'globals/site-settings', {
    token: tokens.admin,
    body: {
      publicServants: [{ name: MAYOR, aliases: ['Lupita Ramírez'], titles: ['presidenta municipal', 'alcaldesa'] }],
      watchWords: ['Juntos transformamos Santa Lucía', 'guinda'],
    },
  })
  expect(saved.status).toBe(200)
})
afterAll(async () => t?.close())

describe('the watch list', () => {
  it('is the office’s: the public never reads it, and only admins change it', async () => {
    const anonymous = (await api.rest('GET', 'globals/site-settings')).body!
    // (Payload answers an empty array for a field the reader may not see: nothing of it is in the answer.)
    expect(JSON.stringify(anonymous)).not.toMatch(/Ramírez|Lupita|alcaldesa|guinda|Juntos transformamos/)
    const staff = (await api.rest('GET', 'globals/site-settings', { token: tokens.editor })).body!
    expect((staff.publicServants as Array<{ name: string }>).map((person) => person.name)).toEqual([MAYOR])
    expect((await api.rest('POST', 'globals/site-settings', { token: tokens.approver, body: { watchWords: [] } })).status).toBe(403)
  })
})

describe('at submit and approval', () => {
  it('finds the mayor named by alias and title, asks the approver to justify each finding, and records why', async () => {
    const bulletin = await buildBulletin(t.payload, {
      title: 'Firma el Ayuntamiento convenio con la Universidad',
      summary: 'La alcaldesa Lupita Ramírez firmó el convenio de prácticas profesionales con la Universidad del Valle.',
      paragraphs: ['El convenio abre 120 lugares de prácticas para estudiantes.'],
      status: 'in_review',
    })
    const plan = await planOf(bulletin.id)
    expect(plan.failures).toEqual([])
    expect(plan.promotionFindings).toEqual([
      { key: expect.any(String), label: 'Entrada', found: 'alcaldesa Lupita Ramírez', subject: MAYOR, context: expect.stringContaining('La alcaldesa Lupita Ramírez firmó el convenio') },
    ])
    const [finding] = plan.promotionFindings

    const unjustified = await approve(bulletin.id)
    expect(unjustified.status).toBe(422)
    const [refusal] = (unjustified.body as { errors: Array<{ code: string; message: string }> }).errors
    expect(refusal).toMatchObject({ code: 'WORKFLOW_PROMOTION_UNACKNOWLEDGED', message: expect.stringContaining('«alcaldesa Lupita Ramírez» (Entrada)') })
    expect((await approve(bulletin.id, { [finding!.key]: 'ok' })).status).toBe(422)

    expect((await approve(bulletin.id, { [finding!.key]: REASON })).status).toBe(200)
    const { docs } = await t.payload.find({ collection: 'audit-log', where: { itemId: { equals: String(bulletin.id) }, action: { equals: 'approve' } }, depth: 0 })
    expect(docs[0]!.reason).toBe(`Art. 134, menciones justificadas: «alcaldesa Lupita Ramírez» (Entrada, ${MAYOR}): ${REASON}`)
  })

  it('asks the editor to say, for each photo, whether a public servant appears, and treats a «sí» as a finding', async () => {
    const jpeg = await buildJpeg()
    const undeclared = await t.payload.create({ collection: 'media', data: { alt: 'Entrega de uniformes en la escuela Benito Juárez' }, file: { data: jpeg, mimetype: 'image/jpeg', name: 'uniformes.jpg', size: jpeg.length } })
    const draft = await buildBulletin(t.payload, { title: 'Entrega de uniformes escolares', heroImage: undeclared.id })
    const submitted = await api.rest('POST', `bulletins/${draft.id}/workflow/submit`, { token: tokens.editor })
    expect(submitted).toMatchObject({ status: 409, body: { errors: [{ code: 'WORKFLOW_PHOTO_UNDECLARED', message: expect.stringContaining('«Entrega de uniformes en la escuela Benito Juárez» (imagen principal)') }] } })

    const withMayor = await buildMedia(t.payload, 'Autoridades municipales entregan uniformes a estudiantes', { showsPublicServant: 'si' })
    const bulletin = await buildBulletin(t.payload, { title: 'Uniformes para 3 mil estudiantes', heroImage: withMayor.id, status: 'in_review' })
    const plan = await planOf(bulletin.id)
    expect(plan.promotionFindings).toEqual([
      { key: `photo-${withMayor.id}`, label: 'Imagen principal', found: withMayor.filename, subject: 'Foto con servidor público', context: 'Autoridades municipales entregan uniformes a estudiantes' },
    ])
    expect((await approve(bulletin.id)).status).toBe(422)
    expect((await approve(bulletin.id, { [`photo-${withMayor.id}`]: 'La foto muestra la entrega; no se nombra a nadie.' })).status).toBe(200)
    // Once approved, the declaration is part of what was approved: it cannot be changed underneath.
    const changed = await api.rest('PATCH', `media/${withMayor.id}`, { token: tokens.editor, body: { showsPublicServant: 'no' } })
    expect(changed.status).toBe(409)
  })

  it('lets a clean institutional bulletin through in one step, with nothing to justify', async () => {
    const bulletin = await buildBulletin(t.payload, {
      title: 'Horario de la biblioteca en vacaciones',
      summary: 'La biblioteca pública abre de 9:00 a 15:00 del 20 de diciembre al 6 de enero.',
      status: 'in_review',
    })
    expect((await planOf(bulletin.id)).promotionFindings).toEqual([])
    expect((await approve(bulletin.id)).status).toBe(200)
  })
})

describe('during a veda', () => {
  it('does not let anything that names or shows a public servant be approved, justified or not', async () => {
    const bulletin = await buildBulletin(t.payload, {
      title: 'Reunión de seguridad',
      summary: 'La presidenta municipal encabezó la reunión del consejo de seguridad.',
      classification: 'informativo',
      status: 'in_review',
    })
    const [finding] = (await planOf(bulletin.id)).promotionFindings
    const period = await api.rest('POST', 'blackout-periods', {
      token: tokens.admin,
      body: { name: 'Campañas locales', kind: 'municipal', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), territory: 'Estado de Michoacán' },
    })
    expect(period.status).toBe(201)
    expect((await planOf(bulletin.id)).failures.map((failure) => failure.code)).toContain('WORKFLOW_PROMOTION_IN_BLACKOUT')
    const refused = await approve(bulletin.id, { [finding!.key]: REASON })
    expect(refused).toMatchObject({ status: 409, body: { errors: [{ code: 'WORKFLOW_PROMOTION_IN_BLACKOUT', message: expect.stringContaining('«presidenta municipal» (Entrada)') }] } })
    expect((await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true, depth: 0 })).workflowState).toBe('in_review')
  })
})
