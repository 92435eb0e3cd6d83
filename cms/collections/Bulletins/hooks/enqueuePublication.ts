import type { CollectionAfterChangeHook } from 'payload'
import { enqueueInTransaction } from '../../../db/enqueueInTransaction'
import { QUEUES } from '@pregon/core/queues'

/**
 * A change to what the public has (a publication, withdrawal or correction) rebuilds the portal, in the same
 * transaction. Hooks never talk to X or SMTP; the workflow service writes the distributions and their jobs
 * (cms/workflow/applyWorkflowAction), and workers do the rest.
 */
export const enqueuePublication: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const isPublished = doc._status === 'published'
  const wasPublished = previousDoc?._status === 'published'
  if (!isPublished && !wasPublished) return doc
  await enqueueInTransaction(req, [{ queue: QUEUES.rebuildPortal, data: { reason: 'bulletin-changed', bulletinId: doc.id } }])
  return doc
}
