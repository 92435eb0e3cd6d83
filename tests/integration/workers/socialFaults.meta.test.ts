import { afterEach, beforeEach, it } from 'vitest'
import { FACEBOOK_FAULTS, INSTAGRAM_FAULTS, metaEnv, startFakeMetaGraph, THREADS_FAULTS, type FakeMetaGraph } from '../../helpers/fakeMetaGraph'
import { expectEveryPostOnceOrFlagged, runSocialFaultSuite } from '../../helpers/socialFaultSuite'

/**
 * The fault suite on Meta's three networks, 100 faults each (throttling and a nearly used quota, 503 on any
 * request or on the post, the post made and its answer lost three ways; Facebook's duplicate refusal;
 * Instagram's publishing limit and an image it cannot fetch): every post made once or flagged for a person.
 * Instagram skips the bulletins without a photo, counted apart.
 */

let meta: FakeMetaGraph
beforeEach(async () => {
  // Throttling asks for 0.6 s; Instagram's quota window is short enough never to hold the run up.
  meta = await startFakeMetaGraph({ regainAccessMinutes: 0.01, instagramQuota: { total: 100, windowSeconds: 10 } })
})
afterEach(() => meta.close())

it('Facebook: 100 faults end with every post made once or flagged for a person', async () => {
  const report = await runSocialFaultSuite({ channel: 'facebook', fake: meta.facebook, plan: FACEBOOK_FAULTS, env: metaEnv(meta), seed: 20_260_601 })
  console.info(report.line)
  expectEveryPostOnceOrFlagged(report)
}, 240_000)

it('Instagram: 100 faults end with every post made once or flagged for a person', async () => {
  const report = await runSocialFaultSuite({ channel: 'instagram', fake: meta.instagram, plan: INSTAGRAM_FAULTS, env: metaEnv(meta), seed: 20_260_602 })
  console.info(report.line)
  expectEveryPostOnceOrFlagged(report)
}, 240_000)

it('Threads: 100 faults end with every post made once or flagged for a person', async () => {
  const report = await runSocialFaultSuite({ channel: 'threads', fake: meta.threads, plan: THREADS_FAULTS, env: metaEnv(meta), seed: 20_260_603 })
  console.info(report.line)
  expectEveryPostOnceOrFlagged(report)
}, 240_000)
