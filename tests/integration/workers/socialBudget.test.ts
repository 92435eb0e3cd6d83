import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { QUEUES } from '@pregon/core/queues'
import { createXProvider } from '@pregon/workers/providers/x/XProvider'
import { startWorker } from '@pregon/workers/startWorker'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startFakeXApi, type FakeXApi } from '../../helpers/fakeXApi'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'

let harness: TaskHarness
let fakeX: FakeXApi

beforeAll(async () => {
  fakeX = await startFakeXApi()
  harness = await startTaskHarness({
    env: { SITE_URL, X_API_URL: fakeX.url, X_API_KEY: 'k', X_API_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'a', X_DAILY_POST_BUDGET: '2' },
  })
})

afterAll(async () => {
  await harness?.close()
  await fakeX?.close()
})

it('keeps to the daily X budget, lets the urgent item go first and says until when the rest wait', async () => {
  const { t } = harness
  const ordinary = []
  for (const title of ['Informe de obras del trimestre', 'Reunión vecinal en la colonia Jardines', 'Taller de composta en el DIF']) {
    ordinary.push(await buildBulletin(t.payload, { title, status: 'published', skipDistribution: false }))
  }
  // Published last, in an emergency: it must still be among the posts the budget allows.
  const admin = await buildUser(t.payload, 'admin')
  const storm = await buildBulletin(t.payload, { title: 'Albergues abiertos por la tormenta' })
  await applyWorkflowAction({ payload: t.payload, id: storm.id, verb: 'emergency-publish', user: admin, reason: 'Tormenta: protección civil pide avisar ya' })

  const ctx = { ...harness.ctx, networks: { ...harness.ctx.networks, x: createXProvider({ credentials: t.config.x.credentials, apiUrl: t.config.x.apiUrl, timeoutMs: 2_000 }) } }
  const worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [QUEUES.postToX] })
  try {
    const ids = [...ordinary, storm].map((b) => b.id)
    const rows = await waitFor(
      async () => {
        const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { in: ids }, channel: { equals: 'x' } }, depth: 0 })
        const waiting = docs.filter((d) => d.status === 'pending' && d.waitingReason)
        return docs.length === 4 && docs.filter((d) => d.status === 'sent').length === 2 && waiting.length === 2 ? docs : null
      },
      { timeoutMs: 30_000, message: 'two posts and two waiting' },
    )
    const byBulletin = new Map(rows.map((r) => [r.bulletin, r]))
    expect(byBulletin.get(storm.id)).toMatchObject({ status: 'sent', isUrgent: true })
    expect(byBulletin.get(ordinary[0]!.id)).toMatchObject({ status: 'sent', isUrgent: false })
    expect(fakeX.posts).toHaveLength(2)

    const sentTimes = rows.filter((r) => r.status === 'sent').map((r) => new Date(r.lastAttemptAt!).getTime())
    const until = Math.min(...sentTimes) + 24 * 60 * 60 * 1000
    for (const waiting of [ordinary[1]!, ordinary[2]!].map((b) => byBulletin.get(b.id)!)) {
      expect(waiting.waitingReason).toMatch(/Límite diario de X alcanzado \(2 de 2 en 24 horas\)/)
      expect(new Date(waiting.nextAttemptAt!).getTime()).toBe(until)
      const jobs = await t.query<{ start_after: Date; state: string }>(
        `SELECT start_after, state FROM pgboss.job WHERE name = $1 AND (data->>'distributionId')::int = $2 AND state = 'created'`,
        [QUEUES.postToX, waiting.id],
      )
      expect(jobs.map((j) => j.start_after.getTime())).toEqual([until])
    }
  } finally {
    await worker.stop()
  }
})
