import { readFileSync } from 'node:fs'
import os from 'node:os'
import { beat, type Queryable } from '@pregon/core/ops/opsTables'

export interface HeartbeatLog {
  warn(object: Record<string, unknown>, message: string): void
  info(object: Record<string, unknown>, message: string): void
}

export interface StartHeartbeatOptions {
  /** Any pool with `query` (the worker's `payload.db.pool`). */
  pool: Queryable
  /** Stable across restarts of the same worker (e.g. the host name, plus its queues when one host runs several). */
  instance: string
  queues: readonly string[]
  log: HeartbeatLog
  intervalMs?: number
}

export interface RunningHeartbeat {
  stop(): void
}

/** Heartbeat rows of workers gone this long are removed at start (a renamed host, a retired worker). */
const FORGET_AFTER = '7 days'
const VERSION = readVersion()

/**
 * Tells readiness (`/api/ready`, `npm run status`) that this worker is alive: upserts its row in
 * ops_heartbeats now and every `intervalMs`. Never throws: while PostgreSQL is unreachable it warns once
 * and keeps trying, and says so when the beats get through again.
 */
export function startHeartbeat({ pool, instance, queues, log, intervalMs = 10_000 }: StartHeartbeatOptions): RunningHeartbeat {
  const detail = { pid: process.pid, host: os.hostname(), queues: [...queues], version: VERSION }
  let isFailing = false
  let isStopped = false
  let inFlight = false

  async function tick(): Promise<void> {
    if (inFlight || isStopped) return
    inFlight = true
    try {
      await beat(pool, 'worker', instance, detail)
      if (isFailing) log.info({ instance }, 'heartbeat recorded again')
      isFailing = false
    } catch (error) {
      if (!isFailing) log.warn({ instance, err: error }, 'heartbeat not recorded: the database is unreachable; retrying')
      isFailing = true
    } finally {
      inFlight = false
    }
  }

  void pool
    .query(`DELETE FROM ops_heartbeats WHERE service = 'worker' AND beat_at < now() - interval '${FORGET_AFTER}'`)
    .catch(() => {})
  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return {
    stop() {
      isStopped = true
      clearInterval(timer)
    },
  }
}

function readVersion(): string {
  try {
    return String((JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown')
  } catch {
    return 'unknown'
  }
}
