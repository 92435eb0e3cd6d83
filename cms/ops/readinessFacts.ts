import fs from 'node:fs/promises'
import path from 'node:path'
import type { Queryable } from '@pregon/core/ops/opsTables'
import { readServiceStatus, type LauncherStatus } from '@pregon/core/ops/serviceStatus'
import { withinTime } from './withinTime'
import { isProcessAlive } from './isProcessAlive'

/**
 * What readiness is decided from, read as it is: from PostgreSQL (ages computed by the database's own clock,
 * so a skewed machine clock does not fake a stale worker), the portal folder and the launcher's status file.
 * A value is null when it could not be read (the database is down, a table is missing).
 */
export interface HeartbeatFact {
  service: string
  instance: string
  ageSeconds: number
  detail: Record<string, unknown>
}

export interface QueueFact {
  queue: string
  /** Jobs due now and not yet taken (created or waiting for a retry). */
  ready: number
  /** Jobs waiting for a later time (scheduled publications, rate limits). */
  deferred: number
  active: number
  failed: number
  /** How long the oldest due job has waited; 0 when none waits. */
  lagSeconds: number
}

export interface AttentionCounts {
  /** «Sin confirmar»: may or may not have gone out; a person checks the account, then retries or marks it. */
  distributionsUnconfirmed: number
  /** «Falló»: did not go out; the error says what to change before retrying. */
  distributionsFailed: number
  /** «En pausa»: someone paused a press mailing; it resumes from the admin. */
  distributionsPaused: number
  /** Press-mailing messages «Sin confirmar» (the worker died between sending and recording). */
  deliveriesUnconfirmed: number
  /** Social accounts marked «Reconectar»: the network refused the credentials. */
  accountsToReconnect: number
}

export interface ReadinessFacts {
  database: { isReachable: boolean; latencyMs: number | null; error: string | null }
  appliedMigrations: string[] | null
  heartbeats: HeartbeatFact[] | null
  scheduler: { lastRunAt: string | null; ageSeconds: number | null } | null
  queues: QueueFact[] | null
  attention: AttentionCounts | null
  portal: { isBuilt: boolean; buildAgeSeconds: number | null }
  /** null when no launcher runs on this machine (or its status file is left from one that died). */
  launcher: LauncherStatus | null
}

export interface GatherOptions {
  db: Queryable
  dataDir: string
  portalDir: string
  /** Per query; the whole check takes about twice this at most. */
  timeoutMs?: number
}

export async function gatherReadinessFacts({ db, dataDir, portalDir, timeoutMs = 2_000 }: GatherOptions): Promise<ReadinessFacts> {
  const [launcher, portal] = await Promise.all([liveLauncherStatus(dataDir), portalBuild(portalDir)])
  const started = performance.now()
  try {
    await withinTime(db.query('SELECT 1'), timeoutMs, 'PostgreSQL')
  } catch (error) {
    const database = { isReachable: false, latencyMs: null, error: errorCode(error) }
    return { database, appliedMigrations: null, heartbeats: null, scheduler: null, queues: null, attention: null, portal, launcher }
  }
  const latencyMs = Math.round(performance.now() - started)
  const read = <T>(what: string, work: () => Promise<T>): Promise<T | null> => withinTime(work(), timeoutMs, what).catch(() => null)
  const [appliedMigrations, heartbeats, scheduler, queues, attention] = await Promise.all([
    read('migrations', async () => (await db.query('SELECT name FROM payload_migrations ORDER BY id')).rows.map((row) => String(row.name))),
    read('heartbeats', () => readHeartbeatAges(db)),
    read('scheduler', () => readScheduler(db)),
    read('queues', () => readQueues(db)),
    read('attention', () => readAttention(db)),
  ])
  return { database: { isReachable: true, latencyMs, error: null }, appliedMigrations, heartbeats, scheduler, queues, attention, portal, launcher }
}

async function readHeartbeatAges(db: Queryable): Promise<HeartbeatFact[]> {
  const { rows } = await db.query(
    `SELECT service, instance, detail, extract(epoch FROM now() - beat_at)::float8 AS age FROM ops_heartbeats ORDER BY service, instance`,
  )
  return rows.map((row) => ({
    service: String(row.service),
    instance: String(row.instance),
    ageSeconds: Math.max(0, Number(row.age)),
    detail: (row.detail ?? {}) as Record<string, unknown>,
  }))
}

