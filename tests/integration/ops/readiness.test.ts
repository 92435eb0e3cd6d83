import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { poolOf } from '@pregon/cms/db/poolOf'
import { checkReadiness } from '@pregon/cms/ops/readiness'
import type { ReadinessReport } from '@pregon/cms/ops/evaluateReadiness'
import { getProducer } from '@pregon/core/boss'
import { writeServiceStatus, type ServiceState } from '@pregon/core/ops/serviceStatus'
import { startHeartbeat } from '../../../workers/src/ops/heartbeat'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'
import { waitFor } from '../../helpers/waitFor'

let t: TestPayload
let api: ReturnType<typeof apiClients>
const INSTANCE = 'srv-prensa/all'
const silent = { warn: () => {}, info: () => {} }

async function ready(): Promise<{ status: number; report: ReadinessReport; text: string }> {
  const response = await api.request('GET', 'ready')
  const text = await response.text()
  return { status: response.status, report: JSON.parse(text) as ReadinessReport, text }
}
const codes = (issues: Array<{ code: string }>) => issues.map((issue) => issue.code)

/** A live portal build as publishPortal leaves it: builds/<id>/index.html and the `current` symlink. */
async function fakePortalBuild(portalDir: string): Promise<void> {
  await fs.mkdir(path.join(portalDir, 'builds', 'b1'), { recursive: true })
  await fs.writeFile(path.join(portalDir, 'builds', 'b1', 'index.html'), '<!doctype html><title>Portal</title>')
  await fs.symlink(path.join('builds', 'b1'), path.join(portalDir, 'current'))
}

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  await fakePortalBuild(t.config.portalDir)
  await t.payload.updateGlobal({ slug: 'scheduler-status', data: { lastRunAt: new Date().toISOString(), lastPublished: 0 } })
})
afterAll(async () => {
  await t?.close()
})

