/**
 * `npm run bench:mail`: a 5,000-recipient press mailing to a local SMTP sink (its own process). Pregón's
 * figure is everything the task does: writing the audience to the ledger, rendering the mjml message,
 * composing each copy, journaling and recording every delivery in PostgreSQL. Baseline, in the same run: the
 * ceiling the pool and the sink allow — nodemailer's pool (same options, same sink) sending the same messages
 * composed beforehand (untimed). A second reference: nodemailer composing each message as it sends it.
 * Targets: ≥ 1,000 msg/s and ≥ 0.9× the ceiling. `BENCH_RECIPIENTS`, `BENCH_ROUNDS` shrink it while iterating;
 * `BENCH_PROFILE=<dir>` writes a CPU profile of each round's Pregón part.
 */
import { personalizePressEmail, type PressMessageTemplate } from '@pregon/workers/mail/personalizePressEmail'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { buildBulletin } from '../helpers/builders'
import { profileSpan } from './profileSpan'
import { median, startMailBench } from './startMailBench'

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 5000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const bench = await startMailBench('mail')
const { ctx, config, payload, db, sink } = bench
const pregon: number[] = []
const ceiling: number[] = []
const composeEach: number[] = []
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
    const started = performance.now()
    const report = await profileSpan(`mail-round-${round + 1}`, () => sendPressMailing(ctx, distributionId))
    const pregonSeconds = (performance.now() - started) / 1000
    const pregonReceived = (await sink.count()) - before
    if (report.sent !== RECIPIENTS || pregonReceived !== RECIPIENTS) throw new Error(`Pregón sent ${report.sent}, the sink got ${pregonReceived}`)
    pregon.push(RECIPIENTS / pregonSeconds)

    // The same messages Pregón just sent (its rendered template, each recipient's headers and link).
    const { rows: detail } = await db.query<{ detail: { message: PressMessageTemplate } }>('SELECT detail FROM distributions WHERE id = $1', [distributionId])
    const template = detail[0]!.detail.message
    const messages = contacts.map((c) => personalizePressEmail({ template, to: c.email, contactId: c.id, secret: config.payloadSecret!, cmsUrl: config.cms.url, from: config.mail.from }))
    ceiling.push(await bench.precomposedRate(messages))

    // Second reference: nodemailer composing each message as it sends it.
    const transport = bench.poolTransport()
    const rawBefore = await sink.count()
    const rawStarted = performance.now()
    await Promise.all(messages.map((message) => transport.sendMail({ from: config.mail.from, ...message })))
    composeEach.push(RECIPIENTS / ((performance.now() - rawStarted) / 1000))
    transport.close()
    if ((await sink.count()) - rawBefore !== RECIPIENTS) throw new Error('nodemailer composing each: the sink did not get every message')
    console.log(
      `round ${round + 1}: Pregón ${pregon.at(-1)!.toFixed(0)} msg/s (${pregonSeconds.toFixed(2)} s), pre-composed ceiling ${ceiling.at(-1)!.toFixed(0)} msg/s (ratio ${(pregon.at(-1)! / ceiling.at(-1)!).toFixed(2)}×), nodemailer composing each ${composeEach.at(-1)!.toFixed(0)} msg/s`,
    )
  }
  const p = median(pregon)
  const c = median(ceiling)
  const ratios = pregon.map((rate, i) => rate / ceiling[i]!)
  console.log(`\nPress mailing, ${RECIPIENTS} recipients, ${config.mail.connections} pooled SMTP connections, median of ${ROUNDS} rounds (baseline: nodemailer's pool sending the same messages composed beforehand, same sink, same run)`)
  console.table([
    { sender: 'Pregón (whole task: audience, mjml, journal, ledger)', 'msg/s': Math.round(p) },
    { sender: 'nodemailer, messages composed beforehand (baseline: the ceiling)', 'msg/s': Math.round(c) },
    { sender: 'nodemailer composing each message (reference)', 'msg/s': Math.round(median(composeEach)), 'Pregón ×': (p / median(composeEach)).toFixed(2) },
  ])
  const ratio = median(ratios)
  console.log(
    `ratio Pregón / ceiling: ${ratio.toFixed(2)}× (median of the rounds' ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.90×) · Pregón ${Math.round(p)} msg/s (target ≥ 1,000): ${p >= 1000 && ratio >= 0.9 ? 'targets met' : 'TARGETS NOT MET'}`,
  )
} finally {
  await bench.close()
}
process.exit(0)
