import type { Pool, PoolClient } from 'pg'

/**
 * The per-recipient ledger of a press mailing, in SQL: a mailing is thousands of rows written at a
 * thousand a second, far past what Payload's Local API does per document. Every state change here is one
 * statement; the unique (distribution, contact) index makes a second row per recipient impossible.
 */

export interface QueuedDelivery {
  id: number
  contactId: number
  email: string
  /** Attempts made before this one. */
  attempts: number
}

export type Outcome =
  | { status: 'sent'; messageId: string; responseCode: number | null }
  | { status: 'pending'; error: string; responseCode: number | null; nextAttemptAt: Date }
  | { status: 'bounced' | 'failed' | 'unknown' | 'suppressed'; error: string; responseCode: number | null }

export type DeliveryCounts = Record<'pending' | 'sending' | 'sent' | 'bounced' | 'failed' | 'unknown' | 'suppressed', number>

const LOCK_NAMESPACE = 0x5072 // "Pr": press mailings' advisory locks

/** Session lock: one worker per mailing at a time; PostgreSQL releases it when that worker's connection dies. */
export async function lockMailing(pool: Pool, distributionId: number): Promise<PoolClient | null> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_NAMESPACE, distributionId])
    if (rows[0]?.locked) return client
  } catch (error) {
    client.release()
    throw error
  }
  client.release()
  return null
}

export async function unlockMailing(client: PoolClient, distributionId: number): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, distributionId])
  } finally {
    client.release()
  }
}

/**
 * Writes one pending row per recipient and moves the mailing to `sending`, in one transaction: the audience
 * is fixed when the mailing starts (a contact added later is not mailed by it). Recipients: active press
 * contacts on any of the chosen press lists, or every active press contact when none was chosen.
 */
export async function startMailing({
  pool,
  distributionId,
  listIds,
  detail,
}: {
  pool: Pool
  distributionId: number
  listIds: number[] | null
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
        ORDER BY c.id
       ON CONFLICT (distribution_id, contact_id) DO NOTHING`,
      [distributionId, listIds],
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

/**
 * After a worker died: rows it had handed to SMTP without recording the answer may or may not have arrived.
 * They are flagged for a person, never re-sent (a journalist must not get the bulletin twice).
 */
export async function flagInterrupted(pool: Pool, distributionId: number): Promise<number> {
  const result = await pool.query(
    `UPDATE deliveries SET status = 'unknown', error = $2, updated_at = now() WHERE distribution_id = $1 AND status = 'sending'`,
    [distributionId, 'El envío se interrumpió con el mensaje en camino: no se sabe si llegó y no se reenvía solo. Revísalo.'],
  )
  return result.rowCount ?? 0
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
 * Records the outcome of a lane's previous message and marks its current one `sending` in one statement.
 * The mark is made once the current message is on the wire but before its final dot (see Mailer.send's
 * beforeAcceptance), so a row still `pending` was certainly not accepted, and a worker's death leaves at
 * most two rows per lane (the previous, accepted but unrecorded; the current, marked) of unknown outcome.
 * Returns false when the current row could not be marked (its contact unsubscribed or bounced meanwhile).
 */
export async function recordAndClaim(
  pool: Pool,
  { done, next }: { done: { id: number; outcome: Outcome } | null; next: number | null },
): Promise<boolean> {
  if (!done && next === null) return false
  const o = done?.outcome
  const { rows } = await pool.query<{ id: number }>(
    `WITH done AS (
       UPDATE deliveries SET status = $2::enum_deliveries_status, message_id = $3, response_code = $4, error = $5,
              next_attempt_at = $6, sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END,
              attempts = COALESCE(attempts, 0) + 1, updated_at = now()
        WHERE id = $1
     ), claimed AS (
       UPDATE deliveries d SET status = 'sending', updated_at = now()
         FROM press_contacts c
        WHERE d.id = $7 AND d.status = 'pending' AND c.id = d.contact_id AND c.status = 'active'
        RETURNING d.id
     )
     SELECT id FROM claimed`,
    [
      done?.id ?? null,
      o?.status ?? 'pending',
      o?.status === 'sent' ? o.messageId : null,
      o?.responseCode ?? null,
      o && o.status !== 'sent' ? o.error.slice(0, 500) : null,
      o?.status === 'pending' ? o.nextAttemptAt : null,
      next,
    ],
  )
  return rows.length > 0
}

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
export async function nextRetryAt(pool: Pool, distributionId: number): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>(
    `SELECT min(next_attempt_at) AS at FROM deliveries WHERE distribution_id = $1 AND status = 'pending'`,
    [distributionId],
  )
  return rows[0]?.at ?? null
}

export async function countDeliveries(pool: Pool, distributionId: number): Promise<DeliveryCounts> {
  const { rows } = await pool.query<{ status: keyof DeliveryCounts; n: string }>(
    'SELECT status, count(*) AS n FROM deliveries WHERE distribution_id = $1 GROUP BY status',
    [distributionId],
  )
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, bounced: 0, failed: 0, unknown: 0, suppressed: 0 }
  for (const row of rows) counts[row.status] = Number(row.n)
  return counts
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
