import type { CollectionAfterChangeHook } from 'payload'
import { CHANNELS } from '../../Distributions'
import { enqueueInTransaction, type PendingJob } from '../../../jobs/enqueueInTransaction'
import { QUEUES } from '../../../jobs/queues'
import { versionHash } from '../../../lib/versionHash'

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
    const hash = versionHash(doc)
    for (const channel of CHANNELS) {
      // Distribution goes out on first publication only; corrections arrive with the workflow issue.
      const earlier = await req.payload.count({
        collection: 'distributions',
        where: { bulletin: { equals: doc.id }, channel: { equals: channel } },
        req,
      })
      if (earlier.totalDocs > 0) continue
      const distribution = await req.payload.create({
        collection: 'distributions',
        data: {
          bulletin: doc.id,
          channel,
          versionHash: hash,
          status: 'pending',
          summary: `${channel === 'x' ? 'X' : 'Prensa'} · ${String(doc.title).slice(0, 80)}`,
        },
        req,
      })
      jobs.push({
        queue: channel === 'x' ? QUEUES.postToX : QUEUES.sendPressMailing,
        data: { distributionId: distribution.id },
      })
    }
  }
  await enqueueInTransaction(req, jobs)
  return doc
}
