/**
 * `npm run bench:subscribers`: 100,000 citizens' subscriptions across 30 topic combinations (department ×
 * kind choices), half immediate and half daily; one bulletin mailed at once to the immediate ones who match it,
 * then the day's digest (three bulletins) to the daily ones, to a local SMTP sink in its own process. Pregón's
 * figure is the whole of both tasks: audience, rendering each distinct content once, composing copies,
 * journal and ledger. Baseline in the same run: pooled nodemailer sending the same number of messages
 * composed beforehand (untimed) to the same sink. Targets: ≥ 1,000 msg/s, ≥ 0.9× the baseline, peak RSS ≤ 500 MB.
 */
import { fillPressEmail, subscriberLinksFor, type PressMessageTemplate } from '@pregon/workers/mail/personalizePressEmail'
import { sendSubscriberDigest } from '@pregon/workers/tasks/sendSubscriberDigest'
import { sendSubscriberMailing } from '@pregon/workers/tasks/sendSubscriberMailing'
import { buildBulletin, buildDepartment } from '../helpers/builders'
import { startMailBench } from './startMailBench'

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000)

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)

const bench = await startMailBench('subscribers')
const { ctx, config, payload, db, sink } = bench
try {
  const departments = [await buildDepartment(payload, 'Agua Potable'), await buildDepartment(payload, 'Obras Públicas'), await buildDepartment(payload, 'Protección Civil')].map((d) => d.id)
  // 30 combinations: 6 department choices × 5 kind choices; even subscribers immediate, odd ones daily.
  const departmentChoices = [[], [departments[0]], [departments[1]], [departments[2]], [departments[0], departments[1]], [departments[1], departments[2]]]
  const kindChoices = [[], ['boletin'], ['aviso'], ['boletin', 'aviso'], ['comunicado']]
  let started = performance.now()
  await db.query(
    `INSERT INTO subscribers (email, status, frequency, include_bulletins, include_programs, emergencies, confirmed_at, requested_at, updated_at, created_at)
     SELECT 'vecino' || n || '@correo.test', 'active', CASE WHEN n % 2 = 0 THEN 'immediate' ELSE 'daily' END::enum_subscribers_frequency, true, true, true,
            now() - interval '1 day', now() - interval '1 day', now(), now()
       FROM generate_series(1, $1) AS n`,
    [SUBSCRIBERS],
  )
  await db.query(
    `INSERT INTO subscribers_rels (parent_id, path, departments_id, "order")
     SELECT s.id, 'departments', d.dep, d.ord FROM subscribers s
       CROSS JOIN LATERAL unnest(($1::int[][])[(s.id % 30) / 5 + 1:(s.id % 30) / 5 + 1][1:2]) WITH ORDINALITY AS d(dep, ord)
      WHERE d.dep IS NOT NULL`,
    [departmentChoices.map((choice) => [choice[0] ?? null, choice[1] ?? null])],
  )
  await db.query(
    `INSERT INTO subscribers_kinds (parent_id, value, "order")
     SELECT s.id, k.kind::enum_subscribers_kinds, k.ord FROM subscribers s
       CROSS JOIN LATERAL unnest(($1::text[][])[(s.id % 30) % 5 + 1:(s.id % 30) % 5 + 1][1:2]) WITH ORDINALITY AS k(kind, ord)
      WHERE k.kind IS NOT NULL`,
    [kindChoices.map((choice) => [choice[0] ?? null, choice[1] ?? null])],
  )
  console.log(`seeded ${SUBSCRIBERS} subscribers in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const periodStart = new Date()
  const first = await buildBulletin(payload, { title: 'Corte programado de agua en el centro', status: 'published', department: departments[0], paragraphs: ['Primer párrafo.', 'Segundo párrafo con más texto para un correo de tamaño real.'] })
  await buildBulletin(payload, { title: 'Aviso: cierre de la avenida Juárez', status: 'published', department: departments[1], skipDistribution: true })
  await buildBulletin(payload, { title: 'Simulacro de protección civil', status: 'published', department: departments[2], skipDistribution: true })
  await db.query(`UPDATE bulletins SET kind = 'aviso' WHERE title LIKE 'Aviso:%'`)
  await db.query(`UPDATE bulletins SET kind = 'comunicado' WHERE title LIKE 'Simulacro%'`)
  const periodEnd = new Date(Date.now() + 1000)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const { rows: mailings } = await db.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1 AND channel = 'subscribers'`, [first.id])
  const { rows: digests } = await db.query<{ id: number }>(
    `INSERT INTO subscriber_digests (frequency, period_start, period_end, status) VALUES ('daily', $1, $2, 'pending') RETURNING id`,
    [periodStart, periodEnd],
  )

  // Pregón: both tasks whole, from the job's id to the last recorded delivery.
  const before = await sink.count()
  started = performance.now()
  const immediate = await sendSubscriberMailing(ctx, mailings[0]!.id)
  const immediateSeconds = (performance.now() - started) / 1000
  const digestStarted = performance.now()
  const digest = await sendSubscriberDigest(ctx, digests[0]!.id)
  const digestSeconds = (performance.now() - digestStarted) / 1000
  const pregonSeconds = (performance.now() - started) / 1000
  const sent = (immediate.counts?.sent ?? 0) + (digest.counts?.sent ?? 0)
  const received = (await sink.count()) - before
  if (received !== sent || sent === 0) throw new Error(`Pregón recorded ${sent} sent, the sink got ${received}`)
  const { rows: contents } = await db.query<{ n: string }>('SELECT count(DISTINCT content_key) AS n FROM subscriber_deliveries WHERE digest_id = $1', [digests[0]!.id])
  const duplicates = await db.query(`SELECT subscriber_id FROM subscriber_deliveries WHERE digest_id = $1 GROUP BY subscriber_id HAVING count(*) > 1`, [digests[0]!.id])
  const pregonRss = peakRss

  // Baseline: the same number of messages, composed beforehand (untimed), through the same pool to the same sink.
  const { rows: detail } = await db.query<{ detail: { message: PressMessageTemplate } }>('SELECT detail FROM distributions WHERE id = $1', [mailings[0]!.id])
  const template = detail[0]!.detail.message
  const { rows: recipients } = await db.query<{ id: number; email: string }>('SELECT id, email FROM subscribers ORDER BY id LIMIT $1', [sent])
  const messages = recipients.map((r) =>
    fillPressEmail({ template, to: r.email, from: config.mail.from, unsubscribe: subscriberLinksFor({ subscriberId: r.id, secret: config.payloadSecret!, cmsUrl: config.cms.url, from: config.mail.from }), audience: 'subscribers' }),
  )
  const ceilingRate = await bench.precomposedRate(messages)

  const pregonRate = sent / pregonSeconds
  console.log(`\nSubscriber mailings: ${SUBSCRIBERS} subscribers, 30 topic combinations, ${config.mail.connections} pooled SMTP connections`)
  console.table([
    { step: 'immediate bulletin (audience, render, send, ledger)', messages: immediate.counts?.sent ?? 0, seconds: immediateSeconds.toFixed(2), 'msg/s': Math.round((immediate.counts?.sent ?? 0) / immediateSeconds) },
    { step: `daily digest (${contents[0]!.n} distinct contents)`, messages: digest.counts?.sent ?? 0, seconds: digestSeconds.toFixed(2), 'msg/s': Math.round((digest.counts?.sent ?? 0) / digestSeconds) },
    { step: 'Pregón, both tasks', messages: sent, seconds: pregonSeconds.toFixed(2), 'msg/s': Math.round(pregonRate) },
    { step: 'nodemailer, same count composed beforehand (baseline)', messages: sent, seconds: (sent / ceilingRate).toFixed(2), 'msg/s': Math.round(ceilingRate) },
  ])
  const ratio = pregonRate / ceilingRate
  const rssMb = pregonRss / 1024 / 1024
  console.log(`duplicates in the digest ledger: ${duplicates.rowCount} · peak RSS while Pregón sent: ${rssMb.toFixed(0)} MB (target ≤ 500)`)
  console.log(
    `ratio Pregón / pre-composed: ${ratio.toFixed(2)}× (target ≥ 0.90×) · Pregón ${Math.round(pregonRate)} msg/s (target ≥ 1,000): ${pregonRate >= 1000 && ratio >= 0.9 && rssMb <= 500 ? 'targets met' : 'TARGETS NOT MET'}`,
  )
} finally {
  clearInterval(sampler)
  await bench.close()
}
process.exit(0)
