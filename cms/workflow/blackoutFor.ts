import type { Payload, PayloadRequest } from 'payload'
import { poolOf } from '../db/poolOf'
import { BLACKOUT_EXCEPTION_LABELS, isExcepted, periodAt, periodSpan, type BlackoutException, type BlackoutPeriod } from '@pregon/core/law/blackout'
import type { WorkflowAttempt } from './failureReasons'
import { GOING_OUT_VERBS, RELEASING_VERBS, type WorkflowVerb } from './transitions'
import type { WorkflowDoc } from './planWorkflowStep'
import { promotionReview, type PromotionReview } from './promotionReview'
import type { WorkflowCollection } from './workflowCollections'

/**
 * Periods not over at `now` (the calendar is small: a handful a year). Plain SQL on the pool: every release step,
 * every send and every portal build read it, and the calendar is no one's to hide from staff.
 */
export async function periodsFrom(payload: Payload, now: Date): Promise<BlackoutPeriod[]> {
  const { rows } = await poolOf(payload).query<{ id: number; name: string; starts_at: Date; ends_at: Date }>(
    'SELECT id, name, starts_at, ends_at FROM blackout_periods WHERE ends_at > $1 ORDER BY starts_at',
    [now],
  )
  return rows.map((row) => ({ id: row.id, name: row.name, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() }))
}

/**
 * The veda period a step would put the item out in, as the workflow's checks read it: for «Programar», at the
 * chosen time; for a publication, now, and at the embargo's lift when there is one (the public gets it then).
 */
export async function blackoutFor({
  req,
  verb,
  item,
  publishAt,
  now,
  periods,
}: {
  req: PayloadRequest
  verb: WorkflowVerb
  item: WorkflowDoc
  publishAt: Date | null
  now: Date
  /** The calendar from `now` on (periodsFrom). */
  periods: readonly BlackoutPeriod[]
}): Promise<NonNullable<WorkflowAttempt['blackout']> | null> {
  if (!GOING_OUT_VERBS.has(verb)) return null
  const instants = verb === 'schedule' ? [publishAt] : [now, item.embargoUntil ? new Date(item.embargoUntil) : null]
  const valid = instants.filter((at): at is Date => at !== null && !Number.isNaN(at.getTime()))
  const period = valid.map((at) => periodAt(periods, at)).find((found) => found !== null)
  if (!period) return null
  const { timeZone } = await req.payload.findGlobal({ slug: 'site-settings', depth: 0, req })
  return { name: period.name, span: periodSpan(period, timeZone ?? 'America/Mexico_City'), exception: item.blackoutException ?? null, justification: item.blackoutJustification ?? null }
}

/** The record's sentence for an item that goes out during a veda as an exception. */
export function exceptionRecord(blackout: NonNullable<WorkflowAttempt['blackout']>): string | null {
  if (!isExcepted({ blackoutException: blackout.exception, blackoutJustification: blackout.justification })) return null
  return `Excepción de veda «${blackout.name}» (${blackout.span}): ${BLACKOUT_EXCEPTION_LABELS[blackout.exception as BlackoutException]}. Justificación: ${blackout.justification!.trim()}`
}

// Steps at which the Art. 134 check reads the item (it warns at submit and asks the approver to acknowledge); at
// a publication it reads it only while a veda blocks any finding.
const REVIEWING = new Set<WorkflowVerb>(['submit', 'approve', 'approve-publish', 'emergency-publish'])

/** What the law's checks know of a step (veda and Art. 134), for `failureReasons`: read once, by the action and its preview alike. */
export async function lawChecks({
  req,
  verb,
  collection,
  item,
  publishAt,
  now,
}: {
  req: PayloadRequest
  verb: WorkflowVerb
  collection: WorkflowCollection
  item: WorkflowDoc
  publishAt: Date | null
  now: Date
}): Promise<{ blackout: WorkflowAttempt['blackout']; review: PromotionReview | null; periodNow: string | null }> {
  const periods = RELEASING_VERBS.has(verb) ? await periodsFrom(req.payload, now) : []
  const blackout = await blackoutFor({ req, verb, item, publishAt, now, periods })
  const periodNow = periodAt(periods, now)?.name ?? null
  const review = REVIEWING.has(verb) || (periodNow !== null && RELEASING_VERBS.has(verb)) ? await promotionReview({ req, collection, item }) : null
  return { blackout, review, periodNow }
}
