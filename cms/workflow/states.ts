/**
 * The editorial states of an item's working copy. Whether the public sees the item is Payload's `_status`
 * (the last published version stays public while a newer working copy goes through review).
 */
export const WORKFLOW_STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'] as const
export type WorkflowState = (typeof WORKFLOW_STATES)[number]

export const STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Borrador',
  in_review: 'En revisión',
  approved: 'Aprobado',
  scheduled: 'Programado',
  published: 'Publicado',
  withdrawn: 'Retirado',
}
