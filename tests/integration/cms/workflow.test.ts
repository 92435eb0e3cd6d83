import { commitTransaction, createLocalReq, initTransaction, restoreVersionOperation } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction, WorkflowError } from '@pregon/cms/workflow/applyWorkflowAction'
import { auditToCsv, findAuditEntries } from '@pregon/cms/audit/auditExport'
import { versionHash } from '@pregon/core/versionHash'
import type { User } from '@pregon/cms/payload-types'
import type { WorkflowVerb } from '@pregon/cms/workflow'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'
import { waitFor } from '../../helpers/waitFor'

let t: TestPayload
let editor: User
let approver: User
let secondApprover: User
let admin: User

beforeAll(async () => {
  t = await startTestPayload()
  editor = await buildUser(t.payload, 'editor', { name: 'Lucía Méndez' })
  approver = await buildUser(t.payload, 'approver', { name: 'Ernesto Salinas' })
  secondApprover = await buildUser(t.payload, 'approver')
  admin = await buildUser(t.payload, 'admin')
})
afterAll(async () => t?.close())

const act = (id: number, verb: WorkflowVerb, user: User, reason?: string) =>
  applyWorkflowAction({ payload: t.payload, id, verb, user, reason: reason ?? null })

async function refusal(promise: Promise<unknown>): Promise<{ status: number; codes: string[] }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WorkflowError)
  const workflowError = error as WorkflowError
  return { status: workflowError.status, codes: workflowError.failures.map((f) => f.code) }
}

const workingCopy = (id: number) => t.payload.findByID({ collection: 'bulletins', id, draft: true, overrideAccess: false, user: admin })
const publicView = (id: number) => t.payload.findByID({ collection: 'bulletins', id, overrideAccess: false })
const publishedAsStaff = (id: number) => t.payload.findByID({ collection: 'bulletins', id, overrideAccess: false, user: approver })
const record = (id: number) =>
  t.query<{ action: string; actor_name: string; from_state: string; to_state: string; version_hash: string; reason: string | null }>(
    'SELECT action, actor_name, from_state, to_state, version_hash, reason FROM audit_log WHERE item_id = $1 ORDER BY id',
    [String(id)],
  )

