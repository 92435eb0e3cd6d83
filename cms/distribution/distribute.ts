import type { PayloadRequest } from 'payload'
import { CHANNELS, type Channel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { PendingJob } from '../db/enqueueInTransaction'
import { QUEUES } from '@pregon/core/queues'

export const QUEUE_OF: Record<Channel, PendingJob['queue']> = {
  x: QUEUES.postToX,
  mastodon: QUEUES.postToMastodon,
  'press-mailing': QUEUES.sendPressMailing,
}
const LABEL: Record<Channel, string> = { x: 'X', mastodon: 'Mastodon', 'press-mailing': 'Prensa' }
/** pg-boss takes higher priorities first: an emergency goes before everything already waiting. */
export const URGENT_PRIORITY = 10

/** The account a channel posts to, as the ledger names it (credentials are never stored). */
export function accountOf(channel: Channel, config: Readonly<Config>): string {
  if (channel === 'x') return config.x.account
  if (channel === 'mastodon') return config.mastodon?.account ?? 'principal'
  return 'prensa'
}

/** The channels a bulletin offers by default: Mastodon only where a server is configured. */
export function defaultChannels(config: Readonly<Config> | undefined): Channel[] {
  return CHANNELS.filter((channel) => channel !== 'mastodon' || Boolean(config?.mastodon))
}

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
  isUrgent = false,
}: {
  req: PayloadRequest
  bulletin: { id: number | string; title: string }
  hash: string
  channels?: readonly Channel[]
  /** An emergency publication: its posts go first in every queue. */
  isUrgent?: boolean
}): Promise<PendingJob[]> {
  const config = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
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
      data: {
        bulletin: Number(bulletin.id),
        channel,
        account: accountOf(channel, config),
        versionHash: hash,
        status: 'pending',
        isUrgent,
        summary: `${LABEL[channel]} · ${bulletin.title.slice(0, 80)}`,
      },
      req,
    })
    jobs.push({ queue: QUEUE_OF[channel], data: { distributionId: distribution.id }, ...(isUrgent ? { priority: URGENT_PRIORITY } : {}) })
  }
  return jobs
}
