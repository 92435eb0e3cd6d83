import { randomUUID } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import type { Pool } from 'pg'
import { poolOf } from '@pregon/cms/worker'
import { partsIn, zonedInstant } from '@pregon/core/subscriptions'
import { domainOf } from '../providers/smtp/createMailer'
import type { TaskContext } from '../tasks/TaskContext'
import { renderSynthesisEmail } from './renderSynthesisEmail'
import { renderSynthesisPdf } from './renderSynthesisPdf'
import type { Synthesis, SynthesisGroup, Tone } from './types'

const SYNTHESIS_LOCK = 0x5052_5359 // 'PRSY'
/** When Pregón was down for days, the síntesis covers at most this much (older items are in the admin). */
const MAX_PERIOD_MS = 72 * 60 * 60 * 1000
/** A recipient the SMTP server keeps refusing is given up on after this, with the error on the edition. */
const GIVE_UP_AFTER_MS = 3 * 60 * 60 * 1000
export const GENERAL = 'General'

export type SynthesisResult = 'not-yet' | 'no-recipients' | 'busy' | 'already-sent' | 'sent' | 'incomplete' | 'failed'

interface EditionRow {
  id: number
  status: 'sending' | 'sent' | 'failed'
  period_start: Date
  period_end: Date
  sent_to: string[] | null
}

/**
 * The morning síntesis: once the day's hour (monitoring settings, office time) has passed, the day's edition
 * is written to its ledger (one row per day, unique), assembled from what was first seen since the previous
 * edition, and mailed to each recipient as HTML with the PDF attached. Who already has it is recorded after
 * each accepted message, so a retry or a second worker never mails anyone twice (at most the one message in
 * flight when a worker dies). Runs every minute; does nothing until the hour, and nothing once sent.
 */
