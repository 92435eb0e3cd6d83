import type { PayloadRequest } from 'payload'
import { CHANNEL_CATALOGUE, distributionJob, isQueuedChannel, type Channel } from '@pregon/core/channels'
import type { PendingJob } from '@pregon/core/queues'
import { accountsReached } from '../socialAccounts/accountsReached'

/** What a row of a channel posted by hand says while it waits for the person who posts it. */
export const MANUAL_WAITING_REASON = 'Se publica a mano: usa «Copiar para WhatsApp», pégalo en el canal del municipio y después «Ya lo publiqué».'

/**
 * Writes a pending distribution row per channel and account this bulletin has not gone out on yet (the main
 * account of each network chosen, its department's and the others its editor added: cms/socialAccounts/
 * accountsReached), inside the caller's transaction, and returns the jobs to enqueue with it. A bulletin goes
 * out once per account (first publication, or the press mailing ahead of an embargo); corrections do not go
 * out again. A channel posted by hand (WhatsApp) gets its row, waiting for a person, and no job.
 */
export async function distribute({
  req,
  bulletin,
  hash,
  channels,
  isUrgent = false,
}: {
  req: PayloadRequest
  bulletin: { id: number | string; title: string; department?: unknown; extraAccounts?: readonly unknown[] | null }
  hash: string
  channels: readonly Channel[]
  /** An emergency publication: its posts go first in every queue. */
  isUrgent?: boolean
}): Promise<PendingJob[]> {
  const jobs: PendingJob[] = []
  const accounts = await accountsReached({ payload: req.payload, req, channels, department: bulletin.department, extraAccounts: bulletin.extraAccounts })
  for (const { channel, account, label, isMain } of accounts) {
    const earlier = await req.payload.count({
      collection: 'distributions',
      where: { bulletin: { equals: bulletin.id }, channel: { equals: channel }, account: { equals: account } },
      req,
    })
    if (earlier.totalDocs > 0) continue
    const spec = CHANNEL_CATALOGUE[channel]
    const distribution = await req.payload.create({
      collection: 'distributions',
      data: {
        bulletin: Number(bulletin.id),
        channel,
        account,
        versionHash: hash,
        status: 'pending',
        isUrgent,
        summary: `${isMain ? spec.label : label} · ${bulletin.title.slice(0, 80)}`,
        ...(isQueuedChannel(channel) ? {} : { waitingReason: MANUAL_WAITING_REASON }),
      },
      req,
    })
    if (isQueuedChannel(channel)) jobs.push(distributionJob({ id: distribution.id, channel, isUrgent }))
  }
  return jobs
}
