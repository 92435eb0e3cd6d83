import type { Pool } from 'pg'
import type { LedgerScope, QueuedDelivery } from './deliveryLedger'

/**
 * The citizens' ledger (subscriber_deliveries), in SQL like the press one: one row per subscriber per
 * mailing, unique, written when the mailing starts; the audience is whoever matched then.
 *
 * Matching (core/subscriptions' matchesSubscription, here for a whole table at once): a program reaches those
 * who want programs; a bulletin those who want bulletins, of one of their departments (its own or another it
 * names) and of one of their kinds — an empty list of departments or kinds meaning all.
 */
const SUBSCRIBER_TOPICS = `s.id, s.email, s.include_bulletins, s.include_programs, s.emergencies,
  ARRAY(SELECT r.departments_id FROM subscribers_rels r WHERE r.parent_id = s.id AND r.path = 'departments') AS deps,
  ARRAY(SELECT k.value::text FROM subscribers_kinds k WHERE k.parent_id = s.id) AS kinds`

const MATCHES = `(CASE WHEN i.collection = 'programs' THEN s.include_programs
  ELSE s.include_bulletins
   AND (cardinality(s.deps) = 0 OR s.deps && array_prepend(i.department_id, i.other_departments))
   AND (cardinality(s.kinds) = 0 OR i.kind = ANY(s.kinds)) END)`

/** Published items as matching reads them; `$where` narrows bulletins (b) and programs (p) alike. */
const itemsOf = (bulletinWhere: string, programWhere: string) => `
  SELECT 'b' || b.id AS key, 'bulletins' AS collection, b.id, b.published_at, b.department_id, b.kind::text AS kind,
         ARRAY(SELECT r.departments_id FROM bulletins_rels r WHERE r.parent_id = b.id AND r.path = 'otherDepartments') AS other_departments
    FROM bulletins b WHERE ${bulletinWhere}
  UNION ALL
  SELECT 'p' || p.id, 'programs', p.id, p.published_at, NULL::int, NULL::text, '{}'::int[]
    FROM programs p WHERE ${programWhere}`

/** Whether this subscriber already got the item from an earlier mailing (an emergency's, say). */
const ALREADY_GOT = `EXISTS (SELECT 1 FROM subscriber_deliveries got JOIN distributions d ON d.id = got.distribution_id
   WHERE got.subscriber_id = s.id AND got.status IN ('sent', 'unknown')
     AND (CASE WHEN i.collection = 'programs' THEN d.program_id ELSE d.bulletin_id END) = i.id)`

async function startIn<T>(pool: Pool, lock: { table: 'distributions' | 'subscriber_digests'; id: number }, work: (query: Pool['query']) => Promise<T>): Promise<T | null> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<{ status: string }>(`SELECT status FROM ${lock.table} WHERE id = $1 FOR UPDATE`, [lock.id])
    if (rows[0]?.status !== 'pending') {
      await client.query('ROLLBACK')
      return null
    }
    const result = await work(client.query.bind(client) as Pool['query'])
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * An item's mailing to citizens: those who asked to be told at once and match it, and, for an emergency,
 * everyone who accepts emergency alerts whatever their frequency. Moves the distribution to `sending`.
 */
export async function startSubscriberMailing(
  pool: Pool,
  { distributionId, item, isEmergency, detail }: { distributionId: number; item: { collection: 'bulletins' | 'programs'; id: number }; isEmergency: boolean; detail: Record<string, unknown> },
): Promise<number | null> {
  return startIn(pool, { table: 'distributions', id: distributionId }, async (query) => {
    const inserted = await query(
      `INSERT INTO subscriber_deliveries (distribution_id, subscriber_id, email, status, attempts, updated_at, created_at)
       SELECT $1, s.id, s.email, 'pending', 0, now(), now()
         FROM (SELECT ${SUBSCRIBER_TOPICS}, s.frequency FROM subscribers s WHERE s.status = 'active') s,
              (${itemsOf('b.id = $2 AND $3', 'p.id = $2 AND NOT $3')}) i
        WHERE (s.frequency = 'immediate' AND ${MATCHES}) OR ($4 AND s.emergencies)
        ORDER BY s.id
       ON CONFLICT (distribution_id, subscriber_id) DO NOTHING`,
      [distributionId, item.id, item.collection === 'bulletins', isEmergency],
    )
    await query(`UPDATE distributions SET status = 'sending', attempts = COALESCE(attempts, 0) + 1, detail = $2::jsonb, error = NULL, updated_at = now() WHERE id = $1`, [
      distributionId,
      JSON.stringify(detail),
    ])
    return inserted.rowCount ?? 0
  })
}

