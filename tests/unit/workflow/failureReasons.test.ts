import { describe, expect, it } from 'vitest'
import { failureReasons, TRANSITIONS, WORKFLOW_STATES, WORKFLOW_VERBS, type WorkflowAttempt } from '@pregon/cms/workflow'

const editor = { id: 1, role: 'editor' as const }
const approver = { id: 2, role: 'approver' as const }
const admin = { id: 3, role: 'admin' as const }
const NOW = new Date('2026-11-23T16:00:00Z')

const attempt = (overrides: Partial<WorkflowAttempt>): WorkflowAttempt => ({
  verb: 'submit',
  state: 'draft',
  actor: editor,
  editedBy: [editor.id],
  contentHash: 'h1',
  approvedHash: null,
  now: NOW,
  ...overrides,
})
const codes = (a: WorkflowAttempt) => failureReasons(a).map((f) => f.code)

describe('failureReasons', () => {
  it('lets an editor submit a draft', () => {
    expect(failureReasons(attempt({}))).toEqual([])
  })

  it('refuses approval by anyone who edited the version, even an approver', () => {
    expect(codes(attempt({ verb: 'approve', state: 'in_review', actor: approver, editedBy: [editor.id, approver.id] }))).toEqual(['WORKFLOW_OWN_WORK'])
    expect(codes(attempt({ verb: 'approve', state: 'in_review', actor: approver, editedBy: [editor.id] }))).toEqual([])
    expect(codes(attempt({ verb: 'approve', state: 'in_review', actor: admin, editedBy: ['3'] }))).toEqual(['WORKFLOW_OWN_WORK'])
  })

  it('does not let editors approve, publish, reject or withdraw', () => {
    for (const verb of ['approve', 'publish', 'reject', 'withdraw', 'emergency-publish'] as const) {
      expect(codes(attempt({ verb, state: TRANSITIONS[verb].from[0]!, editedBy: [], approvedHash: 'h1', reason: 'Motivo suficientemente largo', notice: 'Aviso público suficiente' }))).toEqual([
        'WORKFLOW_ROLE_NOT_ALLOWED',
      ])
    }
  })

  it('answers 409 for a verb that does not apply to the state, 403 for a person who may not', () => {
    const [wrongState] = failureReasons(attempt({ verb: 'approve', state: 'draft', actor: approver, editedBy: [] }))
    expect(wrongState).toMatchObject({ code: 'WORKFLOW_TRANSITION_NOT_ALLOWED', status: 409 })
    expect(wrongState!.message).toMatch(/«Borrador».*«En revisión»/)
    expect(failureReasons(attempt({ actor: null }))).toEqual([expect.objectContaining({ code: 'WORKFLOW_NOT_SIGNED_IN', status: 401 })])
  })

  it('publishes only the exact version that was approved', () => {
    expect(codes(attempt({ verb: 'publish', state: 'approved', actor: approver, approvedHash: 'h0', contentHash: 'h1' }))).toEqual([
      'WORKFLOW_NOT_APPROVED_VERSION',
    ])
    expect(codes(attempt({ verb: 'publish', state: 'approved', actor: approver, approvedHash: 'h1', contentHash: 'h1' }))).toEqual([])
  })

  it('asks for a written reason to reject, withdraw or publish in an emergency, and a public notice to withdraw', () => {
    for (const verb of ['reject', 'withdraw', 'emergency-publish'] as const) {
      const base = attempt({ verb, state: TRANSITIONS[verb].from[0]!, actor: admin, editedBy: [], notice: 'Aviso retirado por un dato equivocado.' })
      expect(codes({ ...base, reason: 'corto' })).toEqual(['WORKFLOW_REASON_REQUIRED'])
      expect(codes({ ...base, reason: 'Refugios abiertos por la tormenta' })).toEqual([])
    }
    const withdraw = attempt({ verb: 'withdraw', state: 'published', actor: admin, reason: 'Motivo interno suficiente' })
    expect(codes({ ...withdraw, notice: null })).toEqual(['WORKFLOW_NOTICE_REQUIRED'])
  })

  it('lets a correction go to review only when it changes the text and says so publicly (unless spelling only)', () => {
    const base = attempt({ verb: 'submit', state: 'draft', actor: approver })
    expect(codes({ ...base, correction: { note: '', isMinor: false, changesText: false } })).toEqual(['WORKFLOW_CORRECTION_UNCHANGED', 'WORKFLOW_CORRECTION_NOTE_REQUIRED'])
    expect(codes({ ...base, correction: { note: 'La edad es de 1 a 10 años.', isMinor: false, changesText: true } })).toEqual([])
    expect(codes({ ...base, correction: { note: '', isMinor: true, changesText: true } })).toEqual([])
    expect(codes(attempt({ verb: 'discard-correction', state: 'draft', actor: approver }))).toEqual(['WORKFLOW_NO_CORRECTION'])
  })

  it('schedules only for a future time', () => {
    const base = attempt({ verb: 'schedule', state: 'approved', actor: approver, approvedHash: 'h1' })
    expect(codes({ ...base, publishAt: '2026-11-23T15:00:00Z' })).toEqual(['WORKFLOW_PUBLISH_AT_REQUIRED'])
    expect(codes({ ...base, publishAt: '2026-11-24T15:00:00Z' })).toEqual([])
    expect(codes({ ...base, publishAt: null })).toEqual(['WORKFLOW_PUBLISH_AT_REQUIRED'])
  })

  it('moves a schedule (from «programado» too) but never before an embargo lifts', () => {
    const base = attempt({ verb: 'schedule', state: 'scheduled', actor: approver, approvedHash: 'h1', embargoUntil: '2026-11-25T15:00:00Z' })
    expect(codes({ ...base, publishAt: '2026-11-24T15:00:00Z' })).toEqual(['WORKFLOW_PUBLISH_AT_BEFORE_EMBARGO'])
    expect(codes({ ...base, publishAt: '2026-11-25T15:00:00Z' })).toEqual([])
  })

  it('approves and publishes in one step only what «Aprobar» and «Publicar» would both let through', () => {
    const base = attempt({ verb: 'approve-publish', state: 'in_review', actor: approver, editedBy: [editor.id] })
    expect(TRANSITIONS['approve-publish']).toMatchObject({ from: ['in_review'], to: 'published', roles: ['approver', 'admin'], label: 'Aprobar y publicar' })
    // The version is approved in this very step: no earlier approval is needed.
    expect(codes(base)).toEqual([])
    expect(codes({ ...base, editedBy: [editor.id, approver.id] })).toEqual(['WORKFLOW_OWN_WORK'])
    expect(codes({ ...base, actor: editor })).toEqual(['WORKFLOW_ROLE_NOT_ALLOWED', 'WORKFLOW_OWN_WORK'])
    expect(codes({ ...base, state: 'approved' })).toEqual(['WORKFLOW_TRANSITION_NOT_ALLOWED'])
    expect(codes({ ...base, state: 'draft' })).toEqual(['WORKFLOW_TRANSITION_NOT_ALLOWED'])
    // A correction must change the text and say so publicly, as at approval and publication.
    expect(codes({ ...base, correction: { note: '', isMinor: false, changesText: false } })).toEqual(['WORKFLOW_CORRECTION_UNCHANGED', 'WORKFLOW_CORRECTION_NOTE_REQUIRED'])
  })

  it('has a Spanish sentence for every refusal of every verb in every state', () => {
    for (const verb of WORKFLOW_VERBS) {
      for (const state of WORKFLOW_STATES) {
        for (const failure of failureReasons(attempt({ verb, state, editedBy: [1] }))) {
          expect(failure.message).toMatch(/^[A-ZÁÉÍÓÚÑ¿].{20,}\.$/)
        }
      }
    }
  })
})

