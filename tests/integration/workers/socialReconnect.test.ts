import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyDistributionAction } from '@pregon/cms/distribution/distributionActions'
import type { Distribution } from '@pregon/cms/payload-types'
import { socialSpec, type SocialChannel } from '@pregon/core/channels'
import { bulletinLink } from '@pregon/core/composePostText'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { buildMedia, team } from '../../helpers/builders'
import { blueskyEnv, startFakeBluesky, type FakeBluesky } from '../../helpers/fakeBluesky'
import { metaEnv, startFakeMetaGraph, type FakeMetaGraph } from '../../helpers/fakeMetaGraph'
import type { FakeSocialNetwork } from '../../helpers/fakeSocialNetwork'
import { startFakeTelegram, telegramEnv, type FakeTelegram } from '../../helpers/fakeTelegram'
import { publishBulletin, QUICK_RETRIES, quickSocialProviders, SITE_URL } from '../../helpers/socialFaultSuite'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * A token that expires or is revoked stops the account: the distribution fails retryable with a Spanish
 * message naming what to renew, and the account is flagged «Reconectar». Once a person has renewed it and
 * used «Reintentar», the post goes out, once. Each fake refuses the credentials once, so the retry meets
 * them renewed.
 */

let harness: TaskHarness
let meta: FakeMetaGraph
let bluesky: FakeBluesky
let telegram: FakeTelegram
let worker: RunningWorker
let heroId: number

/** Each network's stand-in, how its credentials stop working, and the variable the message tells to renew. */
const CASES: Array<{ channel: SocialChannel; renew: string; network: () => FakeSocialNetwork; refuseCredentials: () => void }> = [
  { channel: 'facebook', renew: 'FACEBOOK_PAGE_ACCESS_TOKEN', network: () => meta.facebook, refuseCredentials: () => meta.facebook.failNext('expired-token') },
  { channel: 'instagram', renew: 'INSTAGRAM_ACCESS_TOKEN', network: () => meta.instagram, refuseCredentials: () => meta.instagram.failNext('expired-token') },
  { channel: 'threads', renew: 'THREADS_ACCESS_TOKEN', network: () => meta.threads, refuseCredentials: () => meta.threads.failNext('expired-token') },
  {
    channel: 'bluesky',
    renew: 'BLUESKY_APP_PASSWORD',
    network: () => bluesky,
    // The app password was revoked: the session's tokens are refused, and so is the login that would renew them.
    refuseCredentials: () => {
      bluesky.revokeSessions()
      bluesky.failNext('invalid-password')
    },
  },
  { channel: 'telegram', renew: 'TELEGRAM_BOT_TOKEN', network: () => telegram, refuseCredentials: () => telegram.failNext('revoked-token') },
]

beforeAll(async () => {
  meta = await startFakeMetaGraph()
  bluesky = await startFakeBluesky()
  telegram = await startFakeTelegram()
  harness = await startTaskHarness({ env: { SITE_URL, ...metaEnv(meta), ...blueskyEnv(bluesky), ...telegramEnv(telegram) } })
  const { t } = harness
  worker = await startWorker(
    { ...harness.ctx, networks: quickSocialProviders(t.config), social: QUICK_RETRIES },
    { databaseUrl: t.databaseUrl, queues: CASES.map(({ channel }) => socialSpec(channel).queue) },
  )
  heroId = (await buildMedia(t.payload, 'Brigada municipal pintando la escuela primaria Benito Juárez')).id
})

afterAll(async () => {
  await worker?.stop()
  await harness?.close()
  await Promise.all([meta?.close(), bluesky?.close(), telegram?.close()])
})

it.each(CASES)('$channel: a refused token flags the account «Reconectar», and after «Reintentar» the post goes out once', async ({ channel, renew, network, refuseCredentials }) => {
  const { payload, config } = harness.t
  const postsLinking = (slug: string | null | undefined) => network().posts().filter((post) => post.text.includes(bulletinLink(config.portal.url, slug ?? '')))
  const before = await publishBulletin(harness, channel, { title: `Brigada de pintura en escuelas, aviso para ${channel}`, heroImage: heroId })
  await settledAs(before.id, channel, 'sent')

  refuseCredentials()
  const bulletin = await publishBulletin(harness, channel, { title: `Campaña de descacharrización, aviso para ${channel}`, heroImage: heroId })
  const refused = await settledAs(bulletin.id, channel, 'failed')
  expect(refused).toMatchObject({ isRetryable: true, error: expect.stringContaining(renew) })
  expect(refused.error).toContain('«Reintentar»')
  expect(await needsReconnect(channel)).toBe(true)
  expect(postsLinking(bulletin.slug)).toEqual([])

  const { editor } = await team(payload)
  await applyDistributionAction({ payload, id: refused.id, action: 'retry', user: editor })
  expect(await needsReconnect(channel)).toBe(false)
  const sent = await settledAs(bulletin.id, channel, 'sent')
  expect(postsLinking(bulletin.slug).map((post) => post.id)).toEqual([sent.remoteId])
  expect(postsLinking(before.slug)).toHaveLength(1)
}, 60_000)

/** The bulletin's row for `channel`, once it is `status`. */
async function settledAs(bulletinId: number, channel: SocialChannel, status: Distribution['status']): Promise<Distribution> {
  return waitFor(
    async () => {
      const { docs } = await harness.t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId }, channel: { equals: channel } }, depth: 0 })
      return docs[0]?.status === status ? docs[0] : null
    },
    { timeoutMs: 30_000, intervalMs: 100, message: `the ${channel} distribution to be ${status}` },
  )
}

async function needsReconnect(channel: SocialChannel): Promise<boolean | null | undefined> {
  const { docs } = await harness.t.payload.find({ collection: 'social-accounts', where: { channel: { equals: channel } }, depth: 0 })
  return docs[0]?.needsReconnect
}
