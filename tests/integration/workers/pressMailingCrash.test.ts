import { beforeAll, expect, it } from 'vitest'
import { buildBulletin } from '../../helpers/builders'
import { CRASH_WINDOW as WINDOW, useCrashSuite } from '../../helpers/crashSuite'
import type { WorkerProcess } from '../../helpers/spawnWorkerProcess'
import { waitFor } from '../../helpers/waitFor'

/**
 * The issue's crash suite: the real worker process is SIGKILLed at random points of a 5,000-recipient mailing,
 * 20 times, and restarted each time. Nobody may get the bulletin twice; everyone whose delivery is not flagged
 * `unknown` gets it exactly once; the flagged ones are at most the in-flight window per kill: the messages on
 * the wire (one per SMTP connection) plus the accepted ones whose outcome was not written yet.
 */
const RECIPIENTS = 5000
const KILLS = 20

const suite = useCrashSuite('crash')

beforeAll(async () => {
  // Set-up, not the behaviour under test: 5,000 contacts in one statement.
  await suite.t.query(
    `INSERT INTO press_contacts (name, email, status, updated_at, created_at)
     SELECT 'Periodista ' || n, 'periodista' || n || '@medios.test', 'active', now(), now() FROM generate_series(1, $1) AS n`,
    [RECIPIENTS],
  )
})

function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

it('delivers exactly once to every recipient across 20 SIGKILLs of the worker, flagging only in-flight messages', { timeout: 1_200_000 }, async () => {
  const { t, sink } = suite
  let worker: WorkerProcess
  const bulletin = await buildBulletin(t.payload, { title: 'Boletín para la prueba de caídas', status: 'published' })
  const [mailing] = await t.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1 AND channel = 'press-mailing'`, [bulletin.id])
  // Only the mailing runs: the portal rebuild and the X post would only slow the restarts down.
  await t.query(`DELETE FROM pgboss.job WHERE name <> 'press-mailing'`)
  const seed = Date.now() % 1_000_000
  const random = seededRandom(seed)
  const status = async () => (await t.query<{ status: string }>('SELECT status FROM distributions WHERE id = $1', [mailing!.id]))[0]!.status
  const kills: Array<{ afterMessages: number; mode: string }> = []

  for (let kill = 0; kill < KILLS; kill++) {
    worker = suite.spawnWorker()
    const received = sink.messages.length
    if (random() < 0.2) {
      // Anywhere: while booting, recovering, writing the audience or sending.
      const ms = Math.floor(random() * 4000)
      await new Promise((resolve) => setTimeout(resolve, ms))
      kills.push({ afterMessages: sink.messages.length, mode: `after ${ms} ms` })
    } else {
      const target = Math.min(received + 20 + Math.floor(random() * 280), RECIPIENTS - 150)
      await waitFor(() => sink.messages.length >= target || worker!.child.exitCode !== null, {
        timeoutMs: 180_000,
        intervalMs: 5,
        message: `message ${target} at the sink (worker output: ${worker.tail()})`,
      })
      kills.push({ afterMessages: sink.messages.length, mode: `at message ${target}` })
    }
    expect(worker.child.exitCode, worker.tail()).toBeNull()
    worker.child.kill('SIGKILL')
    await worker.exited
  }
  expect(await status()).not.toBe('sent')

  worker = suite.spawnWorker()
  await waitFor(async () => (await status()) === 'sent', { timeoutMs: 600_000, intervalMs: 250, message: `the mailing to finish (${worker.tail()})` })
  worker.child.kill('SIGTERM')
  await worker.exited

  const rows = await t.query<{ email: string; status: string }>('SELECT email, status FROM deliveries WHERE distribution_id = $1', [mailing!.id])
  const perRecipient = suite.receivedPerRecipient()
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length
  const unknown = rows.filter((r) => r.status === 'unknown')
  const unknownArrived = unknown.filter((r) => perRecipient.get(r.email) === 1).length
  const notUnknownWrong = rows.filter((r) => r.status !== 'unknown' && perRecipient.get(r.email) !== 1)

  console.log(
    `crash suite (seed ${seed}): ${KILLS} kills, ${rows.length} recipients, ${sink.messages.length} messages received, ` +
      `${duplicates} duplicates, ${unknown.length} flagged unknown (${unknownArrived} of them had arrived, ${unknown.length - unknownArrived} had not); ` +
      `window ${WINDOW}/kill; kills: ${kills.map((k) => `${k.mode}→${k.afterMessages}`).join(', ')}`,
  )
  expect(rows).toHaveLength(RECIPIENTS)
  expect(new Set(rows.map((r) => r.email)).size).toBe(RECIPIENTS)
  expect(duplicates).toBe(0)
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(unknown.length > 0 ? ['sent', 'unknown'] : ['sent']))
  expect(notUnknownWrong).toEqual([])
  expect(unknown.length).toBeLessThanOrEqual(KILLS * WINDOW)
  const [distribution] = await t.query<{ detail: { counts: Record<string, number> } }>('SELECT detail FROM distributions WHERE id = $1', [mailing!.id])
  expect(distribution!.detail.counts).toMatchObject({ sent: RECIPIENTS - unknown.length, unknown: unknown.length, pending: 0 })
})
