import { STATE_LABELS, type WorkflowState } from './states'

/**
 * How the admin names an item's editorial state, once, in the edit header and the list: Payload's own
 * Borrador/Publicado says whether a draft differs from the public document, which misleads under the workflow.
 * Free of server code: client components import it.
 */
export interface StateFacts {
  state: WorkflowState
  /** A correction of the published item is open. */
  hasCorrection: boolean
  needsReview?: boolean
}

// «La corrección» is feminine: its states read as such.
const CORRECTION_STATES: Partial<Record<WorkflowState, string>> = { draft: 'en borrador', in_review: 'en revisión', approved: 'aprobada', scheduled: 'programada' }

export function stateHeadline({ state, hasCorrection, needsReview = false }: StateFacts): string {
  if (hasCorrection) return `Publicado · corrección ${CORRECTION_STATES[state] ?? STATE_LABELS[state].toLowerCase()}`
  if (state === 'published' && needsReview) return 'Publicado en emergencia · sin revisar'
  return STATE_LABELS[state]
}

/** What happens next and who acts, in one sentence. */
export function nextStepSentence({
  state,
  hasCorrection,
  correctionOpenedBy = null,
  approvedBy = null,
  publishAt = null,
  needsReview = false,
  timeZone,
}: StateFacts & { correctionOpenedBy?: string | null; approvedBy?: string | null; publishAt?: string | null; timeZone?: string }): string {
  if (hasCorrection) {
    const who = correctionOpenedBy ? ` (la abrió ${correctionOpenedBy})` : ''
    if (state === 'draft') return `El portal sigue mostrando lo publicado${who}. Cambia el texto, escribe la nota pública y envía la corrección a revisión.`
    if (state === 'in_review') return 'La corrección espera a Aprobación: debe aprobarla alguien que no la editó.'
    if (state === 'approved') return `Corrección aprobada${approvedBy ? ` por ${approvedBy}` : ''}: falta publicarla.`
  }
  switch (state) {
    case 'draft':
      return 'Cuando esté listo, envíalo a revisión.'
    case 'in_review':
      return 'Espera a Aprobación: debe aprobarlo alguien con ese rol que no lo editó.'
    case 'approved':
      return `Aprobado${approvedBy ? ` por ${approvedBy}` : ''}: falta publicarlo o programarlo.`
    case 'scheduled':
      return publishAt
        ? `Se publicará solo el ${new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(publishAt))}.`
        : 'Se publicará solo a la hora programada.'
    case 'published':
      return needsReview
        ? 'Salió sin revisión por emergencia: otra persona con rol de aprobación debe revisarlo.'
        : 'Visible en el portal. Para cambiar el texto, usa «Corregir».'
    case 'withdrawn':
      return 'Retirado: en su dirección se ve el aviso público.'
  }
}
