import type { DeliveryCounts, LedgerScope, LedgerTable } from '@pregon/core/deliveries'

export type { LedgerScope, LedgerTable }
import type { Pool, PoolClient } from 'pg'
import { ITEM_FIELD, type DistributedCollection } from '@pregon/core/distributedItem'

/**
 * The per-recipient ledger of a press mailing, in SQL: a mailing is thousands of rows written at a
 * thousand a second, far past what Payload's Local API does per document. Every state change here is one
 * statement; the unique (distribution, contact) index makes a second row per recipient impossible.
 */

export interface QueuedDelivery {
  id: number
  /** The press contact's id, or the subscriber's in a citizens' mailing. */
  contactId: number
  email: string
  /** Attempts made before this one. */
  attempts: number
  /** A digest's: which of its composed messages this recipient gets. */
  contentKey?: string
}


export type Outcome =
  | { status: 'sent'; messageId: string; responseCode: number | null }
  | { status: 'pending'; error: string; responseCode: number | null; nextAttemptAt: Date }
  | { status: 'bounced' | 'failed' | 'unknown' | 'suppressed'; error: string; responseCode: number | null }


const LOCK_NAMESPACE = 0x5072 // "Pr": mailings' advisory locks (by distribution id)
/** Digests' advisory locks ("Sd"), by digest id: another table's ids. */
export const DIGEST_LOCK_NAMESPACE = 0x5364

/** Session lock: one worker per mailing at a time; PostgreSQL releases it when that worker's connection dies. */
export async function lockMailing(pool: Pool, distributionId: number, namespace = LOCK_NAMESPACE): Promise<PoolClient | null> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [namespace, distributionId])
    if (rows[0]?.locked) return client
  } catch (error) {
    client.release()
    throw error
  }
  client.release()
  return null
}

export async function unlockMailing(client: PoolClient, distributionId: number, namespace = LOCK_NAMESPACE): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [namespace, distributionId])
  } finally {
    client.release()
  }
}

/**
 * Writes one pending row per recipient and moves the mailing to `sending`, in one transaction: the audience
 * is fixed when the mailing starts (a contact added later is not mailed by it). Recipients: active press
 * contacts on any of the chosen press lists, or every active press contact when none was chosen; for a
 * correction (`received`), the active contacts an earlier mailing of that bulletin or program reached.
 */
export async function startMailing({
  pool,
  distributionId,
  listIds,
  received = null,
  detail,
}: {
  pool: Pool
  distributionId: number
  listIds: number[] | null
  received?: { collection: DistributedCollection; id: number } | null
  detail: Record<string, unknown>
}): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<{ status: string }>('SELECT status FROM distributions WHERE id = $1 FOR UPDATE', [distributionId])
    if (rows[0]?.status !== 'pending') {
      await client.query('ROLLBACK')
      return 0
    }
    const inserted = await client.query(
      `INSERT INTO deliveries (distribution_id, contact_id, email, status, attempts, updated_at, created_at)
       SELECT $1, c.id, c.email, 'pending', 0, now(), now()
         FROM press_contacts c
        WHERE c.status = 'active'
          AND ($2::int[] IS NULL OR EXISTS (
                SELECT 1 FROM press_contacts_rels r JOIN mailing_lists l ON l.id = r.mailing_lists_id
                 WHERE r.parent_id = c.id AND r.path = 'lists' AND l.audience = 'press' AND r.mailing_lists_id = ANY($2::int[])))
          AND ($3::int IS NULL OR EXISTS (
                SELECT 1 FROM deliveries d JOIN distributions x ON x.id = d.distribution_id
                 WHERE d.contact_id = c.id AND d.status = 'sent' AND x.${ITEM_FIELD[received?.collection ?? 'bulletins']}_id = $3 AND x.channel = 'press-mailing' AND x.id <> $1))
        ORDER BY c.id
       ON CONFLICT (distribution_id, contact_id) DO NOTHING`,
      // The column comes from a closed list (ITEM_FIELD), never from input.
      [distributionId, listIds, received?.id ?? null],
    )
    await client.query(
      `UPDATE distributions SET status = 'sending', attempts = COALESCE(attempts, 0) + 1, detail = $2::jsonb, error = NULL, updated_at = now() WHERE id = $1`,
      [distributionId, JSON.stringify(detail)],
    )
    await client.query('COMMIT')
    return inserted.rowCount ?? 0
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** The next page of recipients whose turn has come, in id order after `afterId`. */
export async function nextPending(pool: Pool, { distributionId, afterId, limit }: { distributionId: number; afterId: number; limit: number }): Promise<QueuedDelivery[]> {
  const { rows } = await pool.query<{ id: number; contact_id: number; email: string; attempts: string | null }>(
    `SELECT d.id, d.contact_id, d.email, d.attempts FROM deliveries d JOIN press_contacts c ON c.id = d.contact_id
      WHERE d.distribution_id = $1 AND d.status = 'pending' AND d.id > $2 AND c.status = 'active'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
      ORDER BY d.id LIMIT $3`,
    [distributionId, afterId, limit],
  )
  return rows.map((row) => ({ id: row.id, contactId: row.contact_id, email: row.email, attempts: Number(row.attempts ?? 0) }))
}

