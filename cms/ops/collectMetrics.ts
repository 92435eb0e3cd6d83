import { Counter, Gauge, Registry, type Metric } from 'prom-client'
import { CHANNELS, DISTRIBUTION_STATUSES } from '@pregon/core/channels'
import { DELIVERY_STATUSES } from '@pregon/core/deliveries'
import type { MeasurementKind, Queryable } from '@pregon/core/ops/opsTables'
import { readServiceStatus } from '@pregon/core/ops/serviceStatus'
import { readAttention, readQueues } from './readinessFacts'
import { withinTime } from './withinTime'
import { isProcessAlive } from './isProcessAlive'

const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const
/** Bucket bounds in seconds: publications are live in seconds normally, minutes when the worker was busy or down. */
const HISTOGRAMS: Record<MeasurementKind, { name: string; help: string; buckets: number[] }> = {
  'publish-to-live': {
    name: 'pregon_publish_to_live_seconds',
    help: 'From an item being published in the CMS to its page being live on the portal.',
    buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  },
  'portal-build': {
    name: 'pregon_portal_build_seconds',
    help: 'Duration of each portal publication that changed something (incremental or full build).',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
  },
}

export interface CollectMetricsOptions {
  db: Queryable
  dataDir: string
  timeoutMs?: number
}

/**
 * A fresh registry filled from PostgreSQL and the launcher's status file at scrape time: nothing is kept in
 * the admin's memory, so every admin process (and a restart) answers the same figures. Histograms are summed
 * by the database from `ops_measurements` rather than replayed row by row.
 */
export async function collectMetrics({ db, dataDir, timeoutMs = 2_000 }: CollectMetricsOptions): Promise<Registry> {
  const registry = new Registry()
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] })
  const query = (text: string, params?: unknown[]) => withinTime(db.query(text, params), timeoutMs, 'metrics query')

  const databaseUp = gauge('pregon_database_up', 'Whether PostgreSQL answered this scrape (1) or not (0).')
  await addServiceMetrics(registry, dataDir)
  try {
    await query('SELECT 1')
  } catch {
    databaseUp.set(0)
    return registry
  }
  databaseUp.set(1)

  const results = await Promise.allSettled([
    addJobMetrics({ gauge, query, db, timeoutMs }),
    addLedgerMetrics({ gauge, query }),
    addAttentionMetrics({ gauge, db, timeoutMs }),
    addHeartbeatMetrics({ gauge, query }),
    ...Object.entries(HISTOGRAMS).map(([kind, spec]) => addHistogram({ registry, query, kind, ...spec })),
  ])
  const errors = gauge('pregon_metrics_errors', 'Groups of figures this scrape could not read (a timeout, a missing table).')
  errors.set(results.filter((result) => result.status === 'rejected').length)
  return registry
}

type GaugeOf = (name: string, help: string, labelNames?: string[]) => Gauge
type QueryOf = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>

async function addJobMetrics({ gauge, query, db, timeoutMs }: { gauge: GaugeOf; query: QueryOf; db: Queryable; timeoutMs: number }): Promise<void> {
  const { rows } = await query(`SELECT name, state::text AS state, count(*) AS n, coalesce(sum(retry_count), 0) AS retries FROM pgboss.job GROUP BY name, state`)
  const queues = await withinTime(readQueues(db), timeoutMs, 'queues')
  const jobs = gauge('pregon_jobs', 'Jobs pg-boss holds, by queue and state (finished jobs stay until their retention ends).', ['queue', 'state'])
  const failures = gauge('pregon_job_failures', 'Failed attempts among the jobs pg-boss holds: jobs failed for good plus retries.', ['queue'])
  const lag = gauge('pregon_queue_lag_seconds', 'How long the oldest due job of each queue has waited to be taken.', ['queue'])
  for (const { queue } of queues) {
    for (const state of JOB_STATES) jobs.set({ queue, state }, 0)
    failures.set({ queue }, 0)
  }
  for (const row of rows) {
    const queue = String(row.name)
    jobs.set({ queue, state: String(row.state) }, Number(row.n))
    failures.inc({ queue }, Number(row.retries) + (row.state === 'failed' ? Number(row.n) : 0))
  }
  for (const queue of queues) lag.set({ queue: queue.queue }, queue.lagSeconds)
}