describe('the editorial workflow', () => {
  it('takes a bulletin from draft to the public only through submit, approve and publish, recording each step', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Nuevo horario de recolección de basura', author: editor })
    expect(draft.workflowState).toBe('draft')
    await expect(publicView(draft.id)).rejects.toMatchObject({ status: 404 })

    await act(draft.id, 'submit', editor)
    // Twice refused: editors do not approve, and she wrote it.
    expect(await refusal(act(draft.id, 'approve', editor))).toEqual({ status: 403, codes: ['WORKFLOW_ROLE_NOT_ALLOWED', 'WORKFLOW_OWN_WORK'] })
    await act(draft.id, 'approve', approver)
    await expect(publicView(draft.id)).rejects.toMatchObject({ status: 404 })
    await act(draft.id, 'publish', approver)

    expect((await publicView(draft.id)).title).toBe('Nuevo horario de recolección de basura')
    const hash = versionHash(await workingCopy(draft.id))
    expect(await record(draft.id)).toEqual([
      { action: 'submit', actor_name: 'Lucía Méndez', from_state: 'draft', to_state: 'in_review', version_hash: hash, reason: null },
      { action: 'approve', actor_name: 'Ernesto Salinas', from_state: 'in_review', to_state: 'approved', version_hash: hash, reason: null },
      { action: 'publish', actor_name: 'Ernesto Salinas', from_state: 'approved', to_state: 'published', version_hash: hash, reason: null },
    ])
  })

  it('refuses a save that tries to publish or to set the workflow state itself', async () => {
    const draft = await buildBulletin(t.payload, { author: editor })
    await expect(
      t.payload.update({ collection: 'bulletins', id: draft.id, data: { _status: 'published' }, overrideAccess: false, user: editor }),
    ).rejects.toMatchObject({ status: 403, data: { code: 'WORKFLOW_DIRECT_PUBLISH' } })
    await expect(
      t.payload.update({ collection: 'bulletins', id: draft.id, data: { _status: 'published' }, overrideAccess: false, user: admin }),
    ).rejects.toMatchObject({ status: 403 })

    await t.payload.update({
      collection: 'bulletins',
      id: draft.id,
      draft: true,
      data: { workflowState: 'approved', approval: { hash: 'forjado', byName: 'Nadie' }, title: 'Título corregido' },
      overrideAccess: false,
      user: editor,
    })
    const copy = await workingCopy(draft.id)
    expect(copy).toMatchObject({ workflowState: 'draft', title: 'Título corregido' })
    expect(copy.approval?.hash ?? null).toBeNull()
    await expect(publicView(draft.id)).rejects.toMatchObject({ status: 404 })
  })

  it('lets nobody approve a version they edited, not even an approver', async () => {
    const bulletin = await buildBulletin(t.payload, { status: 'in_review', author: editor })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { title: 'Título que reescribió el titular' }, overrideAccess: false, user: approver })

    expect(await refusal(act(bulletin.id, 'approve', approver))).toEqual({ status: 403, codes: ['WORKFLOW_OWN_WORK'] })
    await act(bulletin.id, 'approve', secondApprover)
    expect((await workingCopy(bulletin.id)).approval).toMatchObject({ byName: secondApprover.name, hash: versionHash(await workingCopy(bulletin.id)) })
  })

  it('sends an edited approved item back to review and publishes only the approved version', async () => {
    const bulletin = await buildBulletin(t.payload, { status: 'approved', author: editor })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'Cambio después de aprobar.' }, overrideAccess: false, user: editor })
    expect((await workingCopy(bulletin.id)).workflowState).toBe('in_review')
    expect(await refusal(act(bulletin.id, 'publish', approver))).toEqual({
      status: 409,
      codes: ['WORKFLOW_TRANSITION_NOT_ALLOWED', 'WORKFLOW_NOT_APPROVED_VERSION'],
    })
  })

  it('counts every public field as content: changing the place after approval needs a new approval', async () => {
    const bulletin = await buildBulletin(t.payload, { status: 'approved', author: editor })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { place: 'Explanada municipal' }, overrideAccess: false, user: editor })
    expect((await workingCopy(bulletin.id)).workflowState).toBe('in_review')
    // Scheduling is not content: «Programar» keeps the approval valid for the version it schedules.
    const approved = await buildBulletin(t.payload, { status: 'approved', author: editor })
    await applyWorkflowAction({ payload: t.payload, id: approved.id, verb: 'schedule', user: approver, publishAt: new Date(Date.now() + 86_400_000) })
    const scheduled = await workingCopy(approved.id)
    expect(scheduled.workflowState).toBe('scheduled')
    expect(scheduled.approval?.hash).toBe(versionHash(scheduled))
  })

  it('keeps the published version public while a newer working copy is in review', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Versión publicada', status: 'published', author: editor, skipDistribution: true })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { title: 'Versión nueva sin aprobar' }, overrideAccess: false, user: editor })

    // Changing published text opens a correction: it needs its public note and a new review.
    expect((await workingCopy(bulletin.id)).workflowState).toBe('draft')
    expect((await publicView(bulletin.id)).title).toBe('Versión publicada')
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { correction: { note: 'Se cambió el título del aviso.' } }, overrideAccess: false, user: editor })
    await act(bulletin.id, 'submit', editor)
    await act(bulletin.id, 'approve', approver)
    await act(bulletin.id, 'publish', approver)
    expect((await publicView(bulletin.id)).title).toBe('Versión nueva sin aprobar')
  })

  it('lets only an admin publish in an emergency, with a reason, marked as not reviewed', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Refugios temporales abiertos por la tormenta', author: editor })
    expect(await refusal(act(bulletin.id, 'emergency-publish', approver, 'Tormenta: refugios abiertos'))).toEqual({
      status: 403,
      codes: ['WORKFLOW_ROLE_NOT_ALLOWED'],
    })
    expect(await refusal(act(bulletin.id, 'emergency-publish', admin))).toEqual({ status: 422, codes: ['WORKFLOW_REASON_REQUIRED'] })

    await act(bulletin.id, 'emergency-publish', admin, 'Tormenta: refugios abiertos a las 23:10')
    expect(await publicView(bulletin.id)).toMatchObject({ title: bulletin.title })
    // «No revisado» is the office's mark on the published document, not part of its public shape.
    expect(await publishedAsStaff(bulletin.id)).toMatchObject({ needsReview: true })
    expect((await record(bulletin.id)).at(-1)).toMatchObject({ action: 'emergency-publish', reason: 'Tormenta: refugios abiertos a las 23:10' })
  })
})

