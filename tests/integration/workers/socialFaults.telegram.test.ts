import { afterAll, beforeAll, it } from 'vitest'
import { startFakeTelegram, TELEGRAM_FAULTS, telegramEnv, type FakeTelegram } from '../../helpers/fakeTelegram'
import { expectEveryPostOnceOrFlagged, runSocialFaultSuite } from '../../helpers/socialFaultSuite'

/**
 * The fault suite on Telegram, 100 faults (flood waits on any send or on the post, a 500 on the post, the
 * message made and its answer lost three ways): every post made once or flagged for a person. A bot cannot
 * read its channel, so every unknown outcome is flagged «Sin confirmar» at once. Every fault costs a send and
 * the provider keeps to Telegram's 20 messages a minute per channel: the run takes several minutes.
 */

let telegram: FakeTelegram
beforeAll(async () => {
  telegram = await startFakeTelegram({ retryAfterSeconds: 1 })
})
afterAll(() => telegram?.close())

it('Telegram: 100 faults end with every post made once or flagged for a person', async () => {
  const report = await runSocialFaultSuite({ channel: 'telegram', fake: telegram, plan: TELEGRAM_FAULTS, env: telegramEnv(telegram), seed: 20_260_605 })
  console.info(report.line)
  expectEveryPostOnceOrFlagged(report)
}, 600_000)
