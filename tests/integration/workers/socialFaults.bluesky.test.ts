import { afterAll, beforeAll, it } from 'vitest'
import { BLUESKY_FAULTS, blueskyEnv, startFakeBluesky, type FakeBluesky } from '../../helpers/fakeBluesky'
import { expectEveryPostOnceOrFlagged, runSocialFaultSuite } from '../../helpers/socialFaultSuite'

/**
 * The fault suite on Bluesky, 100 faults (429 with a reset, 503 on any request or on the post, an access
 * token gone stale, the record made and its answer lost): every post made once or flagged for a person. Each
 * distribution keeps its record key, so a post whose answer was lost is read back by that key or created
 * again under it, and the PDS cannot hold two.
 */

let bluesky: FakeBluesky
beforeAll(async () => {
  bluesky = await startFakeBluesky({ rateLimitResetSeconds: 1 })
})
afterAll(() => bluesky?.close())

it('Bluesky: 100 faults end with every post made once or flagged for a person', async () => {
  const report = await runSocialFaultSuite({ channel: 'bluesky', fake: bluesky, plan: BLUESKY_FAULTS, env: blueskyEnv(bluesky), seed: 20_260_604 })
  console.info(report.line)
  expectEveryPostOnceOrFlagged(report)
}, 240_000)
