import type { Role } from '../access/roles'
import type { WorkflowState } from './states'

export const WORKFLOW_VERBS = [
  'submit',
  'approve',
  'approve-publish',
  'reject',
  'schedule',
  'publish',
  'withdraw',
  'correct',
  'discard-correction',
  'emergency-publish',
  'review',
  'hold',
] as const
export type WorkflowVerb = (typeof WORKFLOW_VERBS)[number]

export interface Transition {
  from: readonly WorkflowState[]
  /** `null`: the state does not change (a correction). */
  to: WorkflowState | null
  roles: readonly Role[]
  needsReason: boolean
  /** Spanish label of the admin button. */
  label: string
  /** Only Pregón itself takes this step (no button, no endpoint for people). */
  isSystemOnly?: boolean
}

const APPROVERS: readonly Role[] = ['approver', 'admin']
const STAFF: readonly Role[] = ['editor', 'approver', 'admin']

/** The whole editorial workflow. Hooks, REST actions and admin buttons all read this table. */
export const TRANSITIONS: Record<WorkflowVerb, Transition> = {
  submit: { from: ['draft'], to: 'in_review', roles: STAFF, needsReason: false, label: 'Enviar a revisión' },
  approve: { from: ['in_review'], to: 'approved', roles: APPROVERS, needsReason: false, label: 'Aprobar' },
  // «Aprobar» and «Publicar» as one step, for the approver who publishes now what they approve: every check of
  // both applies, the record shows both, and the item is read and written once. «Aprobar» alone stays, to schedule.
  'approve-publish': { from: ['in_review'], to: 'published', roles: APPROVERS, needsReason: false, label: 'Aprobar y publicar' },
  reject: { from: ['in_review'], to: 'draft', roles: APPROVERS, needsReason: true, label: 'Rechazar' },
  // From «programado» too: the approver moves their own schedule (a save cannot).
  schedule: { from: ['approved', 'scheduled'], to: 'scheduled', roles: APPROVERS, needsReason: false, label: 'Programar' },
  publish: { from: ['approved', 'scheduled'], to: 'published', roles: APPROVERS, needsReason: false, label: 'Publicar' },
  withdraw: {
    from: ['published'],
    to: 'withdrawn',
    roles: APPROVERS,
    needsReason: true,
    label: 'Retirar',
  },
  // Opens a correction: the published text becomes a working copy to change, with a public note; it goes
  // through review and a second person's approval like any edit (workflow/README, «Corrections»).
  correct: { from: ['published'], to: 'draft', roles: STAFF, needsReason: false, label: 'Corregir' },
  // Drops an open correction: the working copy goes back to what the public has.
  'discard-correction': { from: ['draft', 'in_review', 'approved'], to: 'published', roles: STAFF, needsReason: false, label: 'Descartar corrección' },
  'emergency-publish': {
    from: ['draft', 'in_review', 'approved', 'scheduled'],
    to: 'published',
    roles: ['admin'],
    needsReason: true,
    label: 'Publicación de emergencia',
  },
  // After an emergency publication: an approver reads what went out and clears the «no revisado» mark.
  review: { from: ['published'], to: null, roles: APPROVERS, needsReason: false, label: 'Marcar como revisado' },
  // The scheduler, when a scheduled publication falls in a veda electoral: back to review, approval withdrawn,
  // so it goes out after the period only if an approver approves it again.
  hold: { from: ['scheduled'], to: 'in_review', roles: APPROVERS, needsReason: true, label: 'Retener por veda electoral', isSystemOnly: true },
}

/** Verbs that move a working copy towards the public: its content must be complete, and the law's checks apply. */
export const RELEASING_VERBS: ReadonlySet<WorkflowVerb> = new Set<WorkflowVerb>(['submit', 'approve', 'approve-publish', 'schedule', 'publish', 'emergency-publish'])

/** Verbs that approve the working copy as it is (four eyes: never by someone who edited it). */
export const APPROVING_VERBS: ReadonlySet<WorkflowVerb> = new Set<WorkflowVerb>(['approve', 'approve-publish'])

/** Verbs that publish an approved version as «Publicar» does (under embargo: the press now, the public at the lift). */
export const PUBLISHING_VERBS: ReadonlySet<WorkflowVerb> = new Set<WorkflowVerb>(['publish', 'approve-publish'])

/** Verbs that put an item out on some channel, now or at a set time: the veda's calendar decides whether they may. */
export const GOING_OUT_VERBS: ReadonlySet<WorkflowVerb> = new Set<WorkflowVerb>([...PUBLISHING_VERBS, 'schedule', 'emergency-publish'])

/** A step's name for people (button, plan, record): publishing an open correction says so. */
export function stepLabel(verb: WorkflowVerb, isCorrection: boolean): string {
  return isCorrection && PUBLISHING_VERBS.has(verb) ? `${TRANSITIONS[verb].label} corrección` : TRANSITIONS[verb].label
}

export function isWorkflowVerb(value: string): value is WorkflowVerb {
  return (WORKFLOW_VERBS as readonly string[]).includes(value)
}
