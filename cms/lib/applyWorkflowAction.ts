import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
import { WORKFLOW_CONTEXT } from '../collections/Bulletins/hooks/guardWorkflow'
import { CHANNELS } from '../collections/Distributions'
import { distribute } from '../jobs/distribute'
import { enqueueInTransaction, type PendingJob } from '../jobs/enqueueInTransaction'
import { QUEUES } from '../jobs/queues'
import type { Bulletin, User } from '../payload-types'
import { failureReasons, TRANSITIONS, type Failure, type WorkflowState, type WorkflowVerb } from '../workflow'
import { releaseProblems } from './releaseProblems'
import { contentHashOf, type WorkflowCollection } from './workflowCollections'

export class WorkflowError extends Error {
  readonly code: string
  readonly status: number
  constructor(readonly failures: Failure[]) {
    super(failures.map((failure) => failure.message).join(' '))
    this.name = 'WorkflowError'
    this.code = failures[0]?.code ?? 'WORKFLOW_REFUSED'
    // 403 when any refusal is about the person; 409 when only the state stands in the way.
    this.status = failures.some((failure) => failure.status === 403) ? 403 : 409
  }
}

/** Pregón itself acting on a person's earlier decision (a scheduled publication the approver set). */
export interface SystemActor {
  system: string
}

export interface WorkflowActionInput {
  payload: Payload
  /** Bulletins unless said otherwise. */
  collection?: WorkflowCollection
  id: number | string
  verb: WorkflowVerb
  user: User | SystemActor | null
  reason?: string | null
  now?: Date
  /** The request to act in (REST); a local one is made for the user otherwise. */
  req?: PayloadRequest
  /** Passed to the hooks, e.g. `skipDistribution` for the demo seed's history. */
  context?: Record<string, unknown>
}

/**
 * A workflow item as this module reads it: programs share the workflow fields, and the bulletin-only ones
 * (embargo, X text, channels, corrections' use in distribution) are simply absent on them.
 */
type WorkflowDoc = Bulletin

export interface WorkflowActionResult {
  doc: WorkflowDoc
  from: WorkflowState
  to: WorkflowState
}

// Verbs that move a working copy towards the public: its content must be complete and fit X.
const RELEASING = new Set<WorkflowVerb>(['submit', 'approve', 'schedule', 'publish', 'emergency-publish'])

/**
 * Applies one workflow verb to an item for a person, or refuses with every reason. The state change,
 * the record entry and (on publication) the distribution jobs commit in one transaction.
 */