describe('the record', () => {
  it('cannot be changed or deleted through the API, even by an admin', async () => {
    const [entry] = (await t.payload.find({ collection: 'audit-log', limit: 1, overrideAccess: false, user: admin })).docs
    expect(entry).toBeDefined()
    await expect(t.payload.update({ collection: 'audit-log', id: entry!.id, data: { reason: 'alterado' }, overrideAccess: false, user: admin })).rejects.toMatchObject({
      status: 403,
    })
    await expect(t.payload.delete({ collection: 'audit-log', id: entry!.id, overrideAccess: false, user: admin })).rejects.toMatchObject({ status: 403 })
    await expect(t.payload.find({ collection: 'audit-log', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
  })

  it('cannot be changed even with SQL from the application database user', async () => {
    const before = await t.query('SELECT * FROM audit_log ORDER BY id')
    expect(before.length).toBeGreaterThan(0)
    for (const statement of ["UPDATE audit_log SET reason = 'alterado'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(t.query(statement)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') })
    }
    expect(await t.query('SELECT * FROM audit_log ORDER BY id')).toEqual(before)
  })
})

describe('a published bulletin', () => {
  it('keeps its web address: the slug cannot change once published', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Dirección que ya circula', status: 'published', author: editor, skipDistribution: true })
    await expect(
      t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { slug: 'otra-direccion' }, overrideAccess: false, user: editor }),
    ).rejects.toMatchObject({ status: 400, data: { errors: [expect.objectContaining({ path: 'slug' })] } })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'Otra entrada.' }, overrideAccess: false, user: editor })
    expect((await workingCopy(bulletin.id)).slug).toBe('direccion-que-ya-circula')
  })
})

describe('exporting the record', () => {
  it('gives a transparency officer every step of a bulletin in CSV, with who, when, which version and why', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Tarifas de agua 2027', status: 'published', author: editor, skipDistribution: true })
    const entries = await findAuditEntries(t.payload, editor, { itemCollection: 'bulletins', itemId: String(bulletin.id) })
    expect(entries.map((e) => e.action)).toEqual(['submit', 'approve', 'publish'])

    const csv = auditToCsv(entries)
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n')
    expect(lines[0]).toBe('at,actorName,actorEmail,actorRole,action,itemCollection,itemId,itemTitle,fromState,toState,versionHash,reason,channels')
    expect(lines).toHaveLength(4)
    expect(lines[3]).toContain(',publish,bulletins,')
    expect(lines[3]).toContain('Tarifas de agua 2027')
    expect(lines[3]).toContain(versionHash(await workingCopy(bulletin.id)))
  })

  it('filters by date range and refuses the public', async () => {
    const future = await findAuditEntries(t.payload, editor, { from: new Date(Date.now() + 60_000) })
    expect(future).toEqual([])
    await expect(findAuditEntries(t.payload, null, {})).rejects.toMatchObject({ status: 403 })
  })
})

