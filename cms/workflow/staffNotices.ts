import type { PayloadRequest, Where } from 'payload'
import { QUEUES, type PendingJob } from '@pregon/core/queues'
import type { User } from '../payload-types'
import type { WorkflowVerb } from './transitions'
import type { WorkflowCollection } from './workflowCollections'

export interface StaffNoticeInput {
  /** The request of the workflow step: reads run in its transaction. */
  req: PayloadRequest
  verb: WorkflowVerb
  collection: WorkflowCollection
  item: { id: number | string; title: string }
  /** Who took the step; never told of their own step. */
  actor: User | null
  reason?: string | null
}

/**
 * The emails a workflow step owes the people who opted in (users.notifyByEmail), as jobs to enqueue in the
 * step's own transaction: a rejection tells whoever wrote or edited the item, a submission tells the approvers
 * who may approve it (four eyes: not those who edited it). One job per person, so one refused address never
 * holds up or repeats another's email.
 */
export async function staffNoticeJobs({ req, verb, collection, item, actor, reason = null }: StaffNoticeInput): Promise<PendingJob[]> {
  if (verb !== 'reject' && verb !== 'submit') return []
  const working = await req.payload.findByID({ collection, id: item.id, draft: true, depth: 0, overrideAccess: true, req, select: { editedBy: true } })
  const editors = ((working.editedBy as Array<number | string> | null) ?? []).map(String)
  if (verb === 'reject' && editors.length === 0) return []
  const who: Where[] =
    verb === 'reject' ? [{ id: { in: editors } }] : [{ role: { in: ['approver', 'admin'] } }, ...(editors.length > 0 ? [{ id: { not_in: editors } }] : [])]
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { and: [{ notifyByEmail: { equals: true } }, ...who, ...(actor ? [{ id: { not_equals: actor.id } }] : [])] },
    overrideAccess: true,
    req,
    depth: 0,
    pagination: false,
    select: { notifyByEmail: true },
  })
  return docs.map((user) => ({
    queue: QUEUES.notifyStaff,
    data: {
      kind: verb === 'reject' ? 'rejected' : 'submitted',
      userId: user.id,
      collection,
      itemId: item.id,
      title: item.title,
      actorName: actor?.name ?? 'Pregón',
      reason: verb === 'reject' ? reason : null,
    },
  }))
}
