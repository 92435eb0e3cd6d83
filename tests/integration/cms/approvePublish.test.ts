/**
 * «Aprobar y publicar»: the approver's approval and publication as one step (one read of the working copy, one
 * versioned write), with every check of both, the same distribution as «Publicar», and both steps on the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import type { WorkflowStepPreview } from '@pregon/cms/workflow/describeWorkflowStep'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { auditToCsv, findAuditEntries } from '@pregon/cms/audit/auditExport'
import { versionHash } from '@pregon/core/versionHash'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, buildProgram, buildUser, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let approver: User
let secondApprover: User
const tokens = new Map<User, string>()
const DAY = 24 * 60 * 60 * 1000

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  // The builders' own editor and approver take items to «en revisión»; these people act through REST.
  await team(t.payload)
  editor = await buildUser(t.payload, 'editor', { name: 'Lucía Méndez' })
  approver = await buildUser(t.payload, 'approver', { name: 'Ernesto Salinas' })
  secondApprover = await buildUser(t.payload, 'approver', { name: 'Rosa Íñiguez' })
  for (const user of [editor, approver, secondApprover]) {
    tokens.set(user, (await t.payload.login({ collection: 'users', data: { email: user.email, password: 'contraseña-de-prueba' } })).token!)
  }
})
afterAll(async () => t?.close())

const approvePublish = (id: number, user: User, body: Record<string, unknown> = {}, collection = 'bulletins') =>
  api.rest('POST', `${collection}/${id}/workflow/approve-publish`, { token: tokens.get(user)!, body })
const errorsOf = (answer: { body: Record<string, unknown> | null }) => (answer.body as { errors: Array<{ code: string; message: string }> }).errors
const record = (collection: string, id: number) =>
  t.query<{ action: string; actor_name: string; from_state: string; to_state: string; version_hash: string; reason: string | null; channels: string[] | null; at: Date }>(
    'SELECT action, actor_name, from_state, to_state, version_hash, reason, channels, at FROM audit_log WHERE item_collection = $1 AND item_id = $2 ORDER BY id',
    [collection, String(id)],
  )
const ledger = (column: 'bulletin_id' | 'program_id', id: number) =>
  t.query<{ id: number; channel: string; account: string; status: string; version_hash: string }>(
    `SELECT id, channel::text AS channel, account, status, version_hash FROM distributions WHERE ${column} = $1 ORDER BY id`,
    [id],
  )
const jobsFor = (ids: number[]) =>
  t.query<{ name: string }>("SELECT name FROM pgboss.job WHERE data->>'distributionId' = ANY($1::text[]) ORDER BY name", [ids.map(String)])
/** The item's working copy as stored (its latest version row), and whether the public has it (the main row). */
const row = async (table: 'bulletins' | 'programs', id: number) => {
  const [working] = await t.query<{ workflow_state: string; approval_by_name: string | null; approval_hash: string | null; versions: number }>(
    `SELECT version_workflow_state AS workflow_state, version_approval_by_name AS approval_by_name, version_approval_hash AS approval_hash,
            (SELECT count(*)::int FROM _${table}_v WHERE parent_id = $1) AS versions
       FROM _${table}_v WHERE parent_id = $1 AND latest ORDER BY id DESC LIMIT 1`,
    [id],
  )
  const [main] = await t.query<{ _status: string }>(`SELECT _status FROM ${table} WHERE id = $1`, [id])
  return { ...working!, _status: main!._status }
}