export async function applyWorkflowAction({ payload, collection = 'bulletins', id, verb, user, reason = null, now = new Date(), req: given, context = {} }: WorkflowActionInput): Promise<WorkflowActionResult> {
  const person = user && 'system' in user ? null : user
  const system = user && 'system' in user ? user.system : null
  const req = given ?? (await createLocalReq({ user: person ?? undefined }, payload))
  const ownsTransaction = await initTransaction(req)
  try {
    // As the person: someone who cannot read the item cannot act on it.
    const current = (await payload.findByID({ collection, id, draft: true, depth: 0, overrideAccess: system !== null, user: person, req })) as WorkflowDoc
    const from: WorkflowState = current.workflowState ?? 'draft'
    const contentHash = contentHashOf(collection, current as unknown as Record<string, unknown>)
    const emergency =
      verb === 'review'
        ? (
            await payload.find({
              collection: 'audit-log',
              where: { itemCollection: { equals: collection }, itemId: { equals: String(id) }, action: { equals: 'emergency-publish' } },
              sort: '-at',
              limit: 1,
              depth: 0,
              req,
            })
          ).docs[0]
        : undefined
    const failures = failureReasons({
      verb,
      state: from,
      // The system only carries out what an approver decided: it acts with an approver's rights.
      actor: person ? { id: person.id, role: person.role } : system ? { id: 'system', role: 'approver' } : null,
      editedBy: (current.editedBy as Array<number | string> | null) ?? [],
      reason,
      contentHash,
      approvedHash: current.approval?.hash ?? null,
      publishAt: current.publishAt ?? null,
      needsReview: current.needsReview ?? false,
      publishedInEmergencyBy: emergency?.actorId ?? null,
      now,
    })
    if (RELEASING.has(verb)) failures.push(...releaseProblems(collection, current))
    const { pending } = TRANSITIONS[verb]
    if (failures.length === 0 && pending) failures.push({ code: 'WORKFLOW_TRANSITION_NOT_ALLOWED', status: 409, message: pending })
    if (failures.length > 0) throw new WorkflowError(failures)

    // Under embargo, "publish" sends the press mailing now and schedules the public release for the lift.
    const embargoUntil = current.embargoUntil && new Date(current.embargoUntil) > now ? new Date(current.embargoUntil) : null
    const isEmbargoRelease = verb === 'publish' && embargoUntil !== null
    const to = isEmbargoRelease ? 'scheduled' : (TRANSITIONS[verb].to ?? from)
    const isPublication = (verb === 'publish' && !isEmbargoRelease) || verb === 'emergency-publish'
    // Withdraw and correct change what the public has (the main document), not the working copy.
    const isNotice = verb === 'withdraw' || verb === 'correct' || verb === 'review'
    const publicDoc = isNotice ? ((await payload.findByID({ collection, id, depth: 0, overrideAccess: true, req })) as WorkflowDoc) : null
    const data: Partial<Bulletin> = {
      ...(isPublication ? contentOf(current) : publicDoc ? contentOf(publicDoc) : {}),
      workflowState: to,
    }
    if (verb === 'approve') {
      data.approval = { hash: contentHash, byId: String(person!.id), byName: person!.name, at: now.toISOString() }
      data.editedBy = []
    }
    if (isPublication) {
      data._status = 'published'
      data.needsReview = verb === 'emergency-publish'
    }
    if (isEmbargoRelease) data.publishAt = embargoUntil.toISOString()
    if (verb === 'withdraw') {
      data._status = 'draft'
      data.withdrawal = { at: now.toISOString(), reason }
    }
    if (verb === 'review') {
      data._status = 'published'
      data.needsReview = false
    }
    if (verb === 'correct') {
      data._status = 'published'
      data.corrections = [...(publicDoc?.corrections ?? []), { at: now.toISOString(), note: reason! }]
    }
    const doc = (await payload.update({
      collection,
      id,
      data,
      draft: !isPublication && !isNotice,
      depth: 0,
      overrideAccess: true,
      req,
      context: { ...context, [WORKFLOW_CONTEXT]: verb },
    })) as WorkflowDoc
    await payload.create({
      collection: 'audit-log',
      overrideAccess: true,
      req,
      data: {
        at: now.toISOString(),
        summary: `${TRANSITIONS[verb].label}: ${current.title}`.slice(0, 250),
        actorId: person ? String(person.id) : null,
        actorName: person?.name ?? `Sistema: ${system}`,
        actorEmail: person?.email ?? null,
        actorRole: person?.role ?? 'system',
        action: verb,
        itemCollection: collection,
        itemId: String(id),
        itemTitle: current.title,
        fromState: from,
        toState: to,
        versionHash: contentHash,
        reason,
        channels: isPublication ? ['portal', 'rss', ...(collection === 'bulletins' ? CHANNELS : [])] : verb === 'withdraw' || verb === 'correct' ? ['portal', 'rss'] : isEmbargoRelease ? ['press-mailing'] : null,
        ...(isEmbargoRelease ? { reason: `Embargo hasta ${embargoUntil.toISOString()}: la prensa lo recibe ahora; el público, al levantarse.` } : {}),
      },
    })
    const releaseAt = isEmbargoRelease ? embargoUntil : verb === 'schedule' && current.publishAt ? new Date(current.publishAt) : null
    if (releaseAt) {
      const jobs: PendingJob[] = [{ queue: QUEUES.publishDueItems, data: { reason: 'scheduled', bulletinId: id }, startAfter: releaseAt }]
      // Journalists get an embargoed bulletin now; everyone else at the lift (the worker's sweep is the safety net).
      const mailsPress = !Array.isArray(current.distributeTo) || current.distributeTo.includes('press-mailing')
      if (collection === 'bulletins' && isEmbargoRelease && !context.skipDistribution && mailsPress) {
        jobs.push(...(await distribute({ req, bulletin: current, hash: contentHash, channels: ['press-mailing'] })))
      }
      await enqueueInTransaction(req, jobs)
    }
    if (ownsTransaction) await commitTransaction(req)
    return { doc, from, to }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}

/** Everything a save may carry over from a read document (not its identity or timestamps). */
function contentOf(doc: Bulletin): Partial<Bulletin> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...content } = doc
  return content
}