describe('failureReasons during a veda electoral', () => {
  const blackout = { name: 'Campañas locales 2027', span: 'del 3 de abril al 6 de junio de 2027 a las 18:00 h', exception: null, justification: null }
  const publish = attempt({ verb: 'publish', state: 'approved', actor: approver, editedBy: [], approvedHash: 'h1' })

  it('refuses publishing, scheduling into it and emergency publishing, naming the period and what to do', () => {
    expect(codes({ ...publish, blackout })).toEqual(['WORKFLOW_BLACKOUT'])
    expect(codes({ ...publish, verb: 'schedule', publishAt: '2026-12-01T16:00:00Z', blackout })).toEqual(['WORKFLOW_BLACKOUT'])
    expect(codes(attempt({ verb: 'emergency-publish', state: 'draft', actor: admin, reason: 'Emergencia por lluvias', blackout }))).toEqual(['WORKFLOW_BLACKOUT'])
    const [failure] = failureReasons({ ...publish, blackout })
    expect(failure!.message).toContain('«Campañas locales 2027» (del 3 de abril al 6 de junio de 2027 a las 18:00 h)')
    // Approving, withdrawing and the rest are not publication: a veda does not stop them.
    expect(codes(attempt({ verb: 'approve', state: 'in_review', actor: approver, editedBy: [editor.id], blackout }))).toEqual([])
    expect(codes(attempt({ verb: 'withdraw', state: 'published', actor: approver, reason: 'Retiro por veda', notice: 'Aviso público de retiro', blackout }))).toEqual([])
  })

  it('refuses «Aprobar y publicar» as it refuses «Publicar», and asks for the Art. 134 justifications as «Aprobar» does', () => {
    const approvePublish = attempt({ verb: 'approve-publish', state: 'in_review', actor: approver, editedBy: [editor.id] })
    expect(codes({ ...approvePublish, blackout })).toEqual(['WORKFLOW_BLACKOUT'])
    expect(codes({ ...approvePublish, blackout: { ...blackout, exception: 'salud', justification: 'Urgente.' } })).toEqual(['WORKFLOW_BLACKOUT_JUSTIFICATION'])
    expect(codes({ ...approvePublish, blackout: { ...blackout, exception: 'salud', justification: 'Brote de dengue: eliminar criaderos esta semana.' } })).toEqual([])
    const finding = { key: 'photo-7', label: 'Imagen principal', found: 'foto.jpg' }
    const promotion = { findings: [finding], acknowledged: {}, undeclaredPhotos: [], periodNow: null }
    expect(codes({ ...approvePublish, promotion })).toEqual(['WORKFLOW_PROMOTION_UNACKNOWLEDGED'])
    expect(codes({ ...approvePublish, promotion: { ...promotion, acknowledged: { 'photo-7': 'Muestra la obra; no nombra a nadie.' } } })).toEqual([])
    expect(codes({ ...approvePublish, promotion: { ...promotion, findings: [], undeclaredPhotos: ['«Obra» (imagen principal)'] } })).toEqual(['WORKFLOW_PHOTO_UNDECLARED'])
    expect(codes({ ...approvePublish, promotion: { ...promotion, periodNow: 'Campañas locales 2027' } })).toEqual(['WORKFLOW_PROMOTION_IN_BLACKOUT'])
  })

  it('lets an allowed exception through only with its justification', () => {
    expect(codes({ ...publish, blackout: { ...blackout, exception: 'salud', justification: 'Urgente.' } })).toEqual(['WORKFLOW_BLACKOUT_JUSTIFICATION'])
    expect(codes({ ...publish, blackout: { ...blackout, exception: 'salud', justification: 'Brote de dengue: eliminar criaderos esta semana.' } })).toEqual([])
  })

  it('lets only Pregón hold a scheduled item, never a person', () => {
    const hold = attempt({ verb: 'hold', state: 'scheduled', reason: 'Cae en la veda electoral.' })
    expect(codes({ ...hold, actor: approver })).toEqual(['WORKFLOW_ROLE_NOT_ALLOWED'])
    expect(codes({ ...hold, actor: { id: 'system', role: 'approver' } })).toEqual([])
  })
})