describe('«Aprobar y publicar»', () => {
  it('takes an editor’s bulletin in review to the public in one step, with the ledger «Publicar» writes and two record entries', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Cierre temporal del puente Morelos', author: editor, status: 'in_review' })
    // The same bulletin through «Aprobar» then «Publicar», to compare what each leaves behind.
    const twin = await buildBulletin(t.payload, { title: 'Cierre temporal del puente Juárez', author: editor, status: 'in_review' })
    await applyWorkflowAction({ payload: t.payload, id: twin.id, verb: 'approve', user: secondApprover })
    await applyWorkflowAction({ payload: t.payload, id: twin.id, verb: 'publish', user: secondApprover })

    const versionsBefore = (await row('bulletins', bulletin.id)).versions
    const answer = await approvePublish(bulletin.id, approver)
    expect(answer.status).toBe(200)
    // One versioned write, where «Aprobar» then «Publicar» make two.
    expect((await row('bulletins', bulletin.id)).versions).toBe(versionsBefore + 1)
    expect(answer.body).toMatchObject({ from: 'in_review', to: 'published', message: 'Aprobar y publicar: listo. Estado: Publicado.' })

    expect(await row('bulletins', bulletin.id)).toMatchObject({ workflow_state: 'published', _status: 'published', approval_by_name: 'Ernesto Salinas' })
    const published = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, overrideAccess: false })
    expect(published.title).toBe('Cierre temporal del puente Morelos')
    const hash = versionHash(await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true }))
    expect((await row('bulletins', bulletin.id)).approval_hash).toBe(hash)

    // One ledger row per channel and account, as «Publicar» writes them, each queued channel with its job.
    const rows = await ledger('bulletin_id', bulletin.id)
    const twinRows = await ledger('bulletin_id', twin.id)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.map(({ channel, account, status }) => [channel, account, status])).toEqual(twinRows.map(({ channel, account, status }) => [channel, account, status]))
    expect(rows.every((r) => r.version_hash === hash)).toBe(true)
    expect((await jobsFor(rows.map((r) => r.id))).map((job) => job.name)).toEqual((await jobsFor(twinRows.map((r) => r.id))).map((job) => job.name))

    // The record: the approval, then the publication, by the same person at the same moment, of the same version.
    const steps = await record('bulletins', bulletin.id)
    expect(steps.map(({ action, actor_name, from_state, to_state, version_hash }) => ({ action, actor_name, from_state, to_state, version_hash }))).toEqual([
      { action: 'submit', actor_name: expect.any(String), from_state: 'draft', to_state: 'in_review', version_hash: hash },
      { action: 'approve', actor_name: 'Ernesto Salinas', from_state: 'in_review', to_state: 'approved', version_hash: hash },
      { action: 'publish', actor_name: 'Ernesto Salinas', from_state: 'approved', to_state: 'published', version_hash: hash },
    ])
    expect(steps[1]!.at).toEqual(steps[2]!.at)
    expect(steps[1]!.channels).toBeNull()
    expect(steps[2]!.channels).toEqual((await record('bulletins', twin.id)).at(-1)!.channels)
    // The record's export (and the expediente, which uses it) reads them in that order too, though they share their instant.
    const exported = await findAuditEntries(t.payload, editor, { itemCollection: 'bulletins', itemId: String(bulletin.id) })
    expect(exported.map((entry) => entry.action)).toEqual(['submit', 'approve', 'publish'])
    expect(auditToCsv(exported).trim().split('\n').slice(2).map((line) => line.split(',')[4])).toEqual(['approve', 'publish'])
  })

  it('is refused to whoever edited the version (four eyes), with the reason in Spanish, and changes nothing', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Boletín que escribió el titular', author: approver, status: 'in_review' })
    const answer = await approvePublish(bulletin.id, approver)
    expect(answer.status).toBe(403)
    expect(errorsOf(answer)).toEqual([{ code: 'WORKFLOW_OWN_WORK', message: 'No puedes aprobar una versión que tú editaste: otra persona con rol de aprobación debe revisarla.' }])
    expect(await row('bulletins', bulletin.id)).toMatchObject({ workflow_state: 'in_review', _status: 'draft', approval_hash: null })
    expect(await ledger('bulletin_id', bulletin.id)).toEqual([])
    expect((await record('bulletins', bulletin.id)).map((e) => e.action)).toEqual(['submit'])

    // Editors neither approve nor publish.
    const byEditor = await approvePublish(bulletin.id, editor)
    expect(byEditor.status).toBe(403)
    expect(errorsOf(byEditor).map((e) => e.code)).toEqual(['WORKFLOW_ROLE_NOT_ALLOWED'])
    // Another approver can.
    expect((await approvePublish(bulletin.id, secondApprover)).status).toBe(200)
  })

  it('is only for an item in review: an approved one is published with «Publicar»', async () => {
    const approved = await buildBulletin(t.payload, { author: editor, status: 'approved' })
    const answer = await approvePublish(approved.id, approver)
    expect(answer.status).toBe(409)
    expect(errorsOf(answer).map((e) => e.code)).toEqual(['WORKFLOW_TRANSITION_NOT_ALLOWED'])
    expect((await row('bulletins', approved.id)).workflow_state).toBe('approved')
  })

  it('asks for the Art. 134 justifications as «Aprobar» does, and records them with the approval', async () => {
    const photo = await buildMedia(t.payload, 'Autoridades municipales inauguran el comedor comunitario', { showsPublicServant: 'si' })
    const bulletin = await buildBulletin(t.payload, { title: 'Abre el comedor comunitario de la colonia Centro', heroImage: photo.id, author: editor, status: 'in_review' })

    const plan = (await api.rest('GET', `bulletins/${bulletin.id}/workflow-plan/approve-publish`, { token: tokens.get(approver)! })).body as unknown as WorkflowStepPreview
    expect(plan.failures).toEqual([])
    expect(plan.label).toBe('Aprobar y publicar')
    expect(plan.promotionFindings.map((f) => f.key)).toEqual([`photo-${photo.id}`])
    expect(plan.effects.join(' ')).toContain('Se publica ahora en el portal y en el RSS.')

    const unjustified = await approvePublish(bulletin.id, approver)
    expect(unjustified.status).toBe(422)
    expect(errorsOf(unjustified).map((e) => e.code)).toEqual(['WORKFLOW_PROMOTION_UNACKNOWLEDGED'])
    expect((await approvePublish(bulletin.id, approver, { acknowledgements: { [`photo-${photo.id}`]: 'corta' } })).status).toBe(422)
    expect(await row('bulletins', bulletin.id)).toMatchObject({ workflow_state: 'in_review', _status: 'draft' })
    expect(await ledger('bulletin_id', bulletin.id)).toEqual([])

    const why = 'La foto muestra la apertura del comedor; no se nombra a nadie.'
    expect((await approvePublish(bulletin.id, approver, { acknowledgements: { [`photo-${photo.id}`]: why } })).status).toBe(200)
    const steps = await record('bulletins', bulletin.id)
    expect(steps.map((e) => [e.action, e.reason])).toEqual([
      ['submit', null],
      ['approve', `Art. 134, menciones justificadas: «${photo.filename}» (Imagen principal, Foto con servidor público): ${why}`],
      ['publish', null],
    ])
    expect((await row('bulletins', bulletin.id)).workflow_state).toBe('published')
  })

  it('publishes a program too, as «Publicar» would, with both steps on the record', async () => {
    const program = await buildProgram(t.payload, { title: 'Apoyo para calentadores solares', author: editor })
    expect((await api.rest('POST', `programs/${program.id}/workflow/submit`, { token: tokens.get(editor)! })).status).toBe(200)
    const answer = await approvePublish(program.id, approver, {}, 'programs')
    expect(answer.status).toBe(200)
    expect(await row('programs', program.id)).toMatchObject({ workflow_state: 'published', _status: 'published', approval_by_name: 'Ernesto Salinas' })
    expect((await api.rest('GET', `programs/${program.id}`)).status).toBe(200)
    expect((await record('programs', program.id)).map((e) => [e.action, e.actor_name, e.to_state])).toEqual([
      ['submit', 'Lucía Méndez', 'in_review'],
      ['approve', 'Ernesto Salinas', 'approved'],
      ['publish', 'Ernesto Salinas', 'published'],
    ])
    expect((await ledger('program_id', program.id)).length).toBeGreaterThan(0)
  })

  // Last: the period it creates is active for everything after it in this file.
  it('is refused during a veda electoral for a «promoción de logros» bulletin, and nothing goes out', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Mil luminarias nuevas en el municipio', classification: 'logros', author: editor, status: 'in_review' })
    await t.payload.create({
      collection: 'blackout-periods',
      data: { name: 'Proceso electoral local (campañas)', kind: 'municipal', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + 30 * DAY).toISOString(), territory: 'Estado de Michoacán', sourceUrl: 'https://iem.org.mx/calendario' },
    })
    const answer = await approvePublish(bulletin.id, approver)
    expect(answer.status).toBe(409)
    const [refusal] = errorsOf(answer)
    expect(refusal).toMatchObject({ code: 'WORKFLOW_BLACKOUT', message: expect.stringContaining('Está en curso el periodo de veda «Proceso electoral local (campañas)»') })
    expect(await row('bulletins', bulletin.id)).toMatchObject({ workflow_state: 'in_review', _status: 'draft', approval_hash: null })
    expect(await ledger('bulletin_id', bulletin.id)).toEqual([])
    expect((await record('bulletins', bulletin.id)).map((e) => e.action)).toEqual(['submit'])
    // «Aprobar» alone is not a publication: the approver can still approve it, to publish after the veda.
    expect((await api.rest('POST', `bulletins/${bulletin.id}/workflow/approve`, { token: tokens.get(approver)! })).status).toBe(200)
  })
})
