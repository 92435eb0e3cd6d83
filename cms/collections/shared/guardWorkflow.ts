import { PregonError } from '@pregon/core/PregonError'
import { toApiError } from '../../http/errorReply'
import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook, type CollectionBeforeOperationHook } from 'payload'
import { versionHash } from '@pregon/core/versionHash'
import type { WorkflowState } from '../../workflow'

/** Set by the workflow service on the saves it makes; every other save is a person's edit. */
export const WORKFLOW_CONTEXT = 'workflowVerb'

interface WorkflowFields {
  workflowState?: WorkflowState
  approval?: unknown
  withdrawal?: unknown
  corrections?: unknown
  correction?: Correction | null
  editedBy?: Array<number | string> | null
  needsReview?: boolean | null
  _status?: 'draft' | 'published' | null
  publishAt?: string | null
  publishedAt?: string | null
}

interface Correction {
  openedAt?: string | null
  openedById?: string | null
  openedByName?: string | null
  note?: string | null
  isMinor?: boolean | null
}

/** Dates the workflow sets: the approver's schedule and the moment of publication. */
const WORKFLOW_DATES = ['publishAt', 'publishedAt'] as const

const instant = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null
  const time = new Date(value as string).getTime()
  return Number.isNaN(time) ? -1 : time
}

/** A 403 whose Spanish message reaches the admin and API clients, with a stable code in `data`. */
const forbidden = (code: string, message: string) => toApiError(new PregonError({ code, kind: 'forbidden', message }))

/** Payload's hooks after this one do not see the `draft` flag; remember it for guardWorkflow. */
export const rememberDraftFlag: CollectionBeforeOperationHook = ({ args, operation, context }) => {
  if (operation === 'create' || operation === 'update' || operation === 'updateByID' || operation === 'restoreVersion') {
    context.isDraftSave = Boolean((args as { draft?: boolean }).draft)
  }
  return args
}

/**
 * Nothing reaches the public except through the workflow: a person's save is always a draft of the working
 * copy, keeps the workflow fields as they were, records who edited, and sends approved work back to review.
 */
export const guardWorkflow: CollectionBeforeChangeHook = ({ collection, data, originalDoc, req, context, operation }) => {
  if (context[WORKFLOW_CONTEXT]) return data
  const before = (originalDoc ?? {}) as WorkflowFields & Record<string, unknown>
  const isDraftSave = context.isDraftSave === true
  // Restoring an earlier version makes it the working copy (Payload sends the version's own status along).
  if (context.isRestoringVersion === true && isDraftSave) data._status = 'draft'
  const wantsPublic = data._status === 'published' || (operation === 'update' && before._status === 'published' && !isDraftSave)
  if (wantsPublic || (operation === 'update' && !isDraftSave)) {
    throw forbidden(
      'WORKFLOW_DIRECT_PUBLISH',
      'Los cambios se guardan como borrador; para publicar usa el flujo editorial (enviar a revisión, aprobar, publicar).',
    )
  }

  if (before.publishedAt && data.slug !== undefined && data.slug !== before.slug) {
    // Links to it already circulate (RSS, posts, emails): a published address never changes.
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'slug', message: `La dirección web de lo que ya se publicó no cambia; déjala como «${String(before.slug)}».` }],
      req,
    })
  }

  // A schedule is part of what the approver decided, a publication date what happened: a save sets neither.
  const moved = WORKFLOW_DATES.filter((field) => field in data && instant(data[field]) !== instant(before[field]))
  if (moved.length > 0) {
    throw forbidden(
      'WORKFLOW_DATES_BY_WORKFLOW',
      moved.includes('publishAt')
        ? 'La fecha de publicación programada la fija quien aprueba con «Programar»; no se cambia al guardar.'
        : 'La fecha de publicación la fija el sistema al publicar; no se cambia al guardar.',
    )
  }

  const userId = req.user?.id
  const changed = operation === 'create' || versionHash({ ...before, ...data }) !== versionHash(before)
  const editedBy = [...(before.editedBy ?? [])]
  if (changed && userId !== undefined && !editedBy.some((id) => String(id) === String(userId))) editedBy.push(userId)

  const state: WorkflowState = before.workflowState ?? 'draft'
  // Changing what is published is a correction: it opens one (as «Corregir» does) if none is open.
  const opensCorrection = changed && operation === 'update' && state === 'published' && !before.correction?.openedAt
  const nextState: WorkflowState = !changed
    ? state
    : state === 'published'
      ? 'draft'
      : state === 'approved' || state === 'scheduled'
        ? 'in_review'
        : state === 'withdrawn'
          ? 'draft'
          : state
  return {
    ...data,
    workflowState: operation === 'create' ? 'draft' : nextState,
    approval: operation === 'create' ? {} : before.approval,
    withdrawal: operation === 'create' ? {} : before.withdrawal,
    corrections: operation === 'create' ? [] : before.corrections,
    correction: operation === 'create' ? {} : keptCorrection(before.correction, data.correction as Correction | undefined, opensCorrection ? req.user : null),
    editedBy,
    needsReview: operation === 'create' ? false : (before.needsReview ?? false),
    publishAt: before.publishAt ?? null,
    publishedAt: before.publishedAt ?? null,
  }
}

/**
 * The open correction after a save: who opened it and when stay as the workflow set them; the person writes
 * only the public note and the «spelling only» mark. `opener`: a save that opens one by changing published text.
 */
function keptCorrection(before: Correction | null | undefined, sent: Correction | undefined, opener: { id: number | string; name?: string | null } | null): Correction {
  const opened = opener
    ? { openedAt: new Date().toISOString(), openedById: String(opener.id), openedByName: opener.name ?? null }
    : { openedAt: before?.openedAt ?? null, openedById: before?.openedById ?? null, openedByName: before?.openedByName ?? null }
  if (!opened.openedAt) return { ...opened, note: null, isMinor: false }
  return {
    ...opened,
    note: sent && 'note' in sent ? (sent.note ?? null) : (before?.note ?? null),
    isMinor: sent && 'isMinor' in sent ? Boolean(sent.isMinor) : Boolean(before?.isMinor),
  }
}

/** A published item is withdrawn with a public notice, never deleted silently. */
export const refuseDeletingPublished: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  const published = await req.payload.count({
    collection: collection.slug as 'bulletins' | 'programs',
    where: { and: [{ id: { equals: id } }, { publishedAt: { exists: true } }] },
    req,
  })
  if (published.totalDocs > 0) {
    throw forbidden('WORKFLOW_DELETE_PUBLISHED', 'Lo que ya se publicó no se borra: retíralo con un motivo y quedará un aviso público.')
  }
}
