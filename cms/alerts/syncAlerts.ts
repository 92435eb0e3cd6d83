import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { recordAudit } from '../audit/recordAudit'
import { inTransaction } from '../db/inTransaction'
import { ALERT_COLUMNS, alertFromRow, ITEMS_WITH_HISTORY, type AlertCondition, type OpsAlert } from './opsAlert'

export interface AlertChanges {
  /** Conditions seen for the first time, or again after they had been resolved. */
  opened: OpsAlert[]
  /** Open alerts whose condition no longer holds. */
  resolved: OpsAlert[]
}

/** How the record names the sweep (as «Sistema: avisos de operación»). */
const SYSTEM = { system: 'avisos de operación' }

/**
 * Makes ops_alerts match what is true now: opens (or reopens) an alert per condition, refreshes the open
 * ones, resolves those whose condition is gone. An alert about a bulletin or a program is written to that
 * item's record when it opens and when it resolves, in the same transaction as the alert, so the record
 * never misses a step the table took. The caller keeps two sweeps from running at once (checkAlerts' lock).
 */
export async function syncAlerts({ payload, conditions, now = new Date() }: { payload: Payload; conditions: AlertCondition[]; now?: Date }): Promise<AlertChanges> {
  const req = await createLocalReq({}, payload)
  const at = now.toISOString()
  return inTransaction(req, async (db) => {
    const before = (await db.execute(sql.raw(`SELECT ${ALERT_COLUMNS} FROM ops_alerts WHERE resolved_at IS NULL FOR UPDATE`))).rows.map((row) =>
      alertFromRow(row as Record<string, unknown>),
    )
    const openKeys = new Set(before.map((alert) => alert.key))
    const seen = new Map(conditions.map((condition) => [condition.key, condition]))
    const changes: AlertChanges = { opened: [], resolved: [] }

    for (const condition of seen.values()) {
      const item = condition.item ?? null
      // A key that comes back after being resolved is a new alert: it starts over and must be told again.
      const { rows } = await db.execute(sql`
        INSERT INTO ops_alerts (key, kind, message, item_collection, item_id, first_seen_at, last_seen_at)
        VALUES (${condition.key}, ${condition.kind}, ${condition.message}, ${item?.collection ?? null}, ${item?.id ?? null}, ${at}::timestamptz, ${at}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          kind = excluded.kind,
          message = excluded.message,
          item_collection = excluded.item_collection,
          item_id = excluded.item_id,
          last_seen_at = excluded.last_seen_at,
          first_seen_at = CASE WHEN ops_alerts.resolved_at IS NULL THEN ops_alerts.first_seen_at ELSE excluded.first_seen_at END,
          notified_at = CASE WHEN ops_alerts.resolved_at IS NULL THEN ops_alerts.notified_at ELSE NULL END,
          resolved_at = NULL
        RETURNING ${sql.raw(ALERT_COLUMNS)}`)
      if (!openKeys.has(condition.key)) {
        const alert = alertFromRow(rows[0] as Record<string, unknown>)
        changes.opened.push(alert)
        await recordHistory(req, { alert, item, now, isResolved: false })
      }
    }

    for (const alert of before) {
      if (seen.has(alert.key)) continue
      const { rows } = await db.execute(sql`UPDATE ops_alerts SET resolved_at = ${at}::timestamptz WHERE key = ${alert.key} RETURNING ${sql.raw(ALERT_COLUMNS)}`)
      const resolved = alertFromRow(rows[0] as Record<string, unknown>)
      changes.resolved.push(resolved)
      await recordHistory(req, { alert: resolved, item: null, now, isResolved: true })
    }
    return changes
  })
}

async function recordHistory(
  req: PayloadRequest,
  { alert, item, now, isResolved }: { alert: OpsAlert; item: AlertCondition['item']; now: Date; isResolved: boolean },
): Promise<void> {
  if (!alert.itemCollection || alert.itemId === null || !ITEMS_WITH_HISTORY.has(alert.itemCollection)) return
  await recordAudit({
    req,
    actor: SYSTEM,
    at: now,
    entry: {
      summary: `${isResolved ? 'Aviso resuelto' : 'Aviso'}: ${alert.message}`,
      action: isResolved ? 'alert-resolved' : 'alert-opened',
      itemCollection: alert.itemCollection,
      itemId: String(alert.itemId),
      itemTitle: item?.title ?? (await titleOf(req, alert.itemCollection, alert.itemId)),
    },
  })
}

/** The item's title for the record, read in the transaction (a deleted item has none). */
async function titleOf(req: PayloadRequest, collection: string, id: number): Promise<string | null> {
  const { docs } = await req.payload.find({
    collection: collection as 'bulletins' | 'programs',
    where: { id: { equals: id } },
    draft: true,
    depth: 0,
    limit: 1,
    req,
  })
  return (docs[0] as { title?: string } | undefined)?.title ?? null
}
