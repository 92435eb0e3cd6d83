import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getProducer } from '@pregon/core/boss'
import { recordMeasurement } from '@pregon/core/ops/opsTables'
import { writeServiceStatus, type ServiceState } from '@pregon/core/ops/serviceStatus'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import type { TestPayload } from '../../helpers/startTestPayload'
import { rebuildPortal } from '../../../workers/src/tasks/rebuildPortal'

const TOKEN = 'metricas-token-de-prueba-0123456789'
let harness: TaskHarness
let t: TestPayload
let api: ReturnType<typeof apiClients>

/** Prometheus text format as a map from `name{labels}` (labels as written) to value. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line)
    if (!match) throw new Error(`Not a sample line: ${line}`)
    samples.set(match[1]!, Number(match[2]))
  }
  return samples
}

async function scrape(headers: Record<string, string>) {
  const response = await api.request('GET', 'metrics', { headers })
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() }
}

beforeAll(async () => {
  harness = await startTaskHarness({ env: { METRICS_TOKEN: TOKEN } })
  t = harness.t
  api = apiClients(t.payload)
  const bulletin = await buildBulletin(t.payload)
  const distribution = (status: string, channel: string, account = 'principal') =>
    t.payload.create({ collection: 'distributions', data: { bulletin: bulletin.id, channel: channel as 'x', account, versionHash: `v-${status}-${channel}-${account}`, status: status as 'sent' } })
  await distribution('failed', 'x')
  await distribution('failed', 'x', 'segunda')
  await distribution('sent', 'mastodon')
  const mailing = await distribution('sent', 'press-mailing')
  for (const status of ['sent', 'sent', 'sent', 'bounced'] as const) {
    await t.payload.create({ collection: 'deliveries', data: { distribution: mailing.id, status, email: 'contacto@medio.test' } })
  }
  const pool = { query: async (text: string, values?: unknown[]) => ({ rows: await t.query(text, values) }) }
  for (const seconds of [3, 45, 700]) await recordMeasurement(pool, 'publish-to-live', seconds)
  await recordMeasurement(pool, 'portal-build', 2.5)
  const boss = await getProducer(t.databaseUrl)
  await boss.send('x-post', { distributionId: 1 })
  const service = (name: ServiceState['name'], restarts: number): ServiceState => ({
    name, state: 'running', pid: 4242, restarts, lastExitAt: null, lastExit: null, lastOutput: [], since: new Date().toISOString(),
  })
  await writeServiceStatus(t.config.dataDir, {
    launcherPid: process.pid,
    startedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    services: [service('postgres', 0), service('worker', 2)],
  })
})
afterAll(async () => {
  await fs.rm(path.join(t?.config.dataDir ?? '/nonexistent', 'run'), { recursive: true, force: true })
  await harness?.close()
})

describe('GET /api/metrics', () => {
  it('answers a request from this machine with figures matching the rows', async () => {
    // The admin's server appends the socket's address: a lone 127.0.0.1 is a local request.
    const { status, contentType, text } = await scrape({ 'X-Forwarded-For': '127.0.0.1' })
    expect(status).toBe(200)
    expect(contentType).toContain('text/plain')
    const m = parseMetrics(text)
    expect(m.get('pregon_database_up')).toBe(1)
    expect(m.get('pregon_metrics_errors')).toBe(0)
    expect(m.get('pregon_distributions{channel="x",status="failed"}')).toBe(2)
    expect(m.get('pregon_distributions{channel="mastodon",status="sent"}')).toBe(1)
    expect(m.get('pregon_distributions{channel="press-mailing",status="sent"}')).toBe(1)
    expect(m.get('pregon_distributions{channel="x",status="sent"}')).toBe(0)
    expect(m.get('pregon_deliveries{status="sent"}')).toBe(3)
    expect(m.get('pregon_deliveries{status="bounced"}')).toBe(1)
    expect(m.get('pregon_deliveries{status="unknown"}')).toBe(0)
    expect(m.get('pregon_jobs{queue="x-post",state="created"}')).toBe(1)
    expect(m.get('pregon_jobs{queue="press-mailing",state="created"}')).toBe(0)
    expect(m.get('pregon_queue_lag_seconds{queue="x-post"}')).toBeGreaterThanOrEqual(0)
    expect(m.get('pregon_needs_person{kind="distributionsFailed"}')).toBe(2)
    expect(m.get('pregon_publish_to_live_seconds_count')).toBe(3)
    expect(m.get('pregon_publish_to_live_seconds_sum')).toBe(748)
    expect(m.get('pregon_publish_to_live_seconds_bucket{le="5"}')).toBe(1)
    expect(m.get('pregon_publish_to_live_seconds_bucket{le="60"}')).toBe(2)
    expect(m.get('pregon_publish_to_live_seconds_bucket{le="600"}')).toBe(2)
    expect(m.get('pregon_publish_to_live_seconds_bucket{le="+Inf"}')).toBe(3)
    expect(m.get('pregon_portal_build_seconds_count')).toBe(1)
    expect(m.get('pregon_portal_build_seconds_bucket{le="2"}')).toBe(0)
    expect(m.get('pregon_portal_build_seconds_bucket{le="5"}')).toBe(1)
    expect(m.get('pregon_service_restarts_total{service="worker"}')).toBe(2)
    expect(m.get('pregon_service_up{service="postgres"}')).toBe(1)
    expect(text).not.toContain('contacto@medio.test')
  })

  it('refuses a request from elsewhere without the token, in Spanish', async () => {
    const { status, text } = await scrape({ 'X-Forwarded-For': '198.51.100.7' })
    expect(status).toBe(403)
    const body = JSON.parse(text) as { errors: Array<{ code: string; message: string }> }
    expect(body.errors[0]!.code).toBe('METRICS_FORBIDDEN')
    expect(body.errors[0]!.message).toContain('METRICS_TOKEN')
  })

  it('refuses a request a proxy forwarded, even from a proxy on this machine', async () => {
    expect((await scrape({ 'X-Forwarded-For': '203.0.113.9, 127.0.0.1' })).status).toBe(403)
    expect((await scrape({ 'X-Forwarded-For': '127.0.0.1', Forwarded: 'for=203.0.113.9' })).status).toBe(403)
  })

  it('answers a request from elsewhere that carries the token, and refuses a wrong one', async () => {
    const ok = await scrape({ 'X-Forwarded-For': '203.0.113.9, 127.0.0.1', Authorization: `Bearer ${TOKEN}` })
    expect(ok.status).toBe(200)
    expect(parseMetrics(ok.text).get('pregon_database_up')).toBe(1)
    expect((await scrape({ 'X-Forwarded-For': '198.51.100.7', Authorization: `Bearer ${TOKEN.slice(0, -1)}x` })).status).toBe(403)
  })

  it('shows the portal builds and the publish-to-live time the worker recorded', async () => {
    const measurements = (kind: string) => t.query<{ seconds: number }>('SELECT seconds FROM ops_measurements WHERE kind = $1 ORDER BY id', [kind])
    const buildsBefore = (await measurements('portal-build')).length
    const latenciesBefore = (await measurements('publish-to-live')).length
    // The first publication of an installation carries the whole archive: a build, no publish-to-live.
    await rebuildPortal(harness.ctx)
    expect(await measurements('portal-build')).toHaveLength(buildsBefore + 1)
    expect(await measurements('publish-to-live')).toHaveLength(latenciesBefore)

    const publishedAt = Date.now()
    await buildBulletin(t.payload, { status: 'published', skipDistribution: true })
    await rebuildPortal(harness.ctx)
    const latencies = await measurements('publish-to-live')
    expect(latencies).toHaveLength(latenciesBefore + 1)
    const seconds = latencies.at(-1)!.seconds
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThan((Date.now() - publishedAt) / 1000 + 1)
    expect(await measurements('portal-build')).toHaveLength(buildsBefore + 2)

    const m = parseMetrics((await scrape({ 'X-Forwarded-For': '127.0.0.1' })).text)
    expect(m.get('pregon_publish_to_live_seconds_count')).toBe(latenciesBefore + 1)
    expect(m.get('pregon_portal_build_seconds_count')).toBe(buildsBefore + 2)
  })
})
