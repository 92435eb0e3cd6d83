import { ALERT_COLUMNS, alertFromRow, type OpsAlert } from './opsAlert'

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

/** Open alerts, oldest first (the longest-standing problem leads), and how many there are in all. */
export async function readOpenAlerts(db: Queryable, { limit }: { limit?: number } = {}): Promise<{ alerts: OpsAlert[]; total: number }> {
  const [{ rows }, counted] = await Promise.all([
    db.query(
      `SELECT ${ALERT_COLUMNS} FROM ops_alerts WHERE resolved_at IS NULL ORDER BY first_seen_at, key ${limit === undefined ? '' : 'LIMIT $1'}`,
      limit === undefined ? [] : [limit],
    ),
    db.query('SELECT count(*) AS n FROM ops_alerts WHERE resolved_at IS NULL'),
  ])
  return { alerts: rows.map(alertFromRow), total: Number(counted.rows[0]?.n ?? 0) }
}