/**
 * Records delivery outcomes without holding up the lanes: outcomes queue and go together in one statement
 * (group commit), so PostgreSQL sees a statement per `gatherUpTo` messages, not per message: each statement
 * is a commit, and on a machine PostgreSQL shares with the sender its CPU is the sender's. A batch goes as
 * soon as `gatherUpTo` outcomes wait, when a lane waits in `settle`, or `FLUSH_AFTER_MS` after the first
 * one, whichever comes first. `outstanding` is how many accepted messages are not recorded yet: the lanes
 * keep it under a limit, which bounds what a worker's death can leave unknown.
 */
export function createLedgerRecorder(pool: Pool, table: LedgerTable = 'deliveries', { gatherUpTo = 1 }: { gatherUpTo?: number } = {}) {
  let queued: Array<{ id: number; outcome: Outcome }> = []
  let running: Promise<void> | null = null
  let timer: NodeJS.Timeout | null = null
  let failure: unknown = null
  let outstanding = 0
  const waiters: Array<() => void> = []
  const isDue = () => queued.length >= gatherUpTo || waiters.length > 0

  function kick(): void {
    if (timer) clearTimeout(timer)
    timer = null
    running ??= flush()
  }

  async function flush(): Promise<void> {
    while (queued.length > 0) {
      const batch = queued
      queued = []
      try {
        await recordBatch(pool, table, batch)
      } catch (error) {
        failure ??= error
      }
      outstanding -= batch.length
      for (const wake of waiters.splice(0)) wake()
      if (!isDue()) break
    }
    running = null
    if (queued.length > 0) timer ??= setTimeout(kick, FLUSH_AFTER_MS)
  }

  return {
    get outstanding() {
      return outstanding
    },
    record(id: number, outcome: Outcome): void {
      if (failure) throw failure
      queued.push({ id, outcome })
      outstanding++
      if (running) return
      if (isDue()) kick()
      else timer ??= setTimeout(kick, FLUSH_AFTER_MS)
    },
    /** Resolves when fewer than `limit` outcomes wait to be written (all of them with limit 1). */
    async settle(limit = 1): Promise<void> {
      while (outstanding >= limit && !failure) {
        const woken = new Promise<void>((wake) => waiters.push(wake))
        if (!running) kick()
        await woken
      }
      if (failure) throw failure
    },
  }
}

/** The longest an outcome waits for others to share its statement. */
const FLUSH_AFTER_MS = 10