export async function sendSynthesis(ctx: TaskContext, { now = new Date() }: { now?: Date } = {}): Promise<SynthesisResult> {
  const settings = await ctx.payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true })
  const recipients = [...new Set((settings.synthesisRecipients ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean))]
  if (recipients.length === 0) return 'no-recipients'
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  const today = partsIn(now, timeZone)
  const [hour, minute] = (settings.synthesisTime ?? '07:30').split(':').map(Number) as [number, number]
  const due = zonedInstant({ year: today.year, month: today.month, day: today.day, hour, minute }, timeZone)
  if (now < due) return 'not-yet'
  const day = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`

  const pool = poolOf(ctx.payload)
  const lock = await pool.connect()
  try {
    if (!(await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SYNTHESIS_LOCK])).rows[0]?.ok) return 'busy'
    try {
      const edition = await openEdition(pool, day, due)
      if (edition.status !== 'sending') return 'already-sent'
      return await mailEdition(ctx, pool, { edition, day, recipients, timeZone, now, due })
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [SYNTHESIS_LOCK])
    }
  } finally {
    lock.release()
  }
}

/** The day's ledger row: its period runs from the previous edition's end (at most 72 h back) to the hour. */
async function openEdition(pool: Pool, day: string, due: Date): Promise<EditionRow> {
  const { rows: previous } = await pool.query<{ end: Date | null }>('SELECT max(period_end) AS end FROM synthesis_editions WHERE day < $1', [day])
  const earliest = new Date(due.getTime() - MAX_PERIOD_MS)
  const fallback = new Date(due.getTime() - 24 * 60 * 60 * 1000)
  const start = previous[0]?.end ? new Date(Math.max(previous[0].end.getTime(), earliest.getTime())) : fallback
  await pool.query(
    `INSERT INTO synthesis_editions (day, status, period_start, period_end, sent_to, updated_at, created_at)
     VALUES ($1, 'sending', $2, $3, '[]'::jsonb, now(), now()) ON CONFLICT (day) DO NOTHING`,
    [day, start, due],
  )
  const { rows } = await pool.query<EditionRow>('SELECT id, status, period_start, period_end, sent_to FROM synthesis_editions WHERE day = $1', [day])
  return rows[0]!
}

async function mailEdition(
  ctx: TaskContext,
  pool: Pool,
  { edition, day, recipients, timeZone, now, due }: { edition: EditionRow; day: string; recipients: string[]; timeZone: string; now: Date; due: Date },
): Promise<SynthesisResult> {
  const synthesis = await assembleSynthesis(ctx, pool, { day, start: edition.period_start, end: edition.period_end, timeZone })
  const itemCount = synthesis.groups.reduce((n, group) => n + group.items.length, 0)
  const email = await renderSynthesisEmail(synthesis, { timeZone })
  const pdf = await renderSynthesisPdf(synthesis, { timeZone })
  const from = ctx.mailer.from
  const already = new Set(edition.sent_to ?? [])
  const errors: string[] = []
  for (const to of recipients.filter((email) => !already.has(email))) {
    const messageId = `<${randomUUID()}@${domainOf(from)}>`
    const raw = await new MailComposer({
      from,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId,
      date: now,
      attachments: [{ filename: `sintesis-${day}.pdf`, content: pdf, contentType: 'application/pdf' }],
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    })
      .compile()
      .build()
    try {
      await ctx.mailer.send({ to, messageId, raw })
      await pool.query(`UPDATE synthesis_editions SET sent_to = coalesce(sent_to, '[]'::jsonb) || to_jsonb($2::text), updated_at = now() WHERE id = $1`, [edition.id, to])
    } catch (error) {
      errors.push(`${to}: ${(error as Error).message}`)
      ctx.log.error({ editionId: edition.id, err: error }, 'síntesis not accepted by the SMTP server for one recipient')
    }
  }
  if (errors.length === 0) {
    await pool.query(`UPDATE synthesis_editions SET status = 'sent', sent_at = $2, item_count = $3, error = NULL, updated_at = now() WHERE id = $1`, [edition.id, now, itemCount])
    ctx.log.info({ day, items: itemCount, recipients: recipients.length }, 'síntesis sent')
    return 'sent'
  }
  const givingUp = now.getTime() - due.getTime() > GIVE_UP_AFTER_MS
  const message = `${givingUp ? 'No se pudo entregar a' : 'Pendiente de entregar a'} ${errors.length} destinatario(s): ${errors.join('; ')}`
  await pool.query(`UPDATE synthesis_editions SET status = $2, item_count = $3, error = $4, updated_at = now() WHERE id = $1`, [edition.id, givingUp ? 'failed' : 'sending', itemCount, message])
  return givingUp ? 'failed' : 'incomplete'
}

interface ItemRow {
  title: string
  url: string
  summary: string | null
  at: Date
  tone: Tone | null
  mentions: { subject: string }[] | null
  outlet: string
  department: string | null
}

/**
 * What the day's síntesis says: the items first seen in [start, end) that mention the municipality (unless
 * staff marked them not relevant) or that staff marked relevant, by department, newest first; which outlets ran
 * our bulletins; the tone as staff marked it; and the sources that are failing, so the reader knows what may be
 * missing. A new source's backlog (items dated more than a day before the period) stays out.
 */
export async function assembleSynthesis(ctx: TaskContext, pool: Pool, { day, start, end, timeZone }: { day: string; start: Date; end: Date; timeZone: string }): Promise<Synthesis> {
  const { rows: items } = await pool.query<ItemRow>(
    `SELECT i.title, i.url, i.summary, coalesce(i.published_at, i.first_seen_at) AS at, i.tone, i.mentions, o.name AS outlet, d.name AS department
       FROM monitor_items i JOIN outlets o ON o.id = i.outlet_id LEFT JOIN departments d ON d.id = i.department_id
      WHERE i.first_seen_at >= $1 AND i.first_seen_at < $2
        AND coalesce(i.published_at, i.first_seen_at) >= $1::timestamptz - interval '1 day'
        AND (i.relevance = 'relevant' OR (i.mentioned AND i.relevance = 'unreviewed'))
      ORDER BY at DESC, i.id DESC`,
    [start, end],
  )
  const byDepartment = new Map<string, SynthesisGroup>()
  const tone = { positiva: 0, neutral: 0, negativa: 0, sinMarcar: 0 }
  for (const row of items) {
    const department = row.department ?? GENERAL
    let group = byDepartment.get(department)
    if (!group) byDepartment.set(department, (group = { department, items: [] }))
    group.items.push({ title: row.title, url: row.url, outlet: row.outlet, publishedAt: row.at, summary: row.summary ?? '', tone: row.tone, mentions: (row.mentions ?? []).map((m) => m.subject) })
    if (row.tone) tone[row.tone]++
    else tone.sinMarcar++
  }
  const collator = new Intl.Collator('es-MX')
  const groups = [...byDepartment.values()].sort((a, b) => Number(a.department === GENERAL) - Number(b.department === GENERAL) || collator.compare(a.department, b.department))

  const { rows: pickUps } = await pool.query<{ bulletin_id: number; bulletin_title: string; slug: string; outlet: string; url: string; title: string }>(
    `SELECT b.id AS bulletin_id, b.title AS bulletin_title, b.slug, o.name AS outlet, i.url, i.title
       FROM monitor_items i JOIN bulletins b ON b.id = i.picked_up_id JOIN outlets o ON o.id = i.outlet_id
      WHERE i.first_seen_at >= $1 AND i.first_seen_at < $2
      ORDER BY b.published_at DESC, b.id, o.name`,
    [start, end],
  )
  const portal = ctx.config.portal.url.replace(/\/+$/, '')
  const pickUp = new Map<number, Synthesis['pickUp'][number]>()
  for (const row of pickUps) {
    let entry = pickUp.get(row.bulletin_id)
    if (!entry) pickUp.set(row.bulletin_id, (entry = { bulletinTitle: row.bulletin_title, bulletinUrl: `${portal}/boletines/${row.slug}/`, outlets: [] }))
    entry.outlets.push({ outlet: row.outlet, url: row.url, title: row.title })
  }

  const { rows: failing } = await pool.query<{ name: string; last_error: string }>(`SELECT name, last_error FROM monitor_sources WHERE active AND health = 'error' ORDER BY name`)
  const site = await ctx.payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const noon = zonedInstant({ year, month, day: date, hour: 12 }, timeZone)
  return {
    day,
    dayLabel: new Intl.DateTimeFormat('es-MX', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(noon),
    office: [site.officeName, site.municipalityName].filter(Boolean).join(' · '),
    groups,
    pickUp: [...pickUp.values()],
    tone,
    sourceProblems: failing.map((row) => ({ source: row.name, error: row.last_error })),
    adminUrl: `${ctx.config.cms.url.replace(/\/+$/, '')}/admin/collections/monitor-items`,
  }
}