describe('withdrawing and correcting', () => {
  it('withdraws a published bulletin with an internal reason and a separate public notice', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Aviso con un dato equivocado', status: 'published', author: editor, skipDistribution: true })
    const withdraw = (user: User, reason: string | null, notice: string | null) =>
      applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'withdraw', user, reason, notice })
    expect(await refusal(withdraw(editor, 'Dato equivocado en la fecha', 'Se publicará un aviso nuevo.'))).toEqual({ status: 403, codes: ['WORKFLOW_ROLE_NOT_ALLOWED'] })
    expect(await refusal(withdraw(approver, 'corto', null))).toEqual({ status: 422, codes: ['WORKFLOW_REASON_REQUIRED', 'WORKFLOW_NOTICE_REQUIRED'] })

    await withdraw(approver, 'La regidora pidió retirarlo: faltaba la firma del convenio.', 'Este aviso se retiró; la fecha correcta se publicará en un aviso nuevo.')
    await expect(publicView(bulletin.id)).rejects.toMatchObject({ status: 404 })
    const [row] = await t.query<{ workflow_state: string; withdrawal_reason: string; withdrawal_notice: string; withdrawal_at: Date | null }>(
      'SELECT workflow_state, withdrawal_reason, withdrawal_notice, withdrawal_at FROM bulletins WHERE id = $1',
      [bulletin.id],
    )
    expect(row).toMatchObject({
      workflow_state: 'withdrawn',
      withdrawal_reason: 'La regidora pidió retirarlo: faltaba la firma del convenio.',
      withdrawal_notice: 'Este aviso se retiró; la fecha correcta se publicará en un aviso nuevo.',
    })
    expect(row!.withdrawal_at).not.toBeNull()
    expect((await record(bulletin.id)).at(-1)).toMatchObject({ action: 'withdraw', from_state: 'published', to_state: 'withdrawn' })
  })
})

