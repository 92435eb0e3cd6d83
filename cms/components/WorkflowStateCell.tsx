import type { DefaultServerCellComponentProps } from 'payload'
import type { WorkflowState } from '../workflow/states'
import { stateHeadline } from '../workflow/stateSentences'

/** The list's one state column: the editorial state in Spanish, a correction in progress included. */
export function WorkflowStateCell({ rowData }: DefaultServerCellComponentProps) {
  const row = rowData as { workflowState?: WorkflowState | null; correction?: { openedAt?: string | null } | null; needsReview?: boolean | null }
  return <span>{stateHeadline({ state: row.workflowState ?? 'draft', hasCorrection: Boolean(row.correction?.openedAt), needsReview: Boolean(row.needsReview) })}</span>
}
