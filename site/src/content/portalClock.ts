import { bulletinPath } from '../lib/paths'
import type { PortalAlert, PortalContent, PortalWithdrawal } from './PortalContent'

/**
 * What the portal shows by the clock alone, besides programs' states and a veda: emergency alerts (from a
 * bulletin's publication until its end) and withdrawn bulletins in the feeds (for 30 days). The exporter works
 * these out at its clock and writes the result into the content, so the same content always gives the same
 * files; the worker rebuilds when the next of these instants passes (nextClockChange).
 */

/**
 * How long an alert shows when its editor set no end («Alerta hasta»): a day covers the usual emergency bulletin
 * (a storm warning, a water cut, a road closed) without leaving a stale banner on every page for a week; a
 * longer one needs an explicit end, which the editor sees next to the classification.
 */
export const ALERT_DEFAULT_HOURS = 24
/** How long feeds keep a withdrawn bulletin's item with «Retirado»: readers that poll rarely still learn of it. */
export const WITHDRAWN_IN_FEEDS_DAYS = 30

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A published bulletin that is an alert: published with the emergency verb or classified «emergencia». */
export interface AlertCandidate {
  id: string
  slug: string
  title: string
  summary: string
  publishedAt: string
  /** The editor's «Alerta hasta»; none: publication + ALERT_DEFAULT_HOURS. */
  alertUntil?: string | null
}

/** The alert a candidate makes, active or not. */
export function toPortalAlert(candidate: AlertCandidate): PortalAlert {
  const start = Date.parse(candidate.publishedAt)
  const until = candidate.alertUntil ? Date.parse(candidate.alertUntil) : Number.NaN
  const end = Number.isFinite(until) ? until : start + ALERT_DEFAULT_HOURS * HOUR
  return {
    id: candidate.id,
    title: candidate.title,
    summary: candidate.summary,
    link: bulletinPath(candidate),
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
  }
}

/** The alerts active at `now` (start included, end excluded), newest first. */
export function activeAlerts(candidates: readonly AlertCandidate[], now: Date): PortalAlert[] {
  return candidates
    .map(toPortalAlert)
    .filter((alert) => Date.parse(alert.startsAt) <= now.getTime() && now.getTime() < Date.parse(alert.endsAt))
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt) || a.id.localeCompare(b.id))
}

/** Whether feeds still carry a withdrawn bulletin at `now`. */
export function isWithdrawalInFeeds(withdrawal: Pick<PortalWithdrawal, 'withdrawnAt'>, now: Date): boolean {
  return now.getTime() < Date.parse(withdrawal.withdrawnAt) + WITHDRAWN_IN_FEEDS_DAYS * DAY
}

/**
 * The next instant after `now` at which `content` would change by the clock: an alert shown ends, a
 * withdrawn bulletin leaves the feeds. Null when nothing is pending.
 */
export function nextClockChange(content: Pick<PortalContent, 'alerts' | 'withdrawn'>, now: Date): Date | null {
  const instants = [
    ...(content.alerts ?? []).map((alert) => Date.parse(alert.endsAt)),
    ...(content.withdrawn ?? []).filter((withdrawal) => withdrawal.isInFeeds).map((withdrawal) => Date.parse(withdrawal.withdrawnAt) + WITHDRAWN_IN_FEEDS_DAYS * DAY),
  ].filter((instant) => instant > now.getTime())
  return instants.length > 0 ? new Date(Math.min(...instants)) : null
}
