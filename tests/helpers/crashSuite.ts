import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { maxUnrecordedFor } from '@pregon/workers/mail/sendThroughLanes'
import { startSmtpSink, type SmtpSink } from './smtpSink'
import { startTestPayload, type TestPayload } from './startTestPayload'
import { spawnWorkerProcess, type WorkerProcess } from './spawnWorkerProcess'

/** SMTP connections of the crashed workers; the in-flight window per kill follows from it. */
export const CRASH_CONNECTIONS = 5
/** What one kill may leave unknown: the messages on the wire plus the accepted ones not recorded yet. */
export const CRASH_WINDOW = CRASH_CONNECTIONS + maxUnrecordedFor(CRASH_CONNECTIONS)

export interface CrashSuite {
  t: TestPayload
  sink: SmtpSink
  /** Starts a real worker process on the suite's database, sink and data folder. */
  spawnWorker(): WorkerProcess
  /** How many messages the sink received for each envelope recipient. */
  receivedPerRecipient(): Map<string, number>
}

/**
 * The crash suites' set-up: a sink keeping only envelopes and bytes, Payload on a fresh database, a data
 * folder for the workers' journals, and the last worker killed at the end. Call at a test file's top level.
 */
export function useCrashSuite(name: string): CrashSuite {
  let dataDir: string | undefined
  let worker: WorkerProcess | undefined
  const suite = { receivedPerRecipient } as CrashSuite

  beforeAll(async () => {
    suite.sink = await startSmtpSink({ parse: false })
    suite.t = await startTestPayload({ env: { SMTP_URL: suite.sink.url, MAIL_CONNECTIONS: String(CRASH_CONNECTIONS) } })
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `pregon-${name}-`))
  })

  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL')
      await worker.exited
    }
    await suite.t?.close()
    await suite.sink?.close()
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
  })

  suite.spawnWorker = () => {
    const { t, sink } = suite
    worker = spawnWorkerProcess({
      DATABASE_URL: t.databaseUrl,
      PAYLOAD_SECRET: t.config.payloadSecret!,
      DATA_DIR: dataDir!,
      SMTP_URL: sink.url,
      MAIL_CONNECTIONS: String(CRASH_CONNECTIONS),
      LOG_LEVEL: 'warn',
    })
    return worker
  }

  function receivedPerRecipient(): Map<string, number> {
    const perRecipient = new Map<string, number>()
    for (const message of suite.sink.messages) for (const to of message.envelope.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
    return perRecipient
  }
  return suite
}
