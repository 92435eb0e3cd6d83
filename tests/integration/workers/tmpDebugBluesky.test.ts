import { afterAll, beforeAll, it } from 'vitest'
import { BLUESKY_FAULTS, blueskyEnv, startFakeBluesky, type FakeBluesky } from '../../helpers/fakeBluesky'
import { runSocialFaultSuite } from '../../helpers/socialFaultSuite'

let bluesky: FakeBluesky
beforeAll(async () => {
  bluesky = await startFakeBluesky({ rateLimitResetSeconds: 1 })
})
afterAll(() => bluesky?.close())

it('debug', async () => {
  const timer = setInterval(() => {
    const last = bluesky.requests.slice(-6).map((r) => `${r.method} ${r.path.replace('/xrpc/', '')} -> ${r.response?.status ?? '…'}`)
    console.log(`[debug] t=${Math.round(process.uptime())} requests=${bluesky.requests.length} pending=${bluesky.pendingFaults()} records=${bluesky.records.length}\n  ${last.join('\n  ')}`)
  }, 10_000)
  try {
    const report = await runSocialFaultSuite({ channel: 'bluesky', fake: bluesky, plan: BLUESKY_FAULTS, env: blueskyEnv(bluesky), seed: 20_260_604, faults: 100 })
    console.info(report.line, report)
  } finally {
    clearInterval(timer)
  }
}, 300_000)
