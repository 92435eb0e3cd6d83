import { describe, expect, it } from 'vitest'
import { evaluateReadiness } from '@pregon/cms/ops/evaluateReadiness'
import type { ReadinessFacts } from '@pregon/cms/ops/readinessFacts'

const MIGRATIONS = ['20261123_073357_initial', '20261201_041500_ops_status']
const NOW = new Date('2026-12-01T12:00:00Z')

/** Everything healthy; each test changes one thing. */
function facts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    database: { isReachable: true, latencyMs: 2, error: null },
    appliedMigrations: [...MIGRATIONS],
    heartbeats: [
      { service: 'worker', instance: 'srv-1', ageSeconds: 4, detail: { queues: ['x-post'], version: '0.1.0', pid: 42, host: 'srv-1' } },
      { service: 'backup', instance: 'srv-1', ageSeconds: 3_600, detail: { ok: true } },
    ],
    scheduler: { lastRunAt: '2026-12-01T11:59:30.000Z', ageSeconds: 30 },
    queues: [{ queue: 'x-post', ready: 0, deferred: 1, active: 0, failed: 0, lagSeconds: 0 }],
    attention: { distributionsUnconfirmed: 0, distributionsFailed: 0, distributionsPaused: 0, deliveriesUnconfirmed: 0, accountsToReconnect: 0 },
    portal: { isBuilt: true, buildAgeSeconds: 120 },
    launcher: null,
    ...overrides,
  }
}
const evaluate = (f: ReadinessFacts) => evaluateReadiness(f, { expectedMigrations: MIGRATIONS, now: NOW })
const codes = (issues: Array<{ code: string }>) => issues.map((issue) => issue.code)

describe('evaluateReadiness', () => {
  it('is ready with no problems and no warnings when everything is healthy', () => {
    const report = evaluate(facts())
    expect(report.status).toBe('ready')
    expect(report.problems).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.worker).toEqual({ freshestAgeSeconds: 4, instances: [{ instance: 'srv-1', ageSeconds: 4, queues: ['x-post'], version: '0.1.0' }] })
  })

  it('leaves the worker process id and host name out of the report', () => {
    expect(JSON.stringify(evaluate(facts()))).not.toMatch(/"pid"|"host"/)
  })

  it('is not ready when the freshest worker heartbeat is older than a minute', () => {
    const report = evaluate(facts({ heartbeats: [{ service: 'worker', instance: 'srv-1', ageSeconds: 120, detail: {} }] }))
    expect(report.status).toBe('not-ready')
    expect(codes(report.problems)).toEqual(['WORKER_STALE'])
    expect(report.problems[0]!.message).toContain('2 min')
  })

  it('only warns about a stale worker instance while another one beats', () => {
    const report = evaluate(facts({ heartbeats: [...facts().heartbeats!, { service: 'worker', instance: 'srv-2', ageSeconds: 400, detail: {} }] }))
    expect(report.status).toBe('ready')
    expect(codes(report.warnings)).toEqual(['WORKER_INSTANCE_STALE'])
  })

  it('is not ready when no worker ever beat', () => {
    expect(codes(evaluate(facts({ heartbeats: [] })).problems)).toEqual(['WORKER_MISSING'])
  })

  it('reports an unreachable database as the problem, not every table it could not read', () => {
    const report = evaluate(
      facts({ database: { isReachable: false, latencyMs: null, error: 'ECONNREFUSED' }, appliedMigrations: null, heartbeats: null, scheduler: null, queues: null, attention: null }),
    )
    expect(report.status).toBe('not-ready')
    expect(codes(report.problems)).toEqual(['DB_UNREACHABLE'])
    expect(report.warnings).toEqual([])
  })

  it('names the migrations the database lacks', () => {
    const report = evaluate(facts({ appliedMigrations: [MIGRATIONS[0]!] }))
    expect(codes(report.problems)).toEqual(['MIGRATIONS_PENDING'])
    expect(report.migrations).toEqual({ pending: ['20261201_041500_ops_status'], unknown: [] })
  })

  it('is not ready when the scheduler has not run for more than three minutes', () => {
    expect(codes(evaluate(facts({ scheduler: { lastRunAt: '2026-12-01T11:50:00.000Z', ageSeconds: 600 } })).problems)).toEqual(['SCHEDULER_STALE'])
    expect(codes(evaluate(facts({ scheduler: { lastRunAt: null, ageSeconds: null } })).problems)).toEqual(['SCHEDULER_NEVER_RAN'])
  })

  it('is not ready while the portal has no build', () => {
    expect(codes(evaluate(facts({ portal: { isBuilt: false, buildAgeSeconds: null } })).problems)).toEqual(['PORTAL_NOT_BUILT'])
  })

  it('warns about a queue whose oldest due job waited more than ten minutes', () => {
    const report = evaluate(facts({ queues: [{ queue: 'press-mailing', ready: 3, deferred: 0, active: 1, failed: 0, lagSeconds: 900 }] }))
    expect(report.status).toBe('ready')
    expect(codes(report.warnings)).toEqual(['QUEUE_LAGGING'])
    expect(report.warnings[0]!.message).toContain('press-mailing')
  })

  it('counts what needs a person as a warning with a total', () => {
    const attention = { distributionsUnconfirmed: 2, distributionsFailed: 1, distributionsPaused: 0, deliveriesUnconfirmed: 3, accountsToReconnect: 1 }
    const report = evaluate(facts({ attention }))
    expect(report.status).toBe('ready')
    expect(report.attention).toEqual({ ...attention, total: 7 })
    expect(codes(report.warnings)).toEqual(['NEEDS_A_PERSON'])
  })

  it('warns when the last backup failed or is more than a day old', () => {
    const worker = facts().heartbeats![0]!
    expect(codes(evaluate(facts({ heartbeats: [worker, { service: 'backup', instance: 'a', ageSeconds: 60, detail: { ok: false } }] })).warnings)).toEqual(['BACKUP_FAILED'])
    expect(codes(evaluate(facts({ heartbeats: [worker, { service: 'backup', instance: 'a', ageSeconds: 30 * 3600, detail: {} }] })).warnings)).toEqual(['BACKUP_STALE'])
    expect(codes(evaluate(facts({ heartbeats: [worker] })).warnings)).toEqual(['BACKUP_NEVER_RAN'])
  })

  it('is not ready while the launcher restarts a service, and only warns about the mail catcher', () => {
    const service = (name: 'worker' | 'mail-catcher', state: 'running' | 'restarting') => ({
      name, state, pid: null, restarts: 1, lastExitAt: '2026-12-01T11:59:00.000Z', lastExit: 'SIGKILL', lastOutput: ['secret line'], since: '2026-12-01T11:00:00.000Z',
    })
    const launcher = { launcherPid: 1, startedAt: '', updatedAt: '', services: [service('worker', 'restarting'), service('mail-catcher', 'restarting')] }
    const report = evaluate(facts({ launcher }))
    expect(codes(report.problems)).toEqual(['SERVICE_DOWN'])
    expect(report.problems[0]!.message).toContain('worker')
    expect(codes(report.warnings)).toEqual(['SERVICE_DOWN'])
    // Services' output lines may carry anything: they stay out of the report.
    expect(JSON.stringify(report)).not.toContain('secret line')
  })
})
