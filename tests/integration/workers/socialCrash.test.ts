import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { spawnService, type Service } from '@pregon/launcher/spawnService'
import { buildBulletin } from '../../helpers/builders'
import { startFakeXApi, type FakeXApi } from '../../helpers/fakeXApi'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * The crash test: the worker process is killed (SIGKILL) while its post to X is in flight, and started
 * again. The row it left `sending` is settled by looking at the account, never by posting again.
 */

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const SITE_URL = 'https://comunicacion.santalucia.gob.mx'

let harness: TaskHarness
let fakeX: FakeXApi
let worker: Service | undefined
const postRequests: string[] = []

beforeAll(async () => {
  // Duplicates accepted, so a second post would show instead of being refused by the fake.
  fakeX = await startFakeXApi({ refuseDuplicates: false, onPostRequest: (r) => postRequests.push(String((r.body as { text?: string })?.text)) })
  harness = await startTaskHarness({ env: { SITE_URL } })
})

afterAll(async () => {
  if (worker) await worker.stop(5_000)
  await harness?.close()
  await fakeX?.close()
})

function startWorkerProcess(): Promise<Service> {
  const { t, sink } = harness
  return spawnService({
    name: 'worker',
    script: 'workers/bin/worker.ts',
    cwd: rootDir,
    readyTimeoutMs: 120_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      DATABASE_URL: t.databaseUrl,
      PAYLOAD_SECRET: t.config.payloadSecret!,
      DATA_DIR: t.config.dataDir,
      SMTP_URL: sink.url,
      SITE_URL,
      X_API_URL: fakeX.url,
      X_API_KEY: 'k',
      X_API_SECRET: 's',
      X_ACCESS_TOKEN: 't',
      X_ACCESS_SECRET: 'a',
      LOG_LEVEL: 'warn',
    },
  })
}

async function kill(service: Service): Promise<void> {
  const exited = new Promise((resolve) => service.child.once('exit', resolve))
  service.child.kill('SIGKILL')
  await exited
}

const xRow = async (bulletinId: number) =>
  (await harness.t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId }, channel: { equals: 'x' } }, depth: 0 })).docs[0]!

it('posts once when the worker is killed mid-post and restarted, and flags what it cannot confirm', async () => {
  const { t } = harness

  // 1. X creates the post but the answer never comes back; the worker dies waiting for it.
  fakeX.failNext('stall-after-post')
  worker = await startWorkerProcess()
  const first = await buildBulletin(t.payload, { title: 'Cierre temporal del puente peatonal', status: 'published' })
  const firstLink = `${SITE_URL}/boletines/${first.slug}/`
  await waitFor(() => fakeX.posts.some((p) => p.text.includes(firstLink)), { timeoutMs: 60_000, message: 'the post to reach X' })
  await kill(worker)
  worker = undefined
  expect(await xRow(first.id)).toMatchObject({ status: 'sending', attempts: 1 })

  worker = await startWorkerProcess()
  const settled = await waitFor(async () => {
    const row = await xRow(first.id)
    return row.status === 'sending' || row.status === 'pending' ? null : row
  }, { timeoutMs: 120_000, intervalMs: 500, message: 'the interrupted post to be settled' })
  const posts = fakeX.posts.filter((p) => p.text.includes(firstLink))
  expect(posts).toHaveLength(1)
  expect(settled).toMatchObject({ status: 'sent', remoteId: posts[0]!.id, detail: expect.objectContaining({ reconciled: true }) })
  expect(postRequests.filter((text) => text.includes(firstLink))).toHaveLength(1)

  // 2. The worker dies while the post is in flight and X never created it: flagged, not posted blindly.
  fakeX.failNext('stall-before-post')
  const second = await buildBulletin(t.payload, { title: 'Suspensión del servicio de agua en el oriente', status: 'published' })
  const secondLink = `${SITE_URL}/boletines/${second.slug}/`
  await waitFor(() => postRequests.some((text) => text.includes(secondLink)), { timeoutMs: 60_000, message: 'the second post request' })
  await kill(worker)
  worker = undefined

  worker = await startWorkerProcess()
  const flagged = await waitFor(async () => {
    const row = await xRow(second.id)
    return row.status === 'sending' || row.status === 'pending' ? null : row
  }, { timeoutMs: 120_000, intervalMs: 500, message: 'the second interrupted post to be settled' })
  expect(flagged).toMatchObject({ status: 'unknown', errorCode: 'SOCIAL_OUTCOME_UNKNOWN' })
  expect(postRequests.filter((text) => text.includes(secondLink))).toHaveLength(1)
  expect(fakeX.posts.filter((p) => p.text.includes(secondLink))).toHaveLength(0)
  console.info('[social crash test] killed the worker twice mid-post: 1 post sent once after reconciliation, 1 flagged unknown; 0 duplicates')
}, 420_000)
