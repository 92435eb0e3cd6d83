import type { Pool } from 'pg'
import { CHANNEL_LABELS, type Channel } from '@pregon/core/channels'
import { partsIn, zonedInstant } from '@pregon/core/subscriptions'
import type { Count, CouncilReport } from './types'

const KIND_LABELS: Record<string, string> = { boletin: 'Boletín', comunicado: 'Comunicado', aviso: 'Aviso', posicionamiento: 'Posicionamiento' }
const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']
const TOP_PAGES = 10

/** The notes every report carries: what is deliberately not counted, so nobody reads a gap as zero. */
export const REPORT_NOTES = [
  'Las visitas se cuentan en el servidor del portal, sin cookies ni scripts de terceros; no se guarda la dirección IP de nadie. Una persona que vuelve otro día cuenta como otra visita.',
  'Las búsquedas en el portal no se registran: el buscador funciona en el navegador de cada persona y no envía lo que busca.',
  'Los correos a prensa se cuentan como entregados cuando el servidor del destinatario los aceptó; no se usan píxeles de apertura.',
  'Las reacciones, veces compartido y respuestas de cada red social aún no se consultan: aparecen como «no disponible».',
]

export type ReportPeriod = { kind: 'month'; year: number; month: number } | { kind: 'year'; year: number }

/** «2026-11» → November 2026; «2026» → the year. */
export function parseReportPeriod(value: string): ReportPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value)
  if (month) return { kind: 'month', year: Number(month[1]), month: Number(month[2]) }
  const year = /^(\d{4})$/.exec(value)
  return year ? { kind: 'year', year: Number(year[1]) } : null
}

/** The report's period in the office's time zone: [start, end) instants and its Spanish label. */
export function periodBounds(period: ReportPeriod, timeZone: string): { start: Date; end: Date; label: string } {
  const at = (year: number, month: number) => zonedInstant({ year, month, day: 1, hour: 0 }, timeZone)
  if (period.kind === 'year') return { start: at(period.year, 1), end: at(period.year + 1, 1), label: String(period.year) }
  const next = period.month === 12 ? { year: period.year + 1, month: 1 } : { year: period.year, month: period.month + 1 }
  const label = new Intl.DateTimeFormat('es-MX', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(period.year, period.month - 1, 15)))
  return { start: at(period.year, period.month), end: at(next.year, next.month), label }
}

const counts = (rows: Array<{ label: string | null; value: string | number }>, fallback = 'Sin dependencia'): Count[] => rows.map((row) => ({ label: row.label ?? fallback, value: Number(row.value) }))

/**
 * Everything the council's report says for a period, read from what Pregón already holds: the bulletins and
 * programs published, what went out on each channel, the press mail, the portal's counted visits and feed
 * readers, the outlets that ran our bulletins, the petitions and how fast they were attended, and the press
 * items' tone. Plain SQL over the tables (a year is a few thousand rows of each).
 */