/** The items first published in a digest's period, newest first: what any of its messages can list. */
export async function digestItems(pool: Pool, { start, end }: { start: Date; end: Date }): Promise<Array<{ key: string; collection: 'bulletins' | 'programs'; id: number }>> {
  const live = (alias: string) => `${alias}._status = 'published' AND ${alias}.workflow_state = 'published' AND ${alias}.published_at >= $1 AND ${alias}.published_at < $2`
  const { rows } = await pool.query<{ key: string; collection: 'bulletins' | 'programs'; id: number }>(
    `SELECT key, collection, id FROM (${itemsOf(live('b'), live('p'))}) i ORDER BY published_at DESC, key`,
    [start, end],
  )
  return rows
}

/**
 * A digest's audience: each subscriber of that frequency, confirmed before the period ended, with the
 * period's items that match them and they did not already get (`content_key`: those items' keys, newest
 * first — subscribers with the same items share one composed message). Nobody with nothing to read gets a
 * row. Moves the digest to `sending`; returns the distinct content keys, or null when it had started already.
 */
export async function startDigest(
  pool: Pool,
  { digestId, frequency, start, end, itemKeys, detail }: { digestId: number; frequency: 'daily' | 'weekly'; start: Date; end: Date; itemKeys: string[]; detail: Record<string, unknown> },
): Promise<number | null> {
  return startIn(pool, { table: 'subscriber_digests', id: digestId }, async (query) => {
    const live = (alias: string) => `${alias}._status = 'published' AND ${alias}.workflow_state = 'published' AND ${alias}.published_at >= $3 AND ${alias}.published_at < $4`
    const inserted = await query(
      `INSERT INTO subscriber_deliveries (digest_id, subscriber_id, email, content_key, status, attempts, updated_at, created_at)
       SELECT $1, s.id, s.email, string_agg(i.key, ',' ORDER BY array_position($5::text[], i.key)), 'pending', 0, now(), now()
         FROM (SELECT ${SUBSCRIBER_TOPICS} FROM subscribers s WHERE s.status = 'active' AND s.frequency = $2::enum_subscribers_frequency AND s.confirmed_at < $4) s
         JOIN (${itemsOf(live('b'), live('p'))}) i ON ${MATCHES} AND i.key = ANY($5::text[]) AND NOT ${ALREADY_GOT}
        GROUP BY s.id, s.email
        ORDER BY s.id
       ON CONFLICT (digest_id, subscriber_id) DO NOTHING`,
      [digestId, frequency, start, end, itemKeys],
    )
    await query(`UPDATE subscriber_digests SET status = 'sending', detail = $2::jsonb, error = NULL, updated_at = now() WHERE id = $1`, [digestId, JSON.stringify(detail)])
    return inserted.rowCount ?? 0
  })
}

/** The distinct contents a digest's recipients get, to compose each once. */
export async function digestContentKeys(pool: Pool, digestId: number): Promise<string[]> {
  const { rows } = await pool.query<{ content_key: string }>(`SELECT DISTINCT content_key FROM subscriber_deliveries WHERE digest_id = $1 AND content_key IS NOT NULL`, [digestId])
  return rows.map((row) => row.content_key)
}

export async function nextPendingSubscribers(pool: Pool, scope: LedgerScope, { afterId, limit }: { afterId: number; limit: number }): Promise<QueuedDelivery[]> {
  const { rows } = await pool.query<{ id: number; subscriber_id: number; email: string; attempts: string | null; content_key: string | null }>(
    `SELECT d.id, d.subscriber_id, d.email, d.attempts, d.content_key FROM subscriber_deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.${scope.column} = $1 AND d.status = 'pending' AND d.id > $2 AND s.status = 'active'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
      ORDER BY d.id LIMIT $3`,
    [scope.id, afterId, limit],
  )
  return rows.map((row) => ({ id: row.id, contactId: row.subscriber_id, email: row.email, attempts: Number(row.attempts ?? 0), ...(row.content_key ? { contentKey: row.content_key } : {}) }))
}

export async function markSubscriberBounced(pool: Pool, { subscriberId, reason }: { subscriberId: number; reason: string }): Promise<void> {
  await pool.query(`UPDATE subscribers SET status = 'bounced', bounce_at = now(), bounce_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active'`, [subscriberId, reason.slice(0, 500)])
}

/** Subscribers who left (unsubscribed, bounced, erased) before their turn. */
export async function suppressInactiveSubscribers(pool: Pool, scope: LedgerScope): Promise<number> {
  const result = await pool.query(
    `UPDATE subscriber_deliveries d SET status = 'suppressed', error = 'La persona se dio de baja, rebotó o borró sus datos antes de su turno.', updated_at = now()
      WHERE d.${scope.column} = $1 AND d.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = d.subscriber_id AND s.status = 'active')`,
    [scope.id],
  )
  return result.rowCount ?? 0
}
