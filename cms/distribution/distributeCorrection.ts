import type { PayloadRequest } from 'payload'
import { CHANNEL_CATALOGUE, distributionJob, type Channel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { PendingJob } from '@pregon/core/queues'
import { ITEM_FIELD, type DistributedCollection } from '@pregon/core/distributedItem'

/**
 * The «Corrección» mailing of a corrected bulletin or program, written inside the caller's (publish)
 * transaction: a pending press-mailing distribution with purpose `correction` for the corrected version, and
 * its job. Only when an earlier press mailing of this item reached somebody (nobody to correct otherwise), and
 * once per corrected version (the ledger's unique index is item × channel × account × version). The worker
 * mails only the contacts who received an earlier version (sendPressMailing).
 */
export async function distributeCorrection({
  req,
  collection = 'bulletins',
  item,
  hash,
  note,
}: {
  req: PayloadRequest
  collection?: DistributedCollection
  item: { id: number | string; title: string }
  hash: string
  /** The public correction note, as readers see it. */
  note: string
}): Promise<PendingJob[]> {
  const config = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
  const channel = 'press-mailing' as Channel
  const spec = CHANNEL_CATALOGUE[channel]
  const account = spec.account(config)
  const field = ITEM_FIELD[collection]
  const delivered = await req.payload.count({
    collection: 'deliveries',
    where: { and: [{ [`distribution.${field}`]: { equals: item.id } }, { 'distribution.channel': { equals: channel } }, { status: { equals: 'sent' } }] },
    req,
  })
  if (delivered.totalDocs === 0) return []
  const already = await req.payload.count({
    collection: 'distributions',
    where: { and: [{ [field]: { equals: item.id } }, { channel: { equals: channel } }, { account: { equals: account } }, { versionHash: { equals: hash } }] },
    req,
  })
  if (already.totalDocs > 0) return []
  const distribution = await req.payload.create({
    collection: 'distributions',
    data: {
      [field]: Number(item.id),
      channel,
      account,
      versionHash: hash,
      purpose: 'correction',
      status: 'pending',
      summary: `Corrección · ${spec.label} · ${item.title.slice(0, 80)}`,
      detail: { correction: { note } },
    },
    req,
  })
  return [distributionJob({ id: distribution.id, channel })]
}
