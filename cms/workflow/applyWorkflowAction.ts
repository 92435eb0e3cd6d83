import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { WORKFLOW_CONTEXT } from '../collections/shared/guardWorkflow'
import { distribute } from '../distribution/distribute'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { inTransaction } from '../db/inTransaction'
import { recordAudit, type SystemActor } from '../audit/recordAudit'
import type { User } from '../payload-types'
import { failureReasons, type WorkflowState, type WorkflowVerb } from '.'
import { RELEASING_VERBS } from './transitions'
import { acknowledgementRecord, recordedSteps } from './recordedSteps'
import { correctionAttempt, openCorrection, planWorkflowStep, type WorkflowDoc } from './planWorkflowStep'
import { distributeCorrection } from '../distribution/distributeCorrection'
import { distributeFollowUps } from '../distribution/distributeFollowUps'
import { releaseProblems } from './releaseProblems'
import { exceptionRecord, lawChecks } from './blackoutFor'
import { staffNoticeJobs } from './staffNotices'
import { versionHash } from '@pregon/core/versionHash'
import { MANUAL_CHANNELS } from '@pregon/core/channels'
import { ITEM_FIELD, itemNounAtStart } from '@pregon/core/distributedItem'
import type { WorkflowCollection } from './workflowCollections'
import { WorkflowError } from './WorkflowError'

export { WorkflowError } from './WorkflowError'

export type { SystemActor }

export interface WorkflowActionInput {
  payload: Payload
  /** Bulletins unless said otherwise. */
  collection?: WorkflowCollection
  id: number | string
  verb: WorkflowVerb
  user: User | SystemActor | null
  reason?: string | null
  /** For «Retirar»: the notice the public reads instead of the item (the reason stays in the record). */
  notice?: string | null
  /** For «Programar»: when it goes public (a future instant). */
  publishAt?: Date | string | null
  /** For «Aprobar» and «Aprobar y publicar»: the approver's reason for each Art. 134 finding, by its key. */
  acknowledgements?: Readonly<Record<string, string>>
  now?: Date
  /** The request to act in (REST); a local one is made for the user otherwise. */
  req?: PayloadRequest
  /** Passed to the hooks, e.g. `skipDistribution` for the demo seed's history. */
  context?: Record<string, unknown>
}

export interface WorkflowActionResult {
  doc: WorkflowDoc
  from: WorkflowState
  to: WorkflowState
}


/**
 * Applies one workflow verb to an item for a person, or refuses with every reason. The item's row is
 * locked, so two people acting at once take turns; the state change, the record entry and any jobs
 * commit in one transaction.
 */
