import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'
import { WORKFLOW_CONTEXT } from '../collections/Bulletins/hooks/guardWorkflow'
import { CHANNELS } from '../collections/Distributions'
import type { Bulletin, User } from '../payload-types'
import { failureReasons, TRANSITIONS, type Failure, type WorkflowState, type WorkflowVerb } from '../workflow'
import { versionHash } from './versionHash'

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

export interface WorkflowActionInput {
  payload: Payload
  id: number | string
  verb: WorkflowVerb
  user: User | null
  reason?: string | null
  now?: Date
  /** The request to act in (REST); a local one is made for the user otherwise. */
  req?: PayloadRequest
  /** Passed to the hooks, e.g. `skipDistribution` for the demo seed's history. */
  context?: Record<string, unknown>
}

export interface WorkflowActionResult {
  doc: Bulletin
  from: WorkflowState
  to: WorkflowState
}

/**
 * Applies one workflow verb to a bulletin for a person, or refuses with every reason. The state change,
 * the record entry and (on publication) the distribution jobs commit in one transaction.
 */
export async function applyWorkflowAction({ payload, id, verb, user, reason = null, now = new Date(), req: given, context = {} }: WorkflowActionInput): Promise<WorkflowActionResult> {
  const req = given ?? (await createLocalReq({ user: user ?? undefined }, payload))
  const ownsTransaction = await initTransaction(req)
  try {
    // As the person: someone who cannot read the item cannot act on it.
    const current = await payload.findByID({ collection: 'bulletins', id, draft: true, depth: 0, overrideAccess: false, user, req })
    const from = current.workflowState
    const contentHash = versionHash(current)
    const failures = failureReasons({
      verb,
      state: from,
      actor: user ? { id: user.id, role: user.role } : null,
      editedBy: (current.editedBy as Array<number | string> | null) ?? [],
      reason,
      contentHash,
      approvedHash: current.approval?.hash ?? null,
      publishAt: current.publishAt ?? null,
      now,
    })
    const { pending } = TRANSITIONS[verb]
    if (failures.length === 0 && pending) failures.push({ code: 'WORKFLOW_TRANSITION_NOT_ALLOWED', status: 409, message: pending })
    if (failures.length > 0) throw new WorkflowError(failures)

    const to = TRANSITIONS[verb].to ?? from
    const isPublication = to === 'published'
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...content } = current
    const data: Partial<Bulletin> = { ...(isPublication ? content : {}), workflowState: to }
    if (verb === 'approve') {
      data.approval = { hash: contentHash, byId: String(user!.id), byName: user!.name, at: now.toISOString() }
      data.editedBy = []
    }
    if (isPublication) {
      data._status = 'published'
      data.needsReview = verb === 'emergency-publish'
    }
    const doc = await payload.update({
      collection: 'bulletins',
      id,
      data,
      draft: !isPublication,
      depth: 0,
      overrideAccess: true,
      req,
      context: { ...context, [WORKFLOW_CONTEXT]: verb },
    })
    await payload.create({
      collection: 'audit-log',
      overrideAccess: true,
      req,
      data: {
        at: now.toISOString(),
        summary: `${TRANSITIONS[verb].label}: ${current.title}`.slice(0, 250),
        actorId: String(user!.id),
        actorName: user!.name,
        actorEmail: user!.email,
        actorRole: user!.role,
        action: verb,
        itemCollection: 'bulletins',
        itemId: String(id),
        itemTitle: current.title,
        fromState: from,
        toState: to,
        versionHash: contentHash,
        reason,
        channels: isPublication ? ['portal', 'rss', ...CHANNELS] : null,
      },
    })
    if (ownsTransaction) await commitTransaction(req)
    return { doc, from, to }
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}
