/**
 * `npm run bench:mail`: a 5,000-recipient press mailing to a local SMTP sink, against raw pooled nodemailer
 * sending the same 5,000 messages (same content, same headers, same pool) to the same sink in the same run.
 * Pregón's figure includes everything a mailing does: writing the audience to the ledger, rendering the mjml
 * message, composing each copy, journaling and recording every delivery in PostgreSQL. A third figure, nodemailer
 * handed messages composed beforehand (untimed), shows what the pool and the sink allow. Target: ≥ 1,000 msg/s and ≥ 0.9× raw.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import MailComposer from 'nodemailer/lib/mail-composer'
import pg from 'pg'
import pino from 'pino'
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { spawnService } from '@pregon/launcher/spawnService'
import { createMailer, poolOptions } from '@pregon/workers/providers/smtp/createMailer'
import { personalizePressEmail, type PressMessageTemplate } from '@pregon/workers/mail/personalizePressEmail'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { buildBulletin } from '../helpers/builders'
import { freePort } from '../helpers/freePort'
import { createTestDatabase } from '../helpers/testDatabase'
import { startCountingSink } from './startCountingSink'

const RECIPIENTS = 5000
const ROUNDS = 3
const root = fileURLToPath(new URL('../..', import.meta.url))

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-mail-'))
const postgres = await spawnService({
  name: 'bench-postgres',
  script: path.join(root, 'launcher/runPostgres.ts'),
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: path.join(root, '.data/bench'), EMBEDDED_PG_PORT: String(await freePort()) },
  readyTimeoutMs: 60_000,
})
const adminUrl = String(postgres.ready.url)
const databaseUrl = await createTestDatabase(adminUrl)
const sink = await startCountingSink()
const config = loadConfig({ DATABASE_URL: databaseUrl, PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: work, LOG_LEVEL: 'silent', SMTP_URL: sink.url })
await prepareQueues(databaseUrl)
const payload = await bootPayload(config, { migrate: true })
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 })
const mailer = createMailer({ smtpUrl: sink.url, from: config.mail.from, connections: config.mail.connections })
const ctx = { payload, config, log: pino({ level: 'silent' }), networks: createSocialProviders(config, { dryRun: true }), mailer }
const pregon: number[] = []
const raw: number[] = []
/** Pre-composed buffers handed to nodemailer: no composition at all, what the pool and the sink allow (a ceiling, not the baseline). */
const ceiling: number[] = []
try {
  await db.query(
    `INSERT INTO press_contacts (name, email, status, updated_at, created_at)
     SELECT 'Periodista ' || n, 'periodista' || n || '@medios.test', 'active', now(), now() FROM generate_series(1, $1) AS n`,
    [RECIPIENTS],
  )
  const contacts = (await db.query<{ id: number; email: string }>('SELECT id, email FROM press_contacts ORDER BY id')).rows

  for (let round = 0; round < ROUNDS; round++) {
    const bulletin = await buildBulletin(payload, { title: `Boletín de la medición ${round + 1}`, status: 'published', paragraphs: ['Primer párrafo.', 'Segundo párrafo con más texto para un correo de tamaño real.'] })
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1 AND channel = 'press-mailing'`, [bulletin.id])
    const distributionId = rows[0]!.id

    // Pregón: the whole task, from the job's id to the last recorded delivery.
    const before = await sink.count()
    let started = performance.now()
    const report = await sendPressMailing(ctx, distributionId)
    const pregonSeconds = (performance.now() - started) / 1000
    const pregonReceived = (await sink.count()) - before
    if (report.sent !== RECIPIENTS || pregonReceived !== RECIPIENTS) throw new Error(`Pregón sent ${report.sent}, the sink got ${pregonReceived}`)
    pregon.push(RECIPIENTS / pregonSeconds)

    // Raw nodemailer: the same messages Pregón just sent (its rendered template, each recipient's headers).
    const { rows: detail } = await db.query<{ detail: { message: PressMessageTemplate } }>('SELECT detail FROM distributions WHERE id = $1', [distributionId])
    const template = detail[0]!.detail.message
    const messages = contacts.map((c) => personalizePressEmail({ template, to: c.email, contactId: c.id, secret: config.payloadSecret!, cmsUrl: config.cms.url, from: config.mail.from }))
    const transport = nodemailer.createTransport(poolOptions({ smtpUrl: sink.url, connections: config.mail.connections }))
    const rawBefore = await sink.count()
    started = performance.now()
    await Promise.all(messages.map((message) => transport.sendMail({ from: config.mail.from, ...message })))
    const rawSeconds = (performance.now() - started) / 1000
    transport.close()
    const rawReceived = (await sink.count()) - rawBefore
    if (rawReceived !== RECIPIENTS) throw new Error(`raw nodemailer: the sink got ${rawReceived}`)
    raw.push(RECIPIENTS / rawSeconds)

    const buffers = await Promise.all(messages.map((message) => new MailComposer({ from: config.mail.from, ...message }).compile().build()))
    const ceilingTransport = nodemailer.createTransport(poolOptions({ smtpUrl: sink.url, connections: config.mail.connections }))
    const ceilingBefore = await sink.count()
    started = performance.now()
    await Promise.all(buffers.map((buffer, i) => ceilingTransport.sendMail({ envelope: { from: config.mail.from, to: [messages[i]!.to] }, raw: buffer })))
    const ceilingSeconds = (performance.now() - started) / 1000
    ceilingTransport.close()
    if ((await sink.count()) - ceilingBefore !== RECIPIENTS) throw new Error('pre-composed nodemailer: the sink did not get every message')
    ceiling.push(RECIPIENTS / ceilingSeconds)
    console.log(
      `round ${round + 1}: Pregón ${pregon.at(-1)!.toFixed(0)} msg/s (${pregonSeconds.toFixed(2)} s), raw nodemailer ${raw.at(-1)!.toFixed(0)} msg/s (${rawSeconds.toFixed(2)} s), pre-composed ${ceiling.at(-1)!.toFixed(0)} msg/s`,
    )
  }
  report()
} finally {
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
}

function report(): void {
const p = median(pregon)
const r = median(raw)
console.log(`\nPress mailing, ${RECIPIENTS} recipients, ${config.mail.connections} pooled SMTP connections, median of ${ROUNDS} rounds (baseline: raw pooled nodemailer, same messages, same sink, same run)`)
console.table([
  { sender: 'Pregón (whole task: audience, mjml, journal, ledger)', 'msg/s': Math.round(p) },
  { sender: 'raw pooled nodemailer (baseline)', 'msg/s': Math.round(r) },
  { sender: 'nodemailer, messages composed beforehand (ceiling)', 'msg/s': Math.round(median(ceiling)) },
])
console.log(`ratio Pregón / raw: ${(p / r).toFixed(2)}× (target ≥ 0.90×) · Pregón ${Math.round(p)} msg/s (target ≥ 1,000): ${p >= 1000 && p / r >= 0.9 ? 'targets met' : 'TARGETS NOT MET'}`)
}
process.exit(0)
