import { expect, it } from 'vitest'
import { buildBulletin, buildDepartment } from '../../helpers/builders'
import { CRASH_WINDOW as WINDOW, useCrashSuite } from '../../helpers/crashSuite'
import type { WorkerProcess } from '../../helpers/spawnWorkerProcess'
import { waitFor } from '../../helpers/waitFor'

/**
 * The crash suite for digests: the real worker process is SIGKILLed 10 times in the middle of a daily
 * digest to 3,000 subscribers and restarted each time (the minute sweep resumes it). Nobody may get the
 * digest twice; everyone whose delivery is not flagged `unknown` gets it exactly once; the flagged ones are at
 * most the in-flight window per kill.
 */
const SUBSCRIBERS = 3000
const KILLS = 10

const suite = useCrashSuite('digest-crash')

it('mails a daily digest exactly once per subscriber across 10 SIGKILLs of the worker, flagging only in-flight messages', { timeout: 900_000 }, async () => {
  const { t, sink } = suite
  let worker: WorkerProcess
  const water = await buildDepartment(t.payload, 'Agua Potable')
  const start = new Date()
  await buildBulletin(t.payload, { title: 'Corte de agua en el centro', status: 'published', department: water.id, skipDistribution: true })
  await buildBulletin(t.payload, { title: 'Feria del libro en la plaza', status: 'published', skipDistribution: true })
  const end = new Date(Date.now() + 500)
  // Set-up, not the behaviour under test: confirmed daily subscribers in one statement; one in three only wants Agua Potable.
  await t.query(
    `INSERT INTO subscribers (email, status, frequency, include_bulletins, include_programs, emergencies, confirmed_at, updated_at, created_at)
     SELECT 'vecino' || n || '@correo.test', 'active', 'daily', true, true, true, now() - interval '1 day', now(), now() FROM generate_series(1, $1) AS n`,
    [SUBSCRIBERS],
  )
  await t.query(`INSERT INTO subscribers_rels (parent_id, path, departments_id, "order") SELECT id, 'departments', $1, 1 FROM subscribers WHERE id % 3 = 0`, [water.id])
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, end.getTime() - Date.now())))
  const [digest] = await t.query<{ id: number }>(`INSERT INTO subscriber_digests (frequency, period_start, period_end, status) VALUES ('daily', $1, $2, 'pending') RETURNING id`, [start, end])
  // Only the digest runs (the worker's start-up sweep queues it): rebuilds and posts would only slow restarts down.
  await t.query(`DELETE FROM pgboss.job`)
  const status = async () => (await t.query<{ status: string }>('SELECT status FROM subscriber_digests WHERE id = $1', [digest!.id]))[0]!.status
  const kills: number[] = []
  for (let kill = 0; kill < KILLS; kill++) {
    worker = suite.spawnWorker()
    const target = Math.min(sink.messages.length + 40 + kill * 17, SUBSCRIBERS - 200)
    await waitFor(() => sink.messages.length >= target || worker!.child.exitCode !== null, { timeoutMs: 180_000, intervalMs: 5, message: `message ${target} at the sink (worker output: ${worker.tail()})` })
    expect(worker.child.exitCode, worker.tail()).toBeNull()
    worker.child.kill('SIGKILL')
    await worker.exited
    kills.push(sink.messages.length)
  }
  expect(await status()).toBe('sending')

  worker = suite.spawnWorker()
  await waitFor(async () => (await status()) === 'sent', { timeoutMs: 300_000, intervalMs: 250, message: `the digest to finish (${worker.tail()})` })
  worker.child.kill('SIGTERM')
  await worker.exited

  const rows = await t.query<{ email: string; status: string; content_key: string }>('SELECT email, status, content_key FROM subscriber_deliveries WHERE digest_id = $1', [digest!.id])
  const perRecipient = suite.receivedPerRecipient()
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length
  const unknown = rows.filter((r) => r.status === 'unknown')
  const notUnknownWrong = rows.filter((r) => r.status !== 'unknown' && perRecipient.get(r.email) !== 1)
  console.log(`digest crash suite: ${KILLS} kills at ${kills.join(', ')} messages; ${rows.length} recipients, ${sink.messages.length} received, ${duplicates} duplicates, ${unknown.length} flagged unknown`)
  expect(rows).toHaveLength(SUBSCRIBERS)
  // Two contents: both bulletins, or only the water cut for those who want only Agua Potable.
  expect(new Set(rows.map((r) => r.content_key)).size).toBe(2)
  expect(duplicates).toBe(0)
  expect(notUnknownWrong).toEqual([])
  expect(unknown.length).toBeLessThanOrEqual(KILLS * WINDOW)
  expect(sink.messages.length).toBe(rows.filter((r) => r.status === 'sent').length + unknown.filter((r) => perRecipient.get(r.email) === 1).length)
})
