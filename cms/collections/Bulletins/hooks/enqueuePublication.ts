import type { CollectionAfterChangeHook } from 'payload'
import { CHANNELS } from '../../Distributions'
import { distribute } from '../../../distribution/distribute'
import { enqueueInTransaction, type PendingJob } from '../../../db/enqueueInTransaction'
import { QUEUES } from '@pregon/core/queues'
import { versionHash } from '@pregon/core/versionHash'

/**
 * Hooks never talk to X or SMTP: they write the distribution rows and enqueue the jobs in the same
 * transaction as the publication, and workers do the rest.
 */
export const enqueuePublication: CollectionAfterChangeHook = async ({ doc, previousDoc, req, context }) => {
  const isPublished = doc._status === 'published'
  const wasPublished = previousDoc?._status === 'published'
  if (!isPublished && !wasPublished) return doc

  const jobs: PendingJob[] = [{ queue: QUEUES.rebuildPortal, data: { reason: 'bulletin-changed', bulletinId: doc.id } }]
  // The demo seed publishes history: the portal shows it, but nothing is posted or mailed.
  if (isPublished && !context.skipDistribution) {
    const channels = Array.isArray(doc.distributeTo) ? CHANNELS.filter((channel) => doc.distributeTo.includes(channel)) : CHANNELS
    // An emergency publication (published «no revisado») is urgent: its posts jump the queue.
    jobs.push(...(await distribute({ req, bulletin: doc, hash: versionHash(doc), channels, isUrgent: doc.needsReview === true })))
  }
  await enqueueInTransaction(req, jobs)
  return doc
}
