import { versionHash } from '@pregon/core/versionHash'
import { CHANNEL_CATALOGUE, channelsFor, type Channel } from '@pregon/core/channels'
import { QUEUES, type PendingJob } from '@pregon/core/queues'
import type { Bulletin, User } from '../payload-types'
import { TRANSITIONS, type WorkflowState, type WorkflowVerb } from '.'
import { APPROVING_VERBS, PUBLISHING_VERBS } from './transitions'
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
  /** Jobs that need no row of their own: the delayed publication at `releaseAt`. */
  jobs: PendingJob[]
  /** What goes out now on the item's channels: a distribution row and a job each (cms/distribution/distribute). */
  distribution: { channels: Channel[]; isUrgent: boolean } | null
  /** A published correction that changes the meaning: the «Corrección» mailing to those who got it before. */
  correctionMailing: { note: string } | null
  /** Where the record says it went: the portal and feeds, and the distribution's channels. */
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
  notice = null,
  publishAt = null,
  now,
}: {
  verb: WorkflowVerb
  collection: WorkflowCollection
  current: WorkflowDoc
  publicDoc: WorkflowDoc | null
  contentHash: string
  person: User | null
  reason: string | null
  /** For «Retirar»: the public notice. */
  notice?: string | null
  /** The approver's choice for «Programar». */
  publishAt?: Date | null
  now: Date
}): WorkflowStep {
  const from: WorkflowState = current.workflowState ?? 'draft'
  const embargoUntil = PUBLISHING_VERBS.has(verb) && current.embargoUntil && new Date(current.embargoUntil) > now ? new Date(current.embargoUntil) : null
  const to: WorkflowState = embargoUntil ? 'scheduled' : (TRANSITIONS[verb].to ?? from)
  const isPublication = (PUBLISHING_VERBS.has(verb) && !embargoUntil) || verb === 'emergency-publish'
  const correction = openCorrection(current)
  // Withdraw and review change what the public has (the main document), not the working copy; discarding a
  // correction puts the public document back as the working copy.
  const isNotice = verb === 'withdraw' || verb === 'review' || verb === 'discard-correction'
  const data: Partial<WorkflowDoc> = {
    ...(isPublication ? contentOf(current) : isNotice && publicDoc ? contentOf(publicDoc) : {}),
    workflowState: to,
  }
  if (APPROVING_VERBS.has(verb) && person) {
    data.approval = { hash: contentHash, byId: String(person.id), byName: person.name, at: now.toISOString() }
    data.editedBy = []
    data.blackoutHold = null
  }
  // Held by a veda: the approval no longer stands, and the item says why it is back in review.
  if (verb === 'hold') Object.assign(data, { approval: { hash: null, byId: null, byName: null, at: null }, publishAt: null, blackoutHold: { at: now.toISOString(), reason } })
  // The public date is the first publication's; a later one (after a withdrawal) keeps it.
  if (isPublication) Object.assign(data, { _status: 'published', needsReview: verb === 'emergency-publish', publishedAt: current.publishedAt ?? now.toISOString() })
  if (embargoUntil) data.publishAt = embargoUntil.toISOString()
  if (verb === 'schedule' && publishAt) data.publishAt = publishAt.toISOString()
  if (verb === 'withdraw') Object.assign(data, { _status: 'draft', withdrawal: { at: now.toISOString(), reason, notice: notice?.trim() ?? null } })
  if (verb === 'review') Object.assign(data, { _status: 'published', needsReview: false })
  if (verb === 'correct') {
    data.correction = { openedAt: now.toISOString(), openedById: person ? String(person.id) : null, openedByName: person?.name ?? null, note: '', isMinor: false }
  }
  if (verb === 'discard-correction') Object.assign(data, { _status: 'published', correction: CLOSED_CORRECTION, editedBy: [] })
  // A published correction closes; its note joins the public list (a spelling fix adds none).
  if (isPublication && correction) {
    data.correction = CLOSED_CORRECTION
    if (!correction.isMinor) data.corrections = [...(current.corrections ?? []), { at: now.toISOString(), note: correction.note.trim() }]
  }

  const releaseAt = embargoUntil ?? (verb === 'schedule' ? publishAt : null)
  const jobs: PendingJob[] = releaseAt ? [{ queue: QUEUES.publishDueItems, data: { reason: 'scheduled', bulletinId: current.id }, startAfter: releaseAt }] : []
  // Bulletins and programs go out on the channels their editor chose; journalists get an embargoed bulletin now,
  // everyone else at the lift.
  // An emergency (published as one, or classified as one) goes first everywhere and always reaches the
  // subscribers who accept emergency alerts, whatever its editor ticked.
  const isEmergency = verb === 'emergency-publish' || current.classification === 'emergencia'
  const ticked = channelsFor(current)
  const chosen: Channel[] = isEmergency && !ticked.includes('subscribers') ? [...ticked, 'subscribers'] : ticked
  const distribution = isPublication
    ? { channels: chosen, isUrgent: isEmergency }
    : embargoUntil
      ? { channels: chosen.filter((channel) => CHANNEL_CATALOGUE[channel].isBeforeEmbargo), isUrgent: false }
      : null
  // Journalists who got an earlier version are told of a correction that changes its meaning, once.
  const correctionMailing = isPublication && correction && !correction.isMinor && chosen.includes('press-mailing') ? { note: correction.note.trim() } : null
  const channels = isPublication
    ? ['portal', 'rss', ...chosen]
    : verb === 'withdraw'
      ? ['portal', 'rss']
      : embargoUntil
        ? (distribution?.channels ?? [])
        : null
  const recordReason = embargoUntil
    ? `Embargo hasta ${embargoUntil.toISOString()}: la prensa lo recibe ahora; el público, al levantarse.`
    : verb === 'withdraw'
      ? `${reason ?? ''} · Aviso público: ${notice?.trim() ?? ''}`
      : isPublication && correction
        ? correction.isMinor
          ? 'Corrección de ortografía o estilo (sin nota pública).'
          : `Corrección publicada. Nota pública: ${correction.note.trim()}`
        : reason
  return {
    to,
    data,
    isPublicWrite: isPublication || isNotice,
    embargoUntil,
    releaseAt,
    jobs,
    distribution,
    correctionMailing,
    channels,
    recordReason,
  }
}

const CLOSED_CORRECTION = { openedAt: null, openedById: null, openedByName: null, note: null, isMinor: false }

/**
 * An open correction as the workflow's checks read it: its note, and whether the text differs from the public
 * document at all (the note itself is not a change of text).
 */
export function correctionAttempt(current: WorkflowDoc, publicDoc: WorkflowDoc | null): { note: string; isMinor: boolean; changesText: boolean } | null {
  const correction = openCorrection(current)
  const textHash = (doc: WorkflowDoc) => versionHash({ ...doc, correction: null })
  return correction && { ...correction, changesText: publicDoc !== null && textHash(current) !== textHash(publicDoc) }
}

/** The working copy's open correction, if any: a published item being changed through «Corregir». */
export function openCorrection(doc: Pick<WorkflowDoc, 'correction'>): { note: string; isMinor: boolean } | null {
  return doc.correction?.openedAt ? { note: doc.correction.note ?? '', isMinor: Boolean(doc.correction.isMinor) } : null
}

/** Everything a save may carry over from a read document (not its identity or timestamps). */
function contentOf(doc: WorkflowDoc): Partial<WorkflowDoc> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...content } = doc
  return content
}
