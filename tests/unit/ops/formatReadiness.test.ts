import { describe, expect, it } from 'vitest'
import { evaluateReadiness } from '@pregon/cms/ops/evaluateReadiness'
import { formatReadiness, withProbes } from '@pregon/cms/ops/formatReadiness'

const report = evaluateReadiness(
  {
    database: { isReachable: true, latencyMs: 3, error: null },
    appliedMigrations: ['m1'],
    heartbeats: [{ service: 'worker', instance: 'srv-1', ageSeconds: 5, detail: {} }],
    scheduler: { lastRunAt: '2026-12-01T11:59:30.000Z', ageSeconds: 30 },
    queues: [{ queue: 'x-post', ready: 2, deferred: 0, active: 0, failed: 0, lagSeconds: 12 }],
    attention: { distributionsUnconfirmed: 1, distributionsFailed: 0, distributionsPaused: 0, deliveriesUnconfirmed: 0, accountsToReconnect: 0 },
    portal: { isBuilt: true, buildAgeSeconds: 300 },
    launcher: null,
  },
  { expectedMigrations: ['m1'], now: new Date('2026-12-01T12:00:00Z') },
)

describe('formatReadiness', () => {
  it('says ready first, then each part in Spanish', () => {
    const text = formatReadiness(report)
    expect(text.split('\n')[2]).toBe('LISTO: todo funciona.')
    expect(text).toContain('x-post')
    expect(text).toContain('2 en espera, la más antigua hace 12 s')
    expect(text).toContain('1 difusiones sin confirmar')
    expect(text).toContain('última publicación hace 5 min')
  })

  it('turns a service that does not answer into a problem', () => {
    const probes = [
      { check: 'admin' as const, url: 'http://127.0.0.1:3000/api/health', isUp: false, outcome: 'ECONNREFUSED' },
      { check: 'portal-server' as const, url: 'http://127.0.0.1:4321/healthz', isUp: true, outcome: 'HTTP 200' },
    ]
    const final = withProbes(report, probes)
    expect(final.status).toBe('not-ready')
    expect(final.problems.map((p) => p.code)).toEqual(['ADMIN_DOWN'])
    const text = formatReadiness(final, probes)
    expect(text).toContain('NO LISTO: 1 problema(s)')
    expect(text).toContain('La administración no responde en http://127.0.0.1:3000/api/health (ECONNREFUSED)')
  })
})
