import type { PayloadRequest } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { CHANNEL_CATALOGUE, distributionJob, isQueuedChannel, type Channel, type QueuedChannel } from '@pregon/core/channels'
import type { PendingJob } from '@pregon/core/queues'
import { ITEM_FIELD, type DistributedCollection } from '@pregon/core/distributedItem'
import { transactionDb } from '../db/transactionDb'
import { accountsReached } from '../socialAccounts/accountsReached'

/** What a row of a channel posted by hand says while it waits for the person who posts it. */
export const MANUAL_WAITING_REASON = 'Se publica a mano: usa «Copiar para WhatsApp», pégalo en el canal del municipio y después «Ya lo publiqué».'

/**
 * Writes a pending distribution row per channel and account this bulletin or program has not gone out on yet
 * (the main account of each network chosen; for a bulletin also its department's and the others its editor
 * added: cms/socialAccounts/accountsReached), inside the caller's transaction, and returns the jobs to enqueue
 * with it. An item goes out once per account (first publication, or the press mailing ahead of an embargo);
 * corrections do not go out again. A channel posted by hand (WhatsApp) gets its row, waiting for a person,
 * and no job.
 */
export async function distribute({
  req,
  collection = 'bulletins',
  item,
  hash,
  channels,
  isUrgent = false,
}: {
  req: PayloadRequest
  collection?: DistributedCollection
  item: { id: number | string; title: string; department?: unknown; extraAccounts?: readonly unknown[] | null }
  hash: string
  channels: readonly Channel[]
  /** An emergency publication: its posts go first in every queue. */
  isUrgent?: boolean
}): Promise<PendingJob[]> {
  const accounts = await accountsReached({ payload: req.payload, req, channels, department: item.department, extraAccounts: item.extraAccounts })
  if (accounts.length === 0) return []
  // One statement for every row (a publication writes one per network and account, inside the approver's
  // action), in the order the accounts were listed: only where this item never went out on that channel and
  // account, whatever the version.
  const db = await transactionDb(req)
  const column = sql.identifier(`${ITEM_FIELD[collection]}_id`)
  const { rows } = (await db.execute(sql`
    INSERT INTO distributions (${column}, channel, account, version_hash, status, is_urgent, summary, waiting_reason)
    SELECT ${Number(item.id)}, (wanted.row->>'channel')::enum_distributions_channel, wanted.row->>'account', ${hash}, 'pending', ${isUrgent},
           wanted.row->>'summary', wanted.row->>'waitingReason'
      FROM jsonb_array_elements(${JSON.stringify(
        accounts.map(({ channel, account, label, isMain }) => ({
          channel,
          account,
          summary: `${isMain ? CHANNEL_CATALOGUE[channel].label : label} · ${item.title.slice(0, 80)}`,
          waitingReason: isQueuedChannel(channel) ? null : MANUAL_WAITING_REASON,
        })),
      )}::jsonb) WITH ORDINALITY AS wanted(row, n)
     WHERE NOT EXISTS (
       SELECT 1 FROM distributions earlier
        WHERE earlier.${column} = ${Number(item.id)} AND earlier.channel::text = wanted.row->>'channel' AND earlier.account = wanted.row->>'account')
     ORDER BY wanted.n
    RETURNING id, channel::text AS channel`)) as { rows: Array<{ id: number; channel: Channel }> }
  return rows.filter((row) => isQueuedChannel(row.channel)).map((row) => distributionJob({ id: row.id, channel: row.channel as QueuedChannel, isUrgent }))
}
