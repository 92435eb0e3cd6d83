/**
 * `npm run worker` on a second machine: a worker alone, against the same database, taking only the queues in
 * WORKER_QUEUES; a misspelt queue is refused before it connects (its jobs would otherwise wait forever).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { getProducer, stopProducers } from '@pregon/core/boss'
import { QUEUES } from '@pregon/core/queues'
import { spawnWorkerProcess, type WorkerProcess } from '../../helpers/spawnWorkerProcess'
import { startSmtpSink, type SmtpSink } from '../../helpers/smtpSink'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'
import { waitFor } from '../../helpers/waitFor'

let t: TestPayload
let sink: SmtpSink
let dataDir: string
let worker: WorkerProcess | undefined

beforeAll(async () => {
  sink = await startSmtpSink()
  t = await startTestPayload({ env: { SMTP_URL: sink.url } })
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-worker-alone-'))
})
afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.child.kill('SIGTERM')
    await worker.exited
  }
  await t?.close()
  await sink?.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

const env = (queues: string) => ({
  DATABASE_URL: t.databaseUrl,
  PAYLOAD_SECRET: t.config.payloadSecret!,
  DATA_DIR: dataDir,
  SMTP_URL: sink.url,
  WORKER_QUEUES: queues,
  LOG_LEVEL: 'warn',
})

it('refuses an unknown queue by name, listing the real ones', async () => {
  const refused = spawnWorkerProcess(env('press-mailing,correo-masivo'))
  await refused.exited
  expect(refused.child.exitCode).toBe(1)
  expect(refused.tail()).toContain('WORKER_QUEUES: cola desconocida «correo-masivo»')
  expect(refused.tail()).toContain('press-mailing')
})

it('takes only the queues it was given, and says so in its heartbeat', async () => {
  worker = spawnWorkerProcess(env('press-mailing, x-post'))
  const [beat] = await waitFor(
    async () => {
      const rows = await t.query<{ instance: string; detail: { queues: string[] } }>(`SELECT instance, detail FROM ops_heartbeats WHERE service = 'worker'`)
      return rows.length > 0 ? rows : null
    },
    { timeoutMs: 90_000, intervalMs: 500, message: `the worker's heartbeat\n${worker.tail()}` },
  )
  expect(beat!.detail.queues.sort()).toEqual(['press-mailing', 'x-post'])
  expect(beat!.instance).toMatch(/:press-mailing,x-post$/)
  // A queue it was not given is left for another worker: a portal rebuild sent now stays waiting.
  const producer = await getProducer(t.databaseUrl)
  const jobId = await producer.send(QUEUES.rebuildPortal, { reason: 'worker-alone test' })
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  const [job] = await t.query<{ state: string }>(`SELECT state::text AS state FROM pgboss.job WHERE id = $1`, [jobId])
  expect(job?.state).toBe('created')
  await stopProducers()
})
