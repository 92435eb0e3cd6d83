import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Distribution } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { buildBulletin, buildMedia } from '../../helpers/builders'
import { startFakeMastodon, type FakeMastodon, type FakeMastodonFault } from '../../helpers/fakeMastodon'
import { startFakeXApi, type FakeXApi, type FakeXFault } from '../../helpers/fakeXApi'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * The fault suite: 100 faults injected into the local X and Mastodon servers (429 with reset, 503 on any
 * request or on the post, duplicate-content refusal, connection reset and no answer after the post was
 * created, no answer before it was) while bulletins are published and a worker posts them. It must end
 * with every distribution sent or flagged for a person, and no post twice. The fake X accepts repeated
 * texts here, so a second post would show.
 */

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const X_FAULTS: Array<[FakeXFault, 'any' | 'post']> = [
  ['rate-limit', 'any'],
  ['unavailable', 'any'],
  ['unavailable', 'post'],
  ['duplicate', 'post'],
  ['reset-after-post', 'post'],
  ['stall-after-post', 'post'],
  ['stall-before-post', 'post'],
]
const MASTODON_FAULTS: Array<[FakeMastodonFault, 'any' | 'post']> = [
  ['rate-limit', 'any'],
  ['unavailable', 'any'],
  ['unavailable', 'post'],
  ['reset-after-post', 'post'],
  ['stall-after-post', 'post'],
  ['bad-gateway-after-post', 'post'],
]
const FAULTS_PER_NETWORK = 50
const TERMINAL = new Set(['sent', 'unknown', 'failed', 'skipped'])

let harness: TaskHarness
let fakeX: FakeXApi
let fakeMastodon: FakeMastodon
let worker: RunningWorker | undefined

beforeAll(async () => {
  fakeX = await startFakeXApi({ rateLimitResetSeconds: 1, refuseDuplicates: false })
  fakeMastodon = await startFakeMastodon({ rateLimitResetSeconds: 1 })
  harness = await startTaskHarness({
    env: {
      SITE_URL,
      X_API_URL: fakeX.url,
      X_API_KEY: 'k',
      X_API_SECRET: 's',
      X_ACCESS_TOKEN: 't',
      X_ACCESS_SECRET: 'a',
      X_DAILY_POST_BUDGET: '1000',
      MASTODON_URL: fakeMastodon.url,
      MASTODON_ACCESS_TOKEN: fakeMastodon.accessToken,
    },
  })
})

afterAll(async () => {
  await worker?.stop()
  await harness?.close()
  await fakeX?.close()
  await fakeMastodon?.close()
})

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

it('ends 100 injected faults with every distribution sent or flagged and no post twice', async () => {
  const { t } = harness
  const ctx: TaskContext = {
    ...harness.ctx,
    networks: createSocialProviders(t.config, { timeoutMs: 400 }),
    social: { retryBaseMs: 50, maxAttempts: 8 },
  }
  const next = random(20261123)
  const injected: string[] = []
  for (let i = 0; i < FAULTS_PER_NETWORK; i++) {
    const [xFault, xOn] = X_FAULTS[Math.floor(next() * X_FAULTS.length)]!
    fakeX.failNext(xFault, 1, xOn)
    injected.push(`x:${xFault}:${xOn}`)
    const [mFault, mOn] = MASTODON_FAULTS[Math.floor(next() * MASTODON_FAULTS.length)]!
    fakeMastodon.failNext(mFault, 1, mOn)
    injected.push(`mastodon:${mFault}:${mOn}`)
  }
  expect(injected).toHaveLength(100)

  worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [QUEUES.postToX, QUEUES.postToMastodon] })
  const hero = await buildMedia(t.payload, 'Cabildo abierto en la plaza principal')
  const bulletinIds: number[] = []
  // Publish in waves until every fault has been met by a request.
  for (let wave = 0; wave < 8 && fakeX.pendingFaults() + fakeMastodon.pendingFaults() > 0; wave++) {
    for (let i = 0; i < 10; i++) {
      const n = bulletinIds.length + 1
      const bulletin = await buildBulletin(t.payload, { title: `Boletín ${n} de la prueba de fallas`, status: 'published', ...(n % 2 ? { heroImage: hero.id } : {}) })
      bulletinIds.push(bulletin.id)
    }
    await settled(bulletinIds)
  }
  expect(fakeX.pendingFaults() + fakeMastodon.pendingFaults()).toBe(0)

  const rows = await settled(bulletinIds)
  const slugs = new Map((await t.payload.find({ collection: 'bulletins', where: { id: { in: bulletinIds } }, limit: 0, pagination: false, depth: 0 })).docs.map((b) => [b.id, b.slug]))
  const linkOf = (row: Distribution) => `${SITE_URL}/boletines/${slugs.get(row.bulletin as number)}/`
  const postsOf = (row: Distribution) =>
    row.channel === 'x' ? fakeX.posts.filter((p) => p.text.includes(linkOf(row))) : fakeMastodon.statuses.filter((s) => s.text.includes(linkOf(row)))

  const social = rows.filter((r) => r.channel === 'x' || r.channel === 'mastodon')
  expect(social).toHaveLength(bulletinIds.length * 2)
  const duplicates = social.filter((r) => postsOf(r).length > 1)
  const sent = social.filter((r) => r.status === 'sent')
  const flagged = social.filter((r) => r.status === 'unknown' || r.status === 'failed')
  const lost = social.filter((r) => !TERMINAL.has(r.status) || r.status === 'skipped' || (r.status !== 'sent' && !r.error))
  // Each sent row names the post the network holds; a post without a sent row must be a flagged one.
  for (const r of sent) expect(postsOf(r).map((p) => p.id)).toEqual([r.remoteId])
  const postedButNotSent = social.filter((r) => r.status !== 'sent' && postsOf(r).length > 0)
  for (const r of postedButNotSent) expect(r.status).toBe('unknown')
  for (const r of flagged) expect(r.error).toMatch(/Reintentar|reintentar|Revisa/)

  console.info(
    `[social fault suite] faults injected: ${injected.length} (all met); distributions: ${social.length}; ` +
      `sent: ${sent.length}; flagged: ${flagged.length} (unknown ${flagged.filter((r) => r.status === 'unknown').length}, failed ${flagged.filter((r) => r.status === 'failed').length}); ` +
      `duplicates: ${duplicates.length}; lost: ${lost.length}; posts on X: ${fakeX.posts.length}, on Mastodon: ${fakeMastodon.statuses.length}`,
  )
  expect(duplicates).toEqual([])
  expect(lost).toEqual([])
  expect(sent.length + flagged.length).toBe(social.length)
}, 300_000)

async function settled(bulletinIds: number[]): Promise<Distribution[]> {
  return waitFor(
    async () => {
      const { docs } = await harness.t.payload.find({
        collection: 'distributions',
        where: { bulletin: { in: bulletinIds }, channel: { in: ['x', 'mastodon'] } },
        limit: 0,
        pagination: false,
        depth: 0,
      })
      return docs.length === bulletinIds.length * 2 && docs.every((d) => TERMINAL.has(d.status)) ? docs : null
    },
    { timeoutMs: 180_000, intervalMs: 250, message: 'every distribution to settle' },
  )
}
