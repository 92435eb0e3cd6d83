import type { Payload } from 'payload'
import type { User } from '../payload-types'
import { WORKFLOW_COLLECTIONS, type WorkflowCollection } from '../workflow/workflowCollections'
import type { WorkflowState } from '../workflow'

export interface WorkItem {
  collection: WorkflowCollection
  id: number
  title: string
  state: WorkflowState
  updatedAt: string
  publishAt: string | null
}

export interface ReturnedItem extends WorkItem {
  reason: string | null
  rejectedBy: string
  rejectedAt: string
}

/** What waits for this person, split as the dashboard shows it. Newest first. */
export interface DashboardWork {
  /** Drafts she wrote or edited whose last workflow step is an approver's rejection. */
  returned: ReturnedItem[]
  /** Her other drafts. */
  drafts: WorkItem[]
  /** In review, and she edited them: an approver other than her must approve (four eyes). */
  inReviewByYou: WorkItem[]
  /** In review, and she did not edit them: an approver may approve them. */
  awaitingReview: WorkItem[]
  /** Approved and not yet public: waiting for «Publicar» or for their scheduled time. */
  approved: WorkItem[]
  /** Published in an emergency and not yet read by an approver. */
  notReviewed: WorkItem[]
}

// An office's open work is tens of items; past this the lists link to the full collection views.
const OPEN_LIMIT = 200

interface OpenDoc {
  id: number
  title: string
  workflowState?: WorkflowState | null
  editedBy?: unknown
  needsReview?: boolean | null
  updatedAt: string
  publishAt?: string | null
}

/**
 * Reads the open work of both workflow collections and the record of rejections as the signed-in person
 * (access control on), and sorts it into the dashboard's lists.
 */
export async function dashboardWork({ payload, user }: { payload: Payload; user: User }): Promise<DashboardWork> {
  const open = await Promise.all(
    WORKFLOW_COLLECTIONS.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        overrideAccess: false,
        user,
        draft: true,
        depth: 0,
        limit: OPEN_LIMIT,
        // The lists need the rows, not their total: counting a decade of versions cost more than reading them.
        pagination: false,
        sort: '-updatedAt',
        where: { or: [{ workflowState: { in: ['draft', 'in_review', 'approved', 'scheduled'] } }, { needsReview: { equals: true } }] },
        select: { title: true, workflowState: true, editedBy: true, needsReview: true, updatedAt: true, publishAt: true },
      })
      return (docs as unknown as OpenDoc[]).map((doc) => ({ collection, doc }))
    }),
  )
  const rows = open.flat().sort((a, b) => b.doc.updatedAt.localeCompare(a.doc.updatedAt))
  const isMine = (doc: OpenDoc) => Array.isArray(doc.editedBy) && doc.editedBy.some((id) => String(id) === String(user.id))
  const item = (collection: WorkflowCollection, doc: OpenDoc): WorkItem => ({
    collection,
    id: doc.id,
    title: doc.title,
    state: doc.workflowState ?? 'draft',
    updatedAt: doc.updatedAt,
    publishAt: doc.publishAt ?? null,
  })
  const inState = (state: WorkflowState) => rows.filter(({ doc }) => (doc.workflowState ?? 'draft') === state)

  const myDrafts = inState('draft').filter(({ doc }) => isMine(doc))
  const rejections = await lastStepRejections({ payload, user, items: myDrafts.map(({ collection, doc }) => ({ collection, id: doc.id })) })
  const keyOf = (collection: string, id: number | string) => `${collection}:${String(id)}`
  const returned = myDrafts
    .filter(({ collection, doc }) => rejections.has(keyOf(collection, doc.id)))
    .map(({ collection, doc }) => ({ ...item(collection, doc), ...rejections.get(keyOf(collection, doc.id))! }))
    .sort((a, b) => b.rejectedAt.localeCompare(a.rejectedAt))

  return {
    returned,
    drafts: myDrafts.filter(({ collection, doc }) => !rejections.has(keyOf(collection, doc.id))).map(({ collection, doc }) => item(collection, doc)),
    inReviewByYou: inState('in_review').filter(({ doc }) => isMine(doc)).map(({ collection, doc }) => item(collection, doc)),
    awaitingReview: inState('in_review').filter(({ doc }) => !isMine(doc)).map(({ collection, doc }) => item(collection, doc)),
    approved: [...inState('approved'), ...inState('scheduled')].map(({ collection, doc }) => item(collection, doc)),
    notReviewed: rows.filter(({ doc }) => doc.needsReview).map(({ collection, doc }) => item(collection, doc)),
  }
}

/** The items, among these, whose latest workflow step is «Rechazar»: who rejected, when and why. */
async function lastStepRejections({
  payload,
  user,
  items,
}: {
  payload: Payload
  user: User
  items: Array<{ collection: WorkflowCollection; id: number }>
}): Promise<Map<string, { reason: string | null; rejectedBy: string; rejectedAt: string }>> {
  const found = new Map<string, { reason: string | null; rejectedBy: string; rejectedAt: string }>()
  if (items.length === 0) return found
  const { docs } = await payload.find({
    collection: 'audit-log',
    overrideAccess: false,
    user,
    depth: 0,
    pagination: false,
    sort: '-at',
    where: { itemId: { in: [...new Set(items.map(({ id }) => String(id)))] } },
    select: { at: true, action: true, itemCollection: true, itemId: true, actorName: true, reason: true },
  })
  const seen = new Set<string>()
  for (const entry of docs) {
    const key = `${entry.itemCollection}:${entry.itemId}`
    if (seen.has(key)) continue
    seen.add(key)
    if (entry.action === 'reject') found.set(key, { reason: entry.reason ?? null, rejectedBy: entry.actorName ?? '', rejectedAt: entry.at })
  }
  return found
}
