import pino from 'pino'
import { createMailer, type Mailer } from '@pregon/workers/providers/smtp/createMailer'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtpSink'
import { startTestPayload, type TestPayload } from './startTestPayload'

export interface TaskHarness {
  t: TestPayload
  sink: SmtpSink
  mailer: Mailer
  /** What the worker hands every task: every network in dry-run mode, mail to the real SMTP sink. */
  ctx: TaskContext
  close(): Promise<void>
}

/** Payload on a fresh database plus a real SMTP server on 127.0.0.1, wired as the worker wires its tasks. */
export async function startTaskHarness({ env = {}, sink: sinkOptions }: { env?: Record<string, string>; sink?: SmtpSinkOptions } = {}): Promise<TaskHarness> {
  const sink = await startSmtpSink(sinkOptions)
  const t = await startTestPayload({ env: { SMTP_URL: sink.url, ...env } })
  const mailer = createMailer({ smtpUrl: sink.url, from: t.config.mail.from, connections: t.config.mail.connections, dkim: t.config.mail.dkim })
  const ctx: TaskContext = { payload: t.payload, config: t.config, log: pino({ level: 'silent' }), networks: createSocialProviders(t.config, { dryRun: true }), mailer }
  return {
    t,
    sink,
    mailer,
    ctx,
    async close() {
      mailer.close()
      await t.close()
      await sink.close()
    },
  }
}