export async function assembleCouncilReport(pool: Pool, { period, timeZone, office, now = new Date() }: { period: ReportPeriod; timeZone: string; office: string; now?: Date }): Promise<CouncilReport> {
  const { start, end, label } = periodBounds(period, timeZone)
  const range = [start, end]
  const q = async <Row extends Record<string, unknown>>(text: string, values: unknown[] = range) => (await pool.query<Row>(text, values)).rows
  const published = `b._status = 'published' AND b.published_at >= $1 AND b.published_at < $2`

  const byDepartment = await q<{ label: string | null; value: string }>(`SELECT d.name AS label, count(*) AS value FROM bulletins b LEFT JOIN departments d ON d.id = b.department_id WHERE ${published} GROUP BY d.name ORDER BY count(*) DESC, d.name`)
  const byKind = await q<{ kind: string; value: string }>(`SELECT b.kind::text AS kind, count(*) AS value FROM bulletins b WHERE ${published} GROUP BY b.kind ORDER BY count(*) DESC, b.kind`)
  const timeline = await q<{ bucket: string; value: string }>(
    period.kind === 'year'
      ? `SELECT to_char(b.published_at AT TIME ZONE $3, 'MM') AS bucket, count(*) AS value FROM bulletins b WHERE ${published} GROUP BY 1`
      : `SELECT to_char(b.published_at AT TIME ZONE $3, 'DD') AS bucket, count(*) AS value FROM bulletins b WHERE ${published} GROUP BY 1`,
    [start, end, timeZone],
  )
  const buckets = period.kind === 'year' ? 12 : daysIn(period.year, period.month)
  const byMonth: Count[] = Array.from({ length: buckets }, (_, i) => ({
    label: period.kind === 'year' ? MONTHS[i]! : String(i + 1),
    value: Number(timeline.find((row) => Number(row.bucket) === i + 1)?.value ?? 0),
  }))

  const programs = await q<{ title: string; department: string | null; opens_at: Date | null; closes_at: Date | null }>(
    `SELECT p.title, p.agency AS department, p.opens_at, p.closes_at FROM programs p WHERE p._status = 'published' AND p.published_at >= $1 AND p.published_at < $2 ORDER BY p.published_at`,
  )

  // What went out for publication (corrections and withdrawals are follow-ups of the same posts).
  const channels = await q<{ channel: Channel; sent: string; failed: string }>(
    `SELECT channel::text AS channel, count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status IN ('failed', 'unknown')) AS failed
       FROM distributions WHERE coalesce(completed_at, created_at) >= $1 AND coalesce(completed_at, created_at) < $2 AND purpose = 'publication'
      GROUP BY channel ORDER BY count(*) FILTER (WHERE status = 'sent') DESC, channel`,
  )
  const [mail] = await q<{ delivered: string; bounced: string; failed: string }>(
    `SELECT count(*) FILTER (WHERE status = 'sent') AS delivered, count(*) FILTER (WHERE status = 'bounced') AS bounced, count(*) FILTER (WHERE status IN ('failed', 'unknown')) AS failed
       FROM deliveries WHERE coalesce(sent_at, created_at) >= $1 AND coalesce(sent_at, created_at) < $2`,
  )

  const dayRange = [dayIn(start, timeZone), dayIn(end, timeZone)]
  const [totals] = await q<{ views: string | null; visitors: string | null }>(`SELECT sum(views) AS views, sum(visitors) AS visitors FROM stats_days WHERE day >= $1 AND day < $2`, dayRange)
  const daily = await q<{ day: string; views: string }>(`SELECT to_char(day, 'DD') AS day, views FROM stats_days WHERE day >= $1 AND day < $2 ORDER BY day`, dayRange)
  const monthly = await q<{ month: string; views: string }>(`SELECT to_char(day, 'MM') AS month, sum(views) AS views FROM stats_days WHERE day >= $1 AND day < $2 GROUP BY 1`, dayRange)
  const pages = await q<{ path: string; title: string | null; views: string }>(
    `SELECT s.path, (SELECT b.title FROM bulletins b WHERE '/boletines/' || b.slug || '/' = s.path LIMIT 1) AS title, sum(s.views) AS views
       FROM stats_pages s WHERE s.day >= $1 AND s.day < $2 GROUP BY s.path ORDER BY sum(s.views) DESC, s.path LIMIT ${TOP_PAGES}`,
    dayRange,
  )
  // Readers per feed: each aggregator's largest report in the period, added across aggregators.
  const feeds = await q<{ feed: string; readers: string }>(
    `SELECT feed, sum(readers) AS readers FROM (SELECT feed, reader, max(coalesce(subscribers, 1)) AS readers FROM stats_feeds WHERE day >= $1 AND day < $2 GROUP BY feed, reader) f
      GROUP BY feed ORDER BY sum(readers) DESC, feed`,
    dayRange,
  )

  const pickUp = await q<{ label: string; value: string }>(
    `SELECT o.name AS label, count(*) AS value FROM monitor_items i JOIN outlets o ON o.id = i.outlet_id
      WHERE i.picked_up_id IS NOT NULL AND i.first_seen_at >= $1 AND i.first_seen_at < $2 GROUP BY o.name ORDER BY count(*) DESC, o.name`,
  )
  const petitions = await q<{ department: string | null; received: string; attended: string; median_days: string | null }>(
    `SELECT d.name AS department, count(*) AS received, count(p.attended_at) AS attended,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.attended_at - p.received_at) / 86400) FILTER (WHERE p.attended_at IS NOT NULL) AS median_days
       FROM petitions p LEFT JOIN departments d ON d.id = p.department_id
      WHERE p.received_at >= $1 AND p.received_at < $2 GROUP BY d.name ORDER BY count(*) DESC, d.name`,
  )
  const [tone] = await q<{ positiva: string; neutral: string; negativa: string; sin: string }>(
    `SELECT count(*) FILTER (WHERE tone = 'positiva') AS positiva, count(*) FILTER (WHERE tone = 'neutral') AS neutral, count(*) FILTER (WHERE tone = 'negativa') AS negativa,
            count(*) FILTER (WHERE tone IS NULL) AS sin
       FROM monitor_items WHERE first_seen_at >= $1 AND first_seen_at < $2 AND (relevance = 'relevant' OR (mentioned AND relevance = 'unreviewed'))`,
  )

  return {
    period: { kind: period.kind, label, start: start.toISOString(), end: end.toISOString() },
    office,
    generatedAt: now.toISOString(),
    bulletins: {
      total: byDepartment.reduce((n, row) => n + Number(row.value), 0),
      byDepartment: counts(byDepartment),
      byKind: byKind.map((row) => ({ label: KIND_LABELS[row.kind] ?? row.kind, value: Number(row.value) })),
      byMonth,
    },
    programs: programs.map((p) => ({ title: p.title, department: p.department, opensAt: p.opens_at?.toISOString() ?? null, closesAt: p.closes_at?.toISOString() ?? null })),
    reach: channels.map((row) => ({ channel: CHANNEL_LABELS[row.channel] ?? row.channel, sent: Number(row.sent), failed: Number(row.failed), reactions: null, shares: null, replies: null })),
    pressMail: { delivered: Number(mail?.delivered ?? 0), bounced: Number(mail?.bounced ?? 0), failed: Number(mail?.failed ?? 0) },
    portal: {
      views: Number(totals?.views ?? 0),
      visitorDays: Number(totals?.visitors ?? 0),
      byDay:
        period.kind === 'year'
          ? MONTHS.map((month, i) => ({ label: month, value: Number(monthly.find((row) => Number(row.month) === i + 1)?.views ?? 0) }))
          : Array.from({ length: buckets }, (_, i) => ({ label: String(i + 1), value: Number(daily.find((row) => Number(row.day) === i + 1)?.views ?? 0) })),
      topPages: pages.map((row) => ({ path: row.path, title: row.title, views: Number(row.views) })),
      feeds: feeds.map((row) => ({ feed: row.feed, readers: Number(row.readers) })),
    },
    pickUp: counts(pickUp),
    petitions: {
      received: petitions.reduce((n, row) => n + Number(row.received), 0),
      byDepartment: petitions.map((row) => ({ department: row.department ?? 'Sin turnar', received: Number(row.received), attended: Number(row.attended), medianDaysToAttend: row.median_days === null ? null : Math.round(Number(row.median_days) * 10) / 10 })),
    },
    mentions: { positiva: Number(tone?.positiva ?? 0), neutral: Number(tone?.neutral ?? 0), negativa: Number(tone?.negativa ?? 0), sinMarcar: Number(tone?.sin ?? 0) },
    notes: REPORT_NOTES,
  }
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

function dayIn(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}
