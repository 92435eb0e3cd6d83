import { poolOf, syncAlerts } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'
import { findDistributionAlerts } from './findDistributionAlerts'
import { findOpsAlerts } from './findOpsAlerts'
import { sendAlertDigest } from './sendAlertDigest'

export interface AlertSweepReport {
  /** Keys of the alerts opened (or reopened) by this run. */
  opened: string[]
  /** Keys of the alerts this run found resolved. */
  resolved: string[]
  digestSent: boolean
}

/** How long timing samples, sent digests and resolved alerts are kept (the metrics' histograms cover this window). */
export const OPS_RETENTION_DAYS = 90

/** One sweep at a time across every worker process (session lock: a dead worker's lock goes with its connection). */
const LOCK_NAME = 'pregon:ops-alerts'

/**
 * The alert sweep (queue `ops-alerts`, each minute and at worker start): finds every condition that needs a
 * person from the current state, opens and resolves alerts to match (with the items' records), then tells
 * the admins in one digest when something new is open. A second worker arriving meanwhile skips its run:
 * the first one's result is the same.
 */
export async function checkAlerts(ctx: TaskContext, now = new Date()): Promise<AlertSweepReport> {
  const client = await poolOf(ctx.payload).connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [LOCK_NAME])
    if (!rows[0]?.locked) {
      ctx.log.info('alert sweep skipped: another worker is running it')
      return { opened: [], resolved: [], digestSent: false }
    }
    try {
      // All conditions are found before anything changes: a finder that fails resolves nothing by mistake.
      const conditions = [...(await findDistributionAlerts(ctx, now)), ...(await findOpsAlerts(ctx, now))]
      const changes = await syncAlerts({ payload: ctx.payload, conditions, now })
      const opened = changes.opened.map((alert) => alert.key)
      const resolved = changes.resolved.map((alert) => alert.key)
      if (opened.length > 0 || resolved.length > 0) ctx.log.info({ opened, resolved, open: conditions.length }, 'alerts changed')
      const digestSent = await sendAlertDigest(ctx, { db: client, now })
      await forgetOldOpsRows(client, now)
      return { opened, resolved, digestSent }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_NAME])
    }
  } finally {
    client.release()
  }
}

/** The operations tables stay small over years: what is older than the retention window goes. */
async function forgetOldOpsRows(db: { query(text: string, params: unknown[]): Promise<unknown> }, now: Date): Promise<void> {
  const before = new Date(now.getTime() - OPS_RETENTION_DAYS * 24 * 60 * 60 * 1000)
  await db.query('DELETE FROM ops_measurements WHERE at < $1', [before])
  await db.query('DELETE FROM ops_digests WHERE sent_at < $1', [before])
  await db.query('DELETE FROM ops_alerts WHERE resolved_at < $1', [before])
}