async function addLedgerMetrics({ gauge, query }: { gauge: GaugeOf; query: QueryOf }): Promise<void> {
  const distributions = gauge('pregon_distributions', 'Distributions (one per version, channel and account) by channel and status.', ['channel', 'status'])
  for (const channel of CHANNELS) for (const status of DISTRIBUTION_STATUSES) distributions.set({ channel, status }, 0)
  const byChannel = await query('SELECT channel::text AS channel, status::text AS status, count(*) AS n FROM distributions GROUP BY 1, 2')
  for (const row of byChannel.rows) distributions.set({ channel: String(row.channel), status: String(row.status) }, Number(row.n))

  const deliveries = gauge('pregon_deliveries', 'Press-mailing messages by status.', ['status'])
  for (const status of DELIVERY_STATUSES) deliveries.set({ status }, 0)
  const byStatus = await query('SELECT status::text AS status, count(*) AS n FROM deliveries GROUP BY 1')
  for (const row of byStatus.rows) deliveries.set({ status: String(row.status) }, Number(row.n))
}

async function addAttentionMetrics({ gauge, db, timeoutMs }: { gauge: GaugeOf; db: Queryable; timeoutMs: number }): Promise<void> {
  const counts = await withinTime(readAttention(db), timeoutMs, 'attention')
  const attention = gauge('pregon_needs_person', 'Things only a person can settle, by kind (see docs/monitoring.md).', ['kind'])
  for (const [kind, value] of Object.entries(counts)) attention.set({ kind }, value)
}

async function addHeartbeatMetrics({ gauge, query }: { gauge: GaugeOf; query: QueryOf }): Promise<void> {
  const { rows } = await query(`SELECT service, instance, extract(epoch FROM now() - beat_at)::float8 AS age FROM ops_heartbeats`)
  const age = gauge('pregon_heartbeat_age_seconds', 'Seconds since each service instance last reported (worker, backup…).', ['service', 'instance'])
  for (const row of rows) age.set({ service: String(row.service), instance: String(row.instance) }, Math.max(0, Number(row.age)))
  const scheduler = await query(`SELECT extract(epoch FROM now() - last_run_at)::float8 AS age FROM scheduler_status WHERE last_run_at IS NOT NULL LIMIT 1`)
  if (scheduler.rows[0]) gauge('pregon_scheduler_last_run_age_seconds', 'Seconds since the scheduled-publication sweep last ran.').set(Number(scheduler.rows[0].age))
}

/** A histogram whose buckets PostgreSQL counted, exposed through prom-client's text format. */
async function addHistogram({ registry, query, kind, name, help, buckets }: { registry: Registry; query: QueryOf; kind: string; name: string; help: string; buckets: number[] }): Promise<void> {
  // The bounds are this module's own numbers, never input.
  const columns = buckets.map((bound, index) => `count(*) FILTER (WHERE seconds <= ${Number(bound)}) AS b${index}`).join(', ')
  const { rows } = await query(`SELECT ${columns}, count(*) AS n, coalesce(sum(seconds), 0)::float8 AS total FROM ops_measurements WHERE kind = $1`, [kind])
  const row = rows[0] ?? {}
  const count = Number(row.n ?? 0)
  const values = [
    ...buckets.map((bound, index) => ({ labels: { le: bound }, value: Number(row[`b${index}`] ?? 0), metricName: `${name}_bucket` })),
    { labels: { le: '+Inf' }, value: count, metricName: `${name}_bucket` },
    { labels: {}, value: Number(row.total ?? 0), metricName: `${name}_sum` },
    { labels: {}, value: count, metricName: `${name}_count` },
  ]
  const metric = { name, help, type: 'histogram', aggregator: 'sum', get: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values }) }
  registry.registerMetric(metric as unknown as Metric)
}

/** Service restarts and states, from the launcher's status file (absent when no launcher runs here). */
async function addServiceMetrics(registry: Registry, dataDir: string): Promise<void> {
  const status = await readServiceStatus(dataDir)
  if (!status || !isProcessAlive(status.launcherPid)) return
  const restarts = new Counter({ name: 'pregon_service_restarts_total', help: 'Unexpected exits of each service since the launcher started.', labelNames: ['service'], registers: [registry] })
  const up = new Gauge({ name: 'pregon_service_up', help: 'Whether each service the launcher supervises is running (1) or not (0).', labelNames: ['service'], registers: [registry] })
  for (const service of status.services) {
    restarts.inc({ service: service.name }, service.restarts)
    up.set({ service: service.name }, service.state === 'running' ? 1 : 0)
  }
}