async function recordBatch(pool: Pool, table: LedgerTable, batch: Array<{ id: number; outcome: Outcome }>): Promise<void> {
  const rows = batch.map(({ id, outcome: o }) => ({
    id,
    status: o.status,
    message_id: o.status === 'sent' ? o.messageId : null,
    response_code: o.responseCode,
    error: o.status === 'sent' ? null : o.error.slice(0, 500),
    next_attempt_at: o.status === 'pending' ? o.nextAttemptAt.toISOString() : null,
  }))
  // Named: PostgreSQL parses and plans it once per connection, not once per batch. The id list lets it
  // reach the rows through the primary key: it cannot tell how many rows the JSON holds, and would otherwise
  // plan a hash join over every delivery ever recorded, once per batch.
  await pool.query({
    name: `pregon-ledger-record-${table}`,
    text: `UPDATE ${table} d SET status = v.status::enum_${table}_status, message_id = v.message_id, response_code = v.response_code,
                  error = v.error, next_attempt_at = v.next_attempt_at,
                  sent_at = CASE WHEN v.status = 'sent' THEN now() ELSE d.sent_at END,
                  attempts = COALESCE(d.attempts, 0) + 1, updated_at = now()
             FROM jsonb_to_recordset($1::jsonb) AS v(id int, status text, message_id text, response_code int, error text, next_attempt_at timestamptz)
            WHERE d.id = v.id AND d.id = ANY($2::int[])`,
    values: [JSON.stringify(rows), batch.map(({ id }) => id)],
  })
}

/**
 * After a worker died: the attempts its journal says were released to the server but whose outcome the
 * ledger never got may or may not have arrived. They are flagged for a person, never re-sent.
 */
export async function flagReleased(
  pool: Pool,
  { distributionId, released, scope = { table: 'deliveries', column: 'distribution_id', id: distributionId } }: { distributionId: number; released: Map<number, number>; scope?: LedgerScope },
): Promise<number> {
  if (released.size === 0) return 0
  const result = await pool.query(
    `UPDATE ${scope.table} d SET status = 'unknown', error = $4, updated_at = now()
       FROM unnest($2::int[], $3::int[]) AS j(id, attempt)
      WHERE d.id = j.id AND d.${scope.column} = $1 AND d.status = 'pending' AND COALESCE(d.attempts, 0) < j.attempt`,
    [scope.id, [...released.keys()], [...released.values()], UNKNOWN_NOTE],
  )
  return result.rowCount ?? 0
}

const UNKNOWN_NOTE = 'El envío se interrumpió con el mensaje ya entregado al servidor y sin su respuesta: no se sabe si llegó y no se reenvía solo. Revísalo.'

/** A permanent refusal of the address: the contact is never mailed again until someone checks it. */
export async function markContactBounced(pool: Pool, { contactId, reason }: { contactId: number; reason: string }): Promise<void> {
  await pool.query(
    `UPDATE press_contacts SET status = 'bounced', bounce_at = now(), bounce_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active'`,
    [contactId, reason.slice(0, 500)],
  )
}

/** Recipients who unsubscribed, bounced or were deleted before their turn. */
export async function suppressInactive(pool: Pool, distributionId: number): Promise<number> {
  const result = await pool.query(
    `UPDATE deliveries d SET status = 'suppressed', error = 'El contacto se dio de baja, rebotó o se borró antes de su turno.', updated_at = now()
      WHERE d.distribution_id = $1 AND d.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM press_contacts c WHERE c.id = d.contact_id AND c.status = 'active')`,
    [distributionId],
  )
  return result.rowCount ?? 0
}

/** When the earliest postponed retry is due, or null when nothing waits. */
export async function nextRetryAt(pool: Pool, distributionId: number, scope: LedgerScope = { table: 'deliveries', column: 'distribution_id', id: distributionId }): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>(
    `SELECT min(next_attempt_at) AS at FROM ${scope.table} WHERE ${scope.column} = $1 AND status = 'pending'`,
    [scope.id],
  )
  return rows[0]?.at ?? null
}

export async function distributionStatus(pool: Pool, distributionId: number): Promise<string | null> {
  const { rows } = await pool.query<{ status: string }>('SELECT status FROM distributions WHERE id = $1', [distributionId])
  return rows[0]?.status ?? null
}

export async function finishMailing(
  pool: Pool,
  { distributionId, status, error, counts }: { distributionId: number; status: 'sent' | 'failed'; error: string | null; counts: DeliveryCounts },
): Promise<void> {
  await pool.query(
    `UPDATE distributions SET status = $2, error = $3, completed_at = now(), detail = COALESCE(detail, '{}'::jsonb) || jsonb_build_object('counts', $4::jsonb), updated_at = now()
      WHERE id = $1 AND status = 'sending'`,
    [distributionId, status, error, JSON.stringify(counts)],
  )
}