describe('a correction of a published bulletin', () => {
  const saveDraft = (id: number, user: User, data: Record<string, unknown>) =>
    t.payload.update({ collection: 'bulletins', id, draft: true, data, overrideAccess: false, user })

  it('is a task: the text changes in a working copy with a public note, a second approver approves, then it replaces the public text', async () => {
    const bulletin = await buildBulletin(t.payload, {
      title: 'Campaña de vacunación infantil',
      summary: 'La campaña atiende a niñas y niños de 1 a 9 años en los centros de salud.',
      status: 'published',
      author: editor,
      skipDistribution: true,
    })
    await act(bulletin.id, 'correct', approver)
    const opened = await workingCopy(bulletin.id)
    expect(opened).toMatchObject({ workflowState: 'draft', correction: { openedByName: 'Ernesto Salinas', isMinor: false } })
    expect(opened.correction?.openedAt).toBeTruthy()
    // The public keeps what was published until the correction is.
    expect(await publicView(bulletin.id)).toMatchObject({ summary: 'La campaña atiende a niñas y niños de 1 a 9 años en los centros de salud.' })

    // Nothing changed yet: a correction that changes nothing does not go to review.
    expect((await refusal(act(bulletin.id, 'submit', approver))).codes).toEqual(['WORKFLOW_CORRECTION_UNCHANGED', 'WORKFLOW_CORRECTION_NOTE_REQUIRED'])
    await saveDraft(bulletin.id, approver, { summary: 'La campaña atiende a niñas y niños de 1 a 10 años en los centros de salud.' })
    expect((await refusal(act(bulletin.id, 'submit', approver))).codes).toEqual(['WORKFLOW_CORRECTION_NOTE_REQUIRED'])
    await saveDraft(bulletin.id, approver, { correction: { note: 'La edad máxima es de 10 años, no de 9.', openedAt: null, openedByName: 'Otro nombre' } })
    // A save writes the note, never who opened the correction or when.
    expect((await workingCopy(bulletin.id)).correction).toMatchObject({ openedByName: 'Ernesto Salinas', openedAt: opened.correction!.openedAt })
    await act(bulletin.id, 'submit', approver)

    // Four eyes: the approver who wrote the correction cannot approve it; a second approver can.
    expect(await refusal(act(bulletin.id, 'approve', approver))).toEqual({ status: 403, codes: ['WORKFLOW_OWN_WORK'] })
    await act(bulletin.id, 'approve', secondApprover)
    await act(bulletin.id, 'publish', approver)

    const visible = await publicView(bulletin.id)
    expect(visible.summary).toBe('La campaña atiende a niñas y niños de 1 a 10 años en los centros de salud.')
    expect(visible.corrections?.map((c) => c.note)).toEqual(['La edad máxima es de 10 años, no de 9.'])
    expect(visible.slug).toBe(bulletin.slug)
    expect(visible.publishedAt).toBe(bulletin.publishedAt)
    const after = await workingCopy(bulletin.id)
    expect(after).toMatchObject({ workflowState: 'published', correction: { openedAt: null, note: null } })
    const steps = await record(bulletin.id)
    expect(steps.slice(-4).map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ['correct', 'published', 'draft'],
      ['submit', 'draft', 'in_review'],
      ['approve', 'in_review', 'approved'],
      ['publish', 'approved', 'published'],
    ])
    expect(steps.at(-1)!.reason).toBe('Corrección publicada. Nota pública: La edad máxima es de 10 años, no de 9.')
  })

  it('opens by itself when someone edits the published text, and can be discarded', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Cierre de la calle Hidalgo', status: 'published', author: editor, skipDistribution: true })
    await saveDraft(bulletin.id, editor, { summary: 'La calle Hidalgo cierra del lunes al miércoles por obras.' })
    const edited = await workingCopy(bulletin.id)
    expect(edited.workflowState).toBe('draft')
    expect(edited.correction).toMatchObject({ openedByName: 'Lucía Méndez' })

    await act(bulletin.id, 'discard-correction', editor)
    const back = await workingCopy(bulletin.id)
    expect(back).toMatchObject({ workflowState: 'published', summary: bulletin.summary, correction: { openedAt: null } })
    expect(await refusal(act(bulletin.id, 'discard-correction', editor))).toMatchObject({ codes: expect.arrayContaining(['WORKFLOW_NO_CORRECTION']) })
    expect((await publicView(bulletin.id)).summary).toBe(bulletin.summary)
  })

  it('fixes spelling without a public note, but still with a second approval and on the record', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Feria del libro en la plaza principal', status: 'published', author: editor, skipDistribution: true })
    await act(bulletin.id, 'correct', editor)
    await saveDraft(bulletin.id, editor, { summary: 'La feria del libro abre el sábado en la plaza principal.', correction: { isMinor: true, note: '' } })
    await act(bulletin.id, 'submit', editor)
    await act(bulletin.id, 'approve', approver)
    await act(bulletin.id, 'publish', approver)

    const visible = await publicView(bulletin.id)
    expect(visible.summary).toBe('La feria del libro abre el sábado en la plaza principal.')
    expect(visible.corrections ?? []).toEqual([])
    expect((await record(bulletin.id)).at(-1)).toMatchObject({ action: 'publish', reason: 'Corrección de ortografía o estilo (sin nota pública).' })
  })
})

/** What `POST /api/bulletins/versions/:id?draft=…` does (the Local API's restoreVersion has no `draft` option). */
const restore = async (versionId: number | string, user: User, draft: boolean) =>
  restoreVersionOperation({ id: versionId, collection: t.payload.collections.bulletins, draft, overrideAccess: false, req: await createLocalReq({ user }, t.payload) })