describe('GET /api/ready', () => {
  it('answers 503 naming the worker when its last heartbeat is two minutes old', async () => {
    await t.query(`INSERT INTO ops_heartbeats (service, instance, beat_at, detail) VALUES ('worker', $1, now() - interval '2 minutes', '{}')`, [INSTANCE])
    const { status, report } = await ready()
    expect(status).toBe(503)
    expect(report.status).toBe('not-ready')
    expect(report.problems).toEqual([expect.objectContaining({ check: 'worker', code: 'WORKER_STALE' })])
    expect(report.worker?.freshestAgeSeconds).toBeGreaterThanOrEqual(119)
    expect(report.worker?.instances.map((i) => i.instance)).toEqual([INSTANCE])
  })

  it('answers 200 once the worker beats again', async () => {
    const heartbeat = startHeartbeat({ pool: poolOf(t.payload), instance: INSTANCE, queues: ['x-post', 'portal-rebuild'], log: silent })
    try {
      await waitFor(async () => (await t.query<{ fresh: boolean }>(`SELECT beat_at > now() - interval '10 seconds' AS fresh FROM ops_heartbeats WHERE instance = $1`, [INSTANCE]))[0]?.fresh, {
        message: 'a fresh heartbeat',
      })
      const { status, report } = await ready()
      expect(report.problems).toEqual([])
      expect(status).toBe(200)
      expect(report.status).toBe('ready')
      expect(report.worker?.instances).toEqual([{ instance: INSTANCE, ageSeconds: expect.any(Number), queues: ['x-post', 'portal-rebuild'], version: expect.any(String) }])
      expect(report.worker!.freshestAgeSeconds!).toBeLessThan(10)
      expect(report.database).toEqual({ isReachable: true, latencyMs: expect.any(Number), error: null })
      expect(report.migrations).toEqual({ pending: [], unknown: [] })
      expect(report.portal).toEqual({ isBuilt: true, buildAgeSeconds: expect.any(Number) })
    } finally {
      heartbeat.stop()
    }
  })

  it('reports how long the oldest due job of a queue has waited', async () => {
    const boss = await getProducer(t.databaseUrl)
    const id = await boss.send('x-post', { distributionId: 999_999 })
    await t.query(`UPDATE pgboss.job SET created_on = now() - interval '15 minutes', start_after = now() - interval '15 minutes' WHERE id = $1`, [id])
    await boss.send('mastodon-post', { distributionId: 999_998 }, { startAfter: new Date(Date.now() + 3_600_000) })
    const { report } = await ready()
    const queue = (name: string) => report.queues?.find((q) => q.queue === name)
    expect(queue('x-post')).toMatchObject({ ready: 1, deferred: 0 })
    expect(queue('x-post')!.lagSeconds).toBeGreaterThanOrEqual(900)
    // A job planned for later is not late.
    expect(queue('mastodon-post')).toMatchObject({ ready: 0, deferred: 1, lagSeconds: 0 })
    expect(queue('portal-rebuild')).toMatchObject({ ready: 0, lagSeconds: 0 })
    expect(report.warnings).toContainEqual(expect.objectContaining({ check: 'queues', code: 'QUEUE_LAGGING' }))
    await t.query('DELETE FROM pgboss.job WHERE id = $1', [id])
  })

  it('counts the distributions and accounts that wait for a person', async () => {
    const bulletin = await buildBulletin(t.payload)
    const distribution = (status: string, channel = 'x', account = 'principal') =>
      t.payload.create({ collection: 'distributions', data: { bulletin: bulletin.id, channel: channel as 'x', account, versionHash: `v-${status}-${channel}`, status: status as 'sent' } })
    await distribution('unknown')
    await distribution('failed', 'mastodon')
    await distribution('sent', 'press-mailing')
    const mailing = await distribution('paused', 'press-mailing', 'boletines')
    await t.payload.create({ collection: 'deliveries', data: { distribution: mailing.id, status: 'unknown', email: 'reportera@diario.test' } })
    await t.payload.create({ collection: 'social-accounts', data: { channel: 'x', account: 'principal', label: 'Cuenta principal', needsReconnect: true } })

    const { report } = await ready()
    expect(report.attention).toEqual({
      distributionsUnconfirmed: 1,
      distributionsFailed: 1,
      distributionsPaused: 1,
      deliveriesUnconfirmed: 1,
      accountsToReconnect: 1,
      total: 5,
    })
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'NEEDS_A_PERSON' }))
  })

  it('carries no personal data and no secrets', async () => {
    const person = await buildUser(t.payload, 'admin', { name: 'Rosa Itzel Quintero', email: 'rosa.quintero@municipio.test' })
    await t.payload.create({ collection: 'press-contacts', data: { name: 'Joaquín Pérez Ávila', email: 'jperez@noticias.test', status: 'active' } as never }).catch(() => null)
    const { text } = await ready()
    for (const secret of [person.email, person.name!, 'jperez@noticias.test', 'Joaquín', 'reportera@diario.test', t.config.payloadSecret!, new URL(t.databaseUrl).password, t.databaseUrl, new URL(t.ownerUrl).password]) {
      expect(text).not.toContain(secret)
    }
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
  })

  it('answers 503 while the launcher restarts a service, and 200 once it runs', async () => {
    const service = (name: ServiceState['name'], state: ServiceState['state']): ServiceState => ({
      name, state, pid: state === 'running' ? 4242 : null, restarts: 1, lastExitAt: new Date().toISOString(), lastExit: 'SIGKILL', lastOutput: ['Error en rosa@municipio.test'], since: new Date().toISOString(),
    })
    const write = (workerState: ServiceState['state']) =>
      writeServiceStatus(t.config.dataDir, { launcherPid: process.pid, startedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), services: [service('postgres', 'running'), service('worker', workerState)] })
    const heartbeat = startHeartbeat({ pool: poolOf(t.payload), instance: INSTANCE, queues: [], log: silent, intervalMs: 1_000 })
    try {
      await write('restarting')
      const down = await ready()
      expect(down.status).toBe(503)
      expect(down.report.problems).toEqual([expect.objectContaining({ check: 'services', code: 'SERVICE_DOWN' })])
      expect(down.report.problems[0]!.message).toContain('worker')
      expect(down.text).not.toContain('rosa@municipio.test')
      await write('running')
      const up = await ready()
      expect(up.status).toBe(200)
      expect(up.report.services?.services.map((s) => [s.name, s.state, s.restarts])).toEqual([['postgres', 'running', 1], ['worker', 'running', 1]])
    } finally {
      heartbeat.stop()
      await fs.rm(path.join(t.config.dataDir, 'run'), { recursive: true, force: true })
    }
  })

  it('answers GET /api/health without reading anything', async () => {
    const response = await api.request('GET', 'health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'admin' })
  })
})

describe('checkReadiness with PostgreSQL down', () => {
  const options = { dataDir: '/nonexistent', portalDir: '/nonexistent', expectedMigrations: ['m1'], timeoutMs: 1_000 }

  it('reports a refused connection at once', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://pregon:x@127.0.0.1:1/pregon' })
    pool.on('error', () => {})
    const started = Date.now()
    const report = await checkReadiness({ db: pool, ...options })
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(codes(report.problems)).toEqual(['DB_UNREACHABLE', 'PORTAL_NOT_BUILT'])
    expect(report.database).toEqual({ isReachable: false, latencyMs: null, error: 'ECONNREFUSED' })
    await pool.end()
  })

  it('gives up on a server that accepts and never answers, within the timeout', async () => {
    const sockets: net.Socket[] = []
    const silentServer = net.createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve))
    const { port } = silentServer.address() as net.AddressInfo
    const pool = new pg.Pool({ connectionString: `postgres://pregon:x@127.0.0.1:${port}/pregon` })
    pool.on('error', () => {})
    try {
      const started = Date.now()
      const report = await checkReadiness({ db: pool, ...options })
      expect(Date.now() - started).toBeLessThan(2_500)
      expect(report.status).toBe('not-ready')
      expect(report.database).toMatchObject({ isReachable: false, error: 'OPS_CHECK_TIMED_OUT' })
    } finally {
      for (const socket of sockets) socket.destroy()
      silentServer.close()
      void pool.end().catch(() => {})
    }
  })
})
