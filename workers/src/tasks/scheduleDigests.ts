import type { PgBoss } from 'pg-boss'
import { poolOf } from '@pregon/cms/worker'
import { QUEUES } from '@pregon/core/queues'
import { CONFIRMATION_TTL_HOURS, latestDigestPeriod } from '@pregon/core/subscriptions'
import type { TaskContext } from './TaskContext'

/**
 * The minute's work for citizens' subscriptions: writes the digest of each frequency whose period just ended
 * (unique per frequency and period, so two workers or two minutes make one), queues every digest not finished
 * (a worker that died mid-digest is resumed within the minute; a job that finds another worker on it stops at
 * once: sendSubscriberDigest's lock), and forgets unconfirmed requests older than their link.
 */
export async function scheduleDigests(ctx: TaskContext, boss: Pick<PgBoss, 'send'>, now = new Date()): Promise<number[]> {
  const pool = poolOf(ctx.payload)
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  for (const frequency of ['daily', 'weekly'] as const) {
    const { start, end } = latestDigestPeriod({ frequency, now, timeZone })
    await pool.query(
      `INSERT INTO subscriber_digests (frequency, period_start, period_end, status, updated_at, created_at) VALUES ($1, $2, $3, 'pending', now(), now())
       ON CONFLICT (frequency, period_end) DO NOTHING`,
      [frequency, start, end],
    )
  }
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM subscriber_digests WHERE status IN ('pending', 'sending') ORDER BY period_end`)
  for (const { id } of rows) await boss.send(QUEUES.sendSubscriberDigest, { digestId: id })
  const expired = await pool.query(`DELETE FROM subscribers WHERE status = 'pending' AND requested_at < now() - make_interval(hours => $1)`, [CONFIRMATION_TTL_HOURS])
  await pool.query(`UPDATE subscribers SET pending_choice = NULL WHERE pending_choice IS NOT NULL AND requested_at < now() - make_interval(hours => $1)`, [CONFIRMATION_TTL_HOURS])
  if ((expired.rowCount ?? 0) > 0) ctx.log.info({ expired: expired.rowCount }, 'unconfirmed subscription requests forgotten')
  return rows.map((row) => row.id)
}
