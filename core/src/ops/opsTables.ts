/**
 * The operations tables (migration 20261201_041500_ops_status): heartbeats, measurements. Plain SQL on
 * whatever pool the caller holds (Payload's `payload.db.pool`, a pg.Pool, a pg.Client): these writes must
 * not go through Payload's hooks, and the launcher and tools have no Payload.
 */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

/** Services that beat: one row per (service, instance). */
/** 'demo-seed': a mark written when the demo seed finished (one row, never updated). */
/** 'bounce-mailbox': the last read of the bounce mailbox (ok, counts, or the Spanish error). */
export type HeartbeatService = 'worker' | 'scheduler' | 'backup' | 'portal-build' | 'demo-seed' | 'bounce-mailbox'

export interface Heartbeat {
  service: HeartbeatService
  instance: string
  beatAt: Date
  detail: Record<string, unknown>
}

export async function beat(db: Queryable, service: HeartbeatService, instance: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.query(
    `INSERT INTO ops_heartbeats (service, instance, beat_at, detail) VALUES ($1, $2, now(), $3::jsonb)
     ON CONFLICT (service, instance) DO UPDATE SET beat_at = excluded.beat_at, detail = excluded.detail`,
    [service, instance, JSON.stringify(detail)],
  )
}

export async function readHeartbeats(db: Queryable, service?: HeartbeatService): Promise<Heartbeat[]> {
  const { rows } = await db.query(
    `SELECT service, instance, beat_at, detail FROM ops_heartbeats ${service ? 'WHERE service = $1' : ''} ORDER BY service, instance`,
    service ? [service] : [],
  )
  return rows.map((row) => ({
    service: row.service as HeartbeatService,
    instance: String(row.instance),
    beatAt: new Date(row.beat_at as string),
    detail: (row.detail ?? {}) as Record<string, unknown>,
  }))
}

/** Timing samples behind the metrics' histograms. */
export type MeasurementKind = 'publish-to-live' | 'portal-build'

export async function recordMeasurement(db: Queryable, kind: MeasurementKind, seconds: number): Promise<void> {
  await db.query('INSERT INTO ops_measurements (kind, seconds) VALUES ($1, $2)', [kind, seconds])
}