describe('restoring an earlier version', () => {
  it('makes it the working copy, which then needs approval like any edit; it never writes the public document', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Programa de bacheo', summary: 'Primera versión del programa de bacheo.', status: 'published', author: editor, skipDistribution: true })
    const { docs: versions } = await t.payload.findVersions({ collection: 'bulletins', where: { parent: { equals: bulletin.id } }, sort: 'createdAt', limit: 100 })
    const first = versions.find((v) => v.version.summary === 'Primera versión del programa de bacheo.' && v.version._status === 'published')!
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'Segunda versión del programa de bacheo.' }, overrideAccess: false, user: editor })

    // Straight to the public document: refused.
    await expect(restore(first.id, approver, false)).rejects.toMatchObject({ status: 403 })
    await restore(first.id, approver, true)
    const restored = await workingCopy(bulletin.id)
    expect(restored.summary).toBe('Primera versión del programa de bacheo.')
    expect(restored.workflowState).toBe('draft')
    expect((await publicView(bulletin.id)).summary).toBe('Primera versión del programa de bacheo.')

    const draft = await buildBulletin(t.payload, { title: 'Borrador con dos versiones', summary: 'Texto inicial.', author: editor })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { summary: 'Texto cambiado.' }, overrideAccess: false, user: editor })
    const { docs: drafts } = await t.payload.findVersions({ collection: 'bulletins', where: { parent: { equals: draft.id } }, sort: 'createdAt', limit: 10 })
    await restore(drafts[0]!.id, editor, true)
    expect(await workingCopy(draft.id)).toMatchObject({ summary: 'Texto inicial.', workflowState: 'draft' })
  })
})

describe('after an emergency publication', () => {
  it('is reviewed by another approver, which clears the «no revisado» mark on the record', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Alerta por lluvias: refugios abiertos', author: editor })
    await act(bulletin.id, 'emergency-publish', admin, 'Tormenta: refugios abiertos a las 23:10')
    expect(await refusal(act(bulletin.id, 'review', admin))).toEqual({ status: 403, codes: ['WORKFLOW_OWN_WORK'] })
    expect(await refusal(act(bulletin.id, 'review', editor))).toMatchObject({ status: 403, codes: ['WORKFLOW_ROLE_NOT_ALLOWED'] })

    await act(bulletin.id, 'review', approver)
    expect(await publishedAsStaff(bulletin.id)).toMatchObject({ needsReview: false, title: 'Alerta por lluvias: refugios abiertos' })
    expect((await record(bulletin.id)).map((e) => [e.action, e.actor_name])).toEqual([
      ['emergency-publish', admin.name],
      ['review', 'Ernesto Salinas'],
    ])
    expect(await refusal(act(bulletin.id, 'review', secondApprover))).toEqual({ status: 409, codes: ['WORKFLOW_NOTHING_TO_REVIEW'] })
  })
})

describe('two people acting at once', () => {
  it('take turns on the item: one publication, one refusal, one record entry', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Aviso publicado por dos a la vez', status: 'approved', author: editor })
    // The first approver's publication is made but not yet committed when the second one acts.
    const first = await createLocalReq({ user: approver }, t.payload)
    await initTransaction(first)
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'publish', user: approver, req: first })
    const second = act(bulletin.id, 'publish', secondApprover).then(
      () => null,
      (error: unknown) => error,
    )
    // Only once the second one is really waiting on the first does the first commit.
    await waitFor(
      async () => {
        const [row] = await t.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        return row!.n > 0
      },
      { message: 'the second publication to wait for the first' },
    )
    await commitTransaction(first)

    const refused = (await second) as WorkflowError
    expect(refused).toBeInstanceOf(WorkflowError)
    expect(refused.failures.map((f) => f.code)).toEqual(['WORKFLOW_TRANSITION_NOT_ALLOWED'])
    expect((await record(bulletin.id)).filter((e) => e.action === 'publish')).toHaveLength(1)
  })
})
