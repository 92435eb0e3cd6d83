import type { Payload, PayloadRequest } from 'payload'
import { CHANNEL_LABELS, distributionJob, isChannel, isSocialChannel, socialSpec, SOCIAL_CHANNELS, type SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { PendingJob } from '@pregon/core/queues'
import { ITEM_FIELD, itemLink, type DistributedCollection } from '@pregon/core/distributedItem'
import { composeFollowUpText, followUpActionFor, followUpLabel, type FollowUpAction, type FollowUpDetail, type FollowUpKind } from '@pregon/core/networkFollowUps'

/** One post of an item that a correction or withdrawal answers (or deletes), account by account. */
export interface PlannedFollowUp {
  channel: SocialChannel
  account: string
  /** How the admin calls the account: the network's name for a main account, the account's label otherwise. */
  accountLabel: string
  isMain: boolean
  action: FollowUpAction
  /** The ledger row of the original post. */
  original: { id: number; remoteId: string | null; remoteUrl: string | null; isDryRun: boolean; cid: string | null }
}

const configOf = (payload: Payload) => (payload.config.custom as { pregon: Readonly<Config> }).pregon

/**
 * The original posts of an item a correction or withdrawal reaches, and what each account wants done («Al
 * corregir», «Al retirar»; a main account with no row of its own answers both). Only posts that went out (sent,
 * with the network's id) or were simulated (dry run); never one a previous withdrawal deleted.
 */
export async function planNetworkFollowUps({
  payload,
  req,
  collection,
  itemId,
  kind,
}: {
  payload: Payload
  req?: PayloadRequest
  collection: DistributedCollection
  itemId: number | string
  kind: FollowUpKind
}): Promise<PlannedFollowUp[]> {
  const config = configOf(payload)
  const field = ITEM_FIELD[collection]
  const { docs: rows } = await payload.find({
    collection: 'distributions',
    where: { and: [{ [field]: { equals: itemId } }, { channel: { in: SOCIAL_CHANNELS } }] },
    depth: 0,
    sort: 'id',
    pagination: false,
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  const deleted = new Set(
    rows
      .filter((row) => row.purpose === 'withdrawal' && row.status === 'sent' && (row.detail as { followUp?: FollowUpDetail } | null)?.followUp?.action === 'delete')
      .map((row) => (row.detail as { followUp: FollowUpDetail }).followUp.originalDistributionId),
  )
  const originals = rows.filter(
    (row) =>
      (row.purpose ?? 'publication') === 'publication' &&
      !deleted.has(row.id) &&
      ((row.status === 'sent' && row.remoteId) || (row.status === 'skipped' && row.errorCode === 'DRY_RUN')),
  )
  if (originals.length === 0) return []
  const { docs: accounts } = await payload.find({
    collection: 'social-accounts',
    where: { channel: { in: [...new Set(originals.map((row) => row.channel))] } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    ...(req ? { req } : {}),
  })
  const settingsOf = new Map(accounts.map((account) => [`${account.channel}/${account.account}`, account]))
  return originals.flatMap((row): PlannedFollowUp[] => {
    if (!isChannel(row.channel) || !isSocialChannel(row.channel)) return []
    const channel = row.channel
    const settings = settingsOf.get(`${channel}/${row.account}`)
    const action = followUpActionFor(kind, settings)
    if (!action) return []
    const isMain = row.account === socialSpec(channel).account(config)
    return [
      {
        channel,
        account: row.account,
        accountLabel: isMain ? CHANNEL_LABELS[channel] : (settings?.label ?? row.account),
        isMain,
        action,
        original: {
          id: row.id,
          remoteId: row.remoteId ?? null,
          remoteUrl: row.remoteUrl ?? null,
          isDryRun: row.status === 'skipped',
          cid: (row.detail as { cid?: string } | null)?.cid ?? null,
        },
      },
    ]
  })
}

/**
 * Writes, inside the caller's transaction (the workflow step that publishes a correction or withdraws the
 * item), one pending row per original post to answer or delete (purpose `correction` or `withdrawal`, on the
 * original's channel and account, `detail.followUp` saying what and to which post), and returns their jobs.
 * Once per corrected version or withdrawal: the ledger's unique index is item × channel × account × version.
 */
export async function distributeFollowUps({
  req,
  collection = 'bulletins',
  item,
  hash,
  kind,
  note,
  now = new Date(),
}: {
  req: PayloadRequest
  collection?: DistributedCollection
  item: { id: number | string; title: string; slug?: string | null }
  /** The corrected version's hash (a correction) or the withdrawn one's. */
  hash: string
  kind: FollowUpKind
  /** The public correction note, or the withdrawal notice. */
  note: string
  now?: Date
}): Promise<PendingJob[]> {
  const planned = await planNetworkFollowUps({ payload: req.payload, req, collection, itemId: item.id, kind })
  if (planned.length === 0) return []
  const config = configOf(req.payload)
  const link = item.slug ? itemLink(config.portal.url, collection, item.slug) : null
  // The public hash does not change on withdrawal (the notice is no content): the withdrawal's time keys its rows.
  const versionHash = kind === 'correction' ? hash : `withdrawal:${now.toISOString()}:${hash}`
  const field = ITEM_FIELD[collection]
  const jobs: PendingJob[] = []
  for (const { channel, account, accountLabel, isMain, action, original } of planned) {
    const already = await req.payload.count({
      collection: 'distributions',
      where: { and: [{ [field]: { equals: item.id } }, { channel: { equals: channel } }, { account: { equals: account } }, { versionHash: { equals: versionHash } }] },
      overrideAccess: true,
      req,
    })
    if (already.totalDocs > 0) continue
    const followUp: FollowUpDetail = {
      kind,
      action,
      originalDistributionId: original.id,
      toPostId: original.remoteId,
      toPostCid: original.cid,
      toPostUrl: original.remoteUrl,
      isDryRunOriginal: original.isDryRun,
      text: composeFollowUpText({ channel, kind, note, link }),
      link,
    }
    const row = await req.payload.create({
      collection: 'distributions',
      data: {
        [field]: Number(item.id),
        channel,
        account,
        versionHash,
        purpose: kind,
        status: 'pending',
        summary: `${followUpLabel({ kind, action, channel, account: isMain ? null : accountLabel })} · ${item.title.slice(0, 80)}`,
        detail: { followUp },
      },
      overrideAccess: true,
      req,
    })
    jobs.push(distributionJob({ id: row.id, channel }))
  }
  return jobs
}

