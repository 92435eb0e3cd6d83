import type { PayloadRequest } from 'payload'
import { CHANNELS, type Channel } from '../collections/Distributions'
import type { PendingJob } from './enqueueInTransaction'
import { QUEUES } from './queues'

const QUEUE_OF: Record<Channel, PendingJob['queue']> = { x: QUEUES.postToX, 'press-mailing': QUEUES.sendPressMailing }
const LABEL: Record<Channel, string> = { x: 'X', 'press-mailing': 'Prensa' }

/**
 * Writes a pending distribution row per channel this bulletin has not gone out on yet, inside the caller's
 * transaction, and returns the jobs to enqueue with it. A bulletin goes out once per channel (first
 * publication, or the press mailing ahead of an embargo); corrections do not go out again.
 */
export async function distribute({
  req,
  bulletin,
  hash,
  channels = CHANNELS,
}: {
  req: PayloadRequest
  bulletin: { id: number | string; title: string }
  hash: string
  channels?: readonly Channel[]
}): Promise<PendingJob[]> {
  const jobs: PendingJob[] = []
  for (const channel of channels) {
    const earlier = await req.payload.count({
      collection: 'distributions',
      where: { bulletin: { equals: bulletin.id }, channel: { equals: channel } },
      req,
    })
    if (earlier.totalDocs > 0) continue
    const distribution = await req.payload.create({
      collection: 'distributions',
      data: { bulletin: Number(bulletin.id), channel, versionHash: hash, status: 'pending', summary: `${LABEL[channel]} · ${bulletin.title.slice(0, 80)}` },
      req,
    })
    jobs.push({ queue: QUEUE_OF[channel], data: { distributionId: distribution.id } })
  }
  return jobs
}