async function readScheduler(db: Queryable): Promise<ReadinessFacts['scheduler']> {
  const { rows } = await db.query(
    `SELECT last_run_at, extract(epoch FROM now() - last_run_at)::float8 AS age FROM scheduler_status ORDER BY id LIMIT 1`,
  )
  const row = rows[0]
  if (!row || row.last_run_at === null) return { lastRunAt: null, ageSeconds: null }
  return { lastRunAt: new Date(row.last_run_at as string).toISOString(), ageSeconds: Math.max(0, Number(row.age)) }
}

/** Every queue pg-boss knows (schema `pgboss`), with its waiting jobs; finished jobs are not scanned. */
export async function readQueues(db: Queryable): Promise<QueueFact[]> {
  const { rows } = await db.query(`
    SELECT q.name,
      count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()) AS ready,
      count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after > now()) AS deferred,
      count(j.id) FILTER (WHERE j.state = 'active') AS active,
      count(j.id) FILTER (WHERE j.state = 'failed') AS failed,
      coalesce(extract(epoch FROM now() - min(greatest(j.created_on, j.start_after))
        FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())), 0)::float8 AS lag
    FROM pgboss.queue q
    LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active', 'failed')
    -- pg-boss's own queues (its cron's __pgboss__send-it): the scheduler's last run tells whether cron works.
    WHERE q.name NOT LIKE '\\_\\_pgboss%'
    GROUP BY q.name ORDER BY q.name`)
  return rows.map((row) => ({
    queue: String(row.name),
    ready: Number(row.ready),
    deferred: Number(row.deferred),
    active: Number(row.active),
    failed: Number(row.failed),
    lagSeconds: Math.max(0, Math.round(Number(row.lag) * 1000) / 1000),
  }))
}

export async function readAttention(db: Queryable): Promise<AttentionCounts> {
  const { rows } = await db.query(`
    SELECT
      (SELECT count(*) FROM distributions WHERE status = 'unknown') AS unconfirmed,
      (SELECT count(*) FROM distributions WHERE status = 'failed') AS failed,
      (SELECT count(*) FROM distributions WHERE status = 'paused') AS paused,
      (SELECT count(*) FROM deliveries WHERE status = 'unknown') AS deliveries_unconfirmed,
      (SELECT count(*) FROM social_accounts WHERE needs_reconnect) AS reconnect`)
  const row = rows[0] ?? {}
  return {
    distributionsUnconfirmed: Number(row.unconfirmed ?? 0),
    distributionsFailed: Number(row.failed ?? 0),
    distributionsPaused: Number(row.paused ?? 0),
    deliveriesUnconfirmed: Number(row.deliveries_unconfirmed ?? 0),
    accountsToReconnect: Number(row.reconnect ?? 0),
  }
}

/**
 * The live build is `current` (a symlink publishPortal switches); it was last changed when the newest of its
 * markers was written: the content it shows (every publication), its generation (in-place updates), its
 * template stamp (full builds) or, lacking those, its home page.
 */
export async function portalBuild(portalDir: string): Promise<ReadinessFacts['portal']> {
  const current = path.join(portalDir, 'current')
  const isBuilt = await fs.stat(path.join(current, 'index.html')).then((stat) => stat.isFile(), () => false)
  if (!isBuilt) return { isBuilt, buildAgeSeconds: null }
  const markers = [path.join(portalDir, 'live-content.json'), path.join(current, '.pregon-generation'), path.join(current, '.pregon-template-stamp'), path.join(current, 'index.html')]
  const times = await Promise.all(markers.map((file) => fs.stat(file).then((stat) => stat.mtimeMs, () => 0)))
  const newest = Math.max(...times)
  return { isBuilt, buildAgeSeconds: newest > 0 ? Math.max(0, Math.round((Date.now() - newest) / 1000)) : null }
}

async function liveLauncherStatus(dataDir: string): Promise<LauncherStatus | null> {
  const status = await readServiceStatus(dataDir)
  return status && isProcessAlive(status.launcherPid) ? status : null
}


/** A stable, non-revealing name for what went wrong (never the message: it may carry a host or user name). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'DB_UNREACHABLE'
}
