'use client'
import type { DefaultCellComponentProps } from 'payload'
import { STATE_LABELS, TRANSITIONS, isWorkflowVerb, type WorkflowState } from '../workflow'

/** «Registro de actividad» list: the step as its button reads («Aprobar»), not the stored verb. */
export function ActionCell({ cellData }: DefaultCellComponentProps) {
  const action = String(cellData ?? '')
  return <span>{isWorkflowVerb(action) ? TRANSITIONS[action].label : action}</span>
}

/** A state as the admin names it elsewhere («En revisión»). */
export function StateCell({ cellData }: DefaultCellComponentProps) {
  const state = cellData ? String(cellData) : ''
  return <span>{state ? (STATE_LABELS[state as WorkflowState] ?? state) : '—'}</span>
}
