import { CHANNELS } from '../collections/Distributions'
import type { Bulletin, User } from '../payload-types'
import { TRANSITIONS, type WorkflowState, type WorkflowVerb } from '.'
import type { WorkflowCollection } from './workflowCollections'

/** Programs share the workflow fields; the bulletin-only ones are simply absent on them. */
export type WorkflowDoc = Bulletin

export interface WorkflowStep {
  to: WorkflowState
  /** What to save; `isPublicWrite` says whether it goes to the public document or to the working copy. */
  data: Partial<WorkflowDoc>
  isPublicWrite: boolean
  /** Under embargo, "publish" mails the press now and releases to the public at this time. */
  embargoUntil: Date | null
  /** A delayed job at this time publishes it (scheduled or embargoed). */
  releaseAt: Date | null
  channels: string[] | null
  recordReason: string | null
}

/**
 * What one allowed verb changes, decided without touching the database: the caller has already checked
 * `failureReasons()` and reads `current` (the working copy) and `publicDoc` (the published document).
 */
export function planWorkflowStep({
  verb,
  collection,
  current,
  publicDoc,
  contentHash,
  person,
  reason,
  now,
}: {
  verb: WorkflowVerb
  collection: WorkflowCollection
  current: WorkflowDoc
  publicDoc: WorkflowDoc | null
  contentHash: string
  person: User | null
  reason: string | null
  now: Date
}): WorkflowStep {
  const from: WorkflowState = current.workflowState ?? 'draft'
  const embargoUntil = verb === 'publish' && current.embargoUntil && new Date(current.embargoUntil) > now ? new Date(current.embargoUntil) : null
  const to: WorkflowState = embargoUntil ? 'scheduled' : (TRANSITIONS[verb].to ?? from)
  const isPublication = (verb === 'publish' && !embargoUntil) || verb === 'emergency-publish'
  // Withdraw, correct and review change what the public has (the main document), not the working copy.
  const isNotice = verb === 'withdraw' || verb === 'correct' || verb === 'review'
  const data: Partial<WorkflowDoc> = {
    ...(isPublication ? contentOf(current) : isNotice && publicDoc ? contentOf(publicDoc) : {}),
    workflowState: to,
  }
  if (verb === 'approve' && person) {
    data.approval = { hash: contentHash, byId: String(person.id), byName: person.name, at: now.toISOString() }
    data.editedBy = []
  }
  if (isPublication) Object.assign(data, { _status: 'published', needsReview: verb === 'emergency-publish' })
  if (embargoUntil) data.publishAt = embargoUntil.toISOString()
  if (verb === 'withdraw') Object.assign(data, { _status: 'draft', withdrawal: { at: now.toISOString(), reason } })
  if (verb === 'review') Object.assign(data, { _status: 'published', needsReview: false })
  if (verb === 'correct') {
    Object.assign(data, { _status: 'published', corrections: [...(publicDoc?.corrections ?? []), { at: now.toISOString(), note: reason ?? '' }] })
  }

  const releaseAt = embargoUntil ?? (verb === 'schedule' && current.publishAt ? new Date(current.publishAt) : null)
  const channels = isPublication
    ? ['portal', 'rss', ...(collection === 'bulletins' ? CHANNELS.filter((c) => !Array.isArray(current.distributeTo) || current.distributeTo.includes(c)) : [])]
    : verb === 'withdraw' || verb === 'correct'
      ? ['portal', 'rss']
      : embargoUntil
        ? ['press-mailing']
        : null
  const recordReason = embargoUntil
    ? `Embargo hasta ${embargoUntil.toISOString()}: la prensa lo recibe ahora; el público, al levantarse.`
    : reason
  return { to, data, isPublicWrite: isPublication || isNotice, embargoUntil, releaseAt, channels, recordReason }
}

/** Everything a save may carry over from a read document (not its identity or timestamps). */
function contentOf(doc: WorkflowDoc): Partial<WorkflowDoc> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...content } = doc
  return content
}
