import type { Payload, PayloadRequest } from 'payload'
import { CHANNEL_CATALOGUE, CHANNEL_LABELS, isSocialChannel, type Channel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { SocialAccount } from '../payload-types'

/** One account a bulletin goes out on: the ledger's (channel, account) and what the admin calls it. */
export interface ReachedAccount {
  channel: Channel
  account: string
  label: string
  /** The network's main account, from the server's configuration. */
  isMain: boolean
  /** The network refused its credentials: its posts will fail until they are renewed. */
  needsReconnect: boolean
}

const idOf = (value: unknown): number | null => {
  const id = value && typeof value === 'object' ? (value as { id: unknown }).id : value
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null
}

/**
 * Where a bulletin goes, account by account: on each social network chosen, the main account and those of the
 * bulletin's department and the ones its editor added (active ones only); mailings and WhatsApp, once. The
 * same answer for the editor's «Llegará a» before approval and for the rows written at publication.
 */
export async function accountsReached({
  payload,
  req,
  channels,
  department,
  extraAccounts,
}: {
  payload: Payload
  req?: PayloadRequest
  channels: readonly Channel[]
  department?: unknown
  extraAccounts?: readonly unknown[] | null
}): Promise<ReachedAccount[]> {
  const config = (payload.config.custom as { pregon: Readonly<Config> }).pregon
  const departmentId = idOf(department)
  const departmentRow = departmentId === null ? null : await payload.findByID({ collection: 'departments', id: departmentId, depth: 0, disableErrors: true, ...(req ? { req } : {}) })
  const chosenIds = [...(departmentRow?.socialAccounts ?? []), ...(extraAccounts ?? [])].map(idOf).filter((id): id is number => id !== null)
  const { docs } = await payload.find({
    collection: 'social-accounts',
    where: { or: [{ source: { equals: 'environment' } }, ...(chosenIds.length > 0 ? [{ id: { in: chosenIds } }] : [])] },
    depth: 0,
    limit: 500,
    pagination: false,
    ...(req ? { req } : {}),
  })
  const main = new Map(docs.filter((row) => row.source === 'environment').map((row) => [`${row.channel}/${row.account}`, row]))
  const others = docs.filter((row) => row.source !== 'environment' && row.isActive !== false && chosenIds.includes(row.id))

  return channels.flatMap((channel): ReachedAccount[] => {
    const account = CHANNEL_CATALOGUE[channel].account(config)
    const mainRow: SocialAccount | undefined = main.get(`${channel}/${account}`)
    const first: ReachedAccount = {
      channel,
      account,
      label: isSocialChannel(channel) ? (mainRow?.label ?? `${CHANNEL_LABELS[channel]} · cuenta principal`) : CHANNEL_LABELS[channel],
      isMain: true,
      needsReconnect: mainRow?.needsReconnect ?? false,
    }
    if (!isSocialChannel(channel)) return [first]
    const more = others
      .filter((row) => row.channel === channel)
      .sort((a, b) => a.label.localeCompare(b.label, 'es'))
      .map((row) => ({ channel, account: row.account, label: row.label, isMain: false, needsReconnect: row.needsReconnect ?? false }))
    return [first, ...more]
  })
}