export async function applyWorkflowAction({
  payload,
  collection = 'bulletins',
  id,
  verb,
  user,
  reason = null,
  notice = null,
  publishAt: requestedPublishAt = null,
  acknowledgements = {},
  now = new Date(),
  req: given,
  context = {},
}: WorkflowActionInput): Promise<WorkflowActionResult> {
  const person = user && 'system' in user ? null : user
  const system = user && 'system' in user ? user.system : null
  const req = given ?? (await createLocalReq({ user: person ?? undefined }, payload))
  const publishAt = requestedPublishAt === null ? null : new Date(requestedPublishAt)
  return inTransaction(req, async (db) => {
    await db.execute(sql`SELECT id FROM ${sql.identifier(collection)} WHERE id = ${Number(id)} FOR UPDATE`)
    // As the person: someone who cannot read the item cannot act on it.
    const current = (await payload.findByID({ collection, id, draft: true, depth: 0, overrideAccess: system !== null, user: person, req })) as WorkflowDoc
    const from: WorkflowState = current.workflowState ?? 'draft'
    const contentHash = versionHash(current)
    const correction = openCorrection(current)
    // The public document: what a notice keeps, and what a correction must differ from.
    const needsPublicDoc = verb === 'withdraw' || verb === 'review' || verb === 'discard-correction' || correction !== null
    const publicDoc = needsPublicDoc ? ((await payload.findByID({ collection, id, depth: 0, overrideAccess: true, req })) as WorkflowDoc) : null
    const { blackout, review, periodNow } = await lawChecks({ req, verb, collection, item: current, publishAt, now })
    const failures = failureReasons({
      verb,
      state: from,
      // The system only carries out what an approver decided: it acts with an approver's rights.
      actor: person ? { id: person.id, role: person.role } : system ? { id: 'system', role: 'approver' } : null,
      editedBy: (current.editedBy as Array<number | string> | null) ?? [],
      reason,
      contentHash,
      approvedHash: current.approval?.hash ?? null,
      publishAt: publishAt && !Number.isNaN(publishAt.getTime()) ? publishAt.toISOString() : null,
      embargoUntil: current.embargoUntil ?? null,
      needsReview: current.needsReview ?? false,
      publishedInEmergencyBy: verb === 'review' ? await emergencyPublisher(payload, req, collection, id) : null,
      notice,
      correction: correctionAttempt(current, publicDoc),
      blackout,
      promotion: review && { ...review, acknowledged: acknowledgements, periodNow },
      now,
    })
    if (RELEASING_VERBS.has(verb)) failures.push(...releaseProblems(collection, current))
    if (failures.length > 0) throw new WorkflowError(failures)

    const step = planWorkflowStep({ verb, collection, current, publicDoc, contentHash, person, reason, notice, publishAt, now })
    const doc = (await payload.update({
      collection,
      id,
      data: step.data,
      draft: !step.isPublicWrite,
      depth: 0,
      overrideAccess: true,
      req,
      context: { ...context, [WORKFLOW_CONTEXT]: verb },
    })) as WorkflowDoc
    const reasons = {
      step: step.recordReason,
      exception: blackout ? exceptionRecord(blackout) : null,
      acknowledgement: acknowledgementRecord(verb, review, acknowledgements),
    }
    for (const entry of recordedSteps({ verb, collection, id, title: current.title, from, to: step.to, contentHash, isCorrection: correction !== null, channels: step.channels, reasons })) {
      await recordAudit({ req, actor: person ?? { system: String(system) }, at: now, entry })
    }
    // The demo seed publishes history: the portal shows it, but nothing is posted or mailed.
    // A distribution names the version it sends: the public document's for a publication, else the working copy's.
    const distributed =
      step.distribution && !context.skipDistribution
        ? await distribute({ req, collection, item: current, hash: step.isPublicWrite ? versionHash(doc) : contentHash, ...step.distribution })
        : []
    const correctionMailing =
      step.correctionMailing && !context.skipDistribution
        ? await distributeCorrection({ req, collection, item: current, hash: versionHash(doc), note: step.correctionMailing.note })
        : []
    // Where it was posted: the original post is answered (correction note, withdrawal notice) or deleted, per account.
    const networkFollowUps =
      step.networkFollowUp && !context.skipDistribution
        ? await distributeFollowUps({ req, collection, item: { ...current, slug: doc.slug ?? current.slug }, hash: versionHash(doc), ...step.networkFollowUp, now })
        : []
    if (verb === 'withdraw') await skipHandPosting(req, collection, id)
    const notices = await staffNoticeJobs({ req, verb, collection, item: { id, title: current.title }, actor: person, reason })
    await enqueueInTransaction(req, [...step.jobs, ...distributed, ...correctionMailing, ...networkFollowUps, ...notices])
    return { doc, from, to: step.to }
  })
}

/** Who made the item's last emergency publication (nobody reviews their own). */
async function emergencyPublisher(payload: Payload, req: PayloadRequest, collection: string, id: number | string): Promise<string | null> {
  const { docs } = await payload.find({
    collection: 'audit-log',
    where: { itemCollection: { equals: collection }, itemId: { equals: String(id) }, action: { equals: 'emergency-publish' } },
    sort: '-at',
    limit: 1,
    depth: 0,
    req,
  })
  return docs[0]?.actorId ?? null
}

/**
 * A withdrawn item is no longer to be posted by hand: its waiting WhatsApp row says so. (Rows a worker
 * sends find out by themselves when their job re-reads the item.)
 */
async function skipHandPosting(req: PayloadRequest, collection: WorkflowCollection, id: number | string): Promise<void> {
  await req.payload.update({
    collection: 'distributions',
    where: { and: [{ [ITEM_FIELD[collection]]: { equals: id } }, { channel: { in: MANUAL_CHANNELS } }, { status: { equals: 'pending' } }] },
    data: { status: 'skipped', waitingReason: null, completedAt: new Date().toISOString(), errorCode: 'DISTRIBUTION_GONE', error: `${itemNounAtStart(collection)} se retiró antes de publicarse a mano; ya no se publica.` },
    overrideAccess: true,
    req,
  })
}
