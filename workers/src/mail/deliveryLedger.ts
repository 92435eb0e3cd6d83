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

export interface LedgerWrite {
  /** The outcome of a lane's previous message, to record. */
  done: { id: number; outcome: Outcome } | null
  /** The row whose message is now on the wire, to mark `sending` before its final dot. */
  next: number | null
}

/**
 * Records outcomes and marks rows `sending`, as one statement per batch. A row is marked while its message is
 * composed and its envelope sent, and the message's final dot waits for the mark (see Mailer.send's
 * beforeAcceptance): a row still `pending` was certainly not accepted, and a worker's death leaves at most two
 * rows per lane (the previous, accepted but unrecorded; the current, marked) of unknown outcome.
 *
 * Group commit: while one statement runs, the lanes' requests queue up and go together in the next one, so
 * PostgreSQL sees a statement per round trip, not per message, and nobody waits longer than one statement.
 * Each write resolves with whether its row was marked (false: the contact unsubscribed or bounced meanwhile).
 */
export function createLedgerWriter(pool: Pool): { write(request: LedgerWrite): Promise<boolean> } {
  let queued: Array<{ request: LedgerWrite; resolve: (marked: boolean) => void; reject: (error: unknown) => void }> = []
  let running = false

  async function flush(): Promise<void> {
    running = true
    while (queued.length > 0) {
      const batch = queued
      queued = []
      try {
        const marked = await writeBatch(pool, batch.map((b) => b.request))
        for (const { request, resolve } of batch) resolve(request.next !== null && marked.has(request.next))
      } catch (error) {
        for (const { reject } of batch) reject(error)
      }
    }
    running = false
  }

  return {
    write(request) {
      if (!request.done && request.next === null) return Promise.resolve(false)
      return new Promise<boolean>((resolve, reject) => {
        queued.push({ request, resolve, reject })
        if (!running) void flush()
      })
    },
  }
}

async function writeBatch(pool: Pool, requests: LedgerWrite[]): Promise<Set<number>> {
  const done = requests.flatMap(({ done: d }) =>
    d
      ? [
          {
            id: d.id,
            status: d.outcome.status,
            message_id: d.outcome.status === 'sent' ? d.outcome.messageId : null,
            response_code: d.outcome.responseCode,
            error: d.outcome.status === 'sent' ? null : d.outcome.error.slice(0, 500),
            next_attempt_at: d.outcome.status === 'pending' ? d.outcome.nextAttemptAt.toISOString() : null,
          },
        ]
      : [],
  )
  const next = requests.flatMap((r) => (r.next === null ? [] : [r.next]))
  const { rows } = await pool.query<{ id: number }>(
    `WITH done AS (
       UPDATE deliveries d SET status = v.status::enum_deliveries_status, message_id = v.message_id, response_code = v.response_code,
              error = v.error, next_attempt_at = v.next_attempt_at,
              sent_at = CASE WHEN v.status = 'sent' THEN now() ELSE d.sent_at END,
              attempts = COALESCE(d.attempts, 0) + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(id int, status text, message_id text, response_code int, error text, next_attempt_at timestamptz)
        WHERE d.id = v.id
     ), marked AS (
       UPDATE deliveries d SET status = 'sending', updated_at = now()
         FROM press_contacts c
        WHERE d.id = ANY($2::int[]) AND d.status = 'pending' AND c.id = d.contact_id AND c.status = 'active'
        RETURNING d.id
     )
     SELECT id FROM marked`,
    [JSON.stringify(done), next],
  )
  return new Set(rows.map((row) => row.id))
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
