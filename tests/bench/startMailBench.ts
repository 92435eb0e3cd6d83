/**
 * What the mail benchmarks share: PostgreSQL, a database with Pregón's schema, Payload, a counting SMTP sink
 * in its own process, the worker's mailer, and the ceiling every mailing is measured against: nodemailer's
 * pool (same options, same sink) sending messages composed before the clock starts.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Transporter } from 'nodemailer'
import MailComposer from 'nodemailer/lib/mail-composer'
import pg from 'pg'
import pino from 'pino'
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { createMailer, poolOptions, type OutgoingMessage } from '@pregon/workers/providers/smtp/createMailer'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { createTestDatabase } from '../helpers/testDatabase'
import { startBenchPostgres } from './startBenchPostgres'
import { startCountingSink } from './startCountingSink'

const root = fileURLToPath(new URL('../..', import.meta.url))
// The worker's own nodemailer (the root one may be another version): the ceiling is its pool, not another's.
const nodemailer = createRequire(path.join(root, 'workers/package.json'))('nodemailer') as typeof import('nodemailer').default

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export interface MailBench {
  ctx: TaskContext
  config: TaskContext['config']
  payload: TaskContext['payload']
  /** A small pool of its own, for seeding and checks. */
  db: pg.Pool
  sink: Awaited<ReturnType<typeof startCountingSink>>
  /** A nodemailer pool with the worker's options to the sink (the caller closes it). */
  poolTransport(): Transporter
  /** Sends `messages` through nodemailer's pool to the sink, composing them first (untimed); messages per second. */
  precomposedRate(messages: OutgoingMessage[]): Promise<number>
  close(): Promise<void>
}

/** `BENCH_PORT`: PostgreSQL listens there and the sink on the next port (the OS picks both when unset). */
export async function startMailBench(name: string): Promise<MailBench> {
  const basePort = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : null
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `pregon-bench-${name}-`))
  const postgres = await startBenchPostgres({ dataDir: path.join(root, '.data/bench'), port: basePort })
  const adminUrl = String(postgres.ready.url)
  const databaseUrl = await createTestDatabase(adminUrl)
  const sink = await startCountingSink(basePort ? basePort + 1 : 0)
  const config = loadConfig({ DATABASE_URL: databaseUrl, PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: work, LOG_LEVEL: 'silent', SMTP_URL: sink.url })
  await prepareQueues(databaseUrl)
  const payload = await bootPayload(config, { migrate: true })
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const mailer = createMailer({ smtpUrl: sink.url, from: config.mail.from, connections: config.mail.connections })
  const ctx: TaskContext = { payload, config, log: pino({ level: 'silent' }), networks: createSocialProviders(config, { dryRun: true }), mailer }

  const poolTransport = () => nodemailer.createTransport(poolOptions({ smtpUrl: sink.url, connections: config.mail.connections }))

  async function precomposedRate(messages: OutgoingMessage[]): Promise<number> {
    const buffers = await Promise.all(messages.map((message) => new MailComposer({ from: config.mail.from, ...message }).compile().build()))
    const transport = poolTransport()
    const before = await sink.count()
    const started = performance.now()
    await Promise.all(buffers.map((raw, i) => transport.sendMail({ envelope: { from: config.mail.from, to: [messages[i]!.to] }, raw })))
    const seconds = (performance.now() - started) / 1000
    transport.close()
    const received = (await sink.count()) - before
    if (received !== messages.length) throw new Error(`pre-composed nodemailer: the sink got ${received} of ${messages.length}`)
    return messages.length / seconds
  }

  return {
    ctx,
    config,
    payload,
    db,
    sink,
    poolTransport,
    precomposedRate,
    async close() {
      // The database server stops last; idle pooled connections it ends are not failures of the measurement.
      ;(payload.db as unknown as { pool: pg.Pool }).pool.on('error', () => {})
      mailer.close()
      await db.end()
      await stopProducers()
      await payload.destroy()
      await sink.close()
      const admin = new pg.Client({ connectionString: adminUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`).catch(() => {})
      await admin.end()
      await postgres.stop()
      await fs.rm(work, { recursive: true, force: true })
    },
  }
}
