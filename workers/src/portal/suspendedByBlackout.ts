import type { Payload } from 'payload'
import { periodAt, PROMOTION_CLASSIFICATIONS, suspendingPeriod, type BlackoutPeriod } from '@pregon/core/law/blackout'

/**
 * The ids, among published `items` read as the public reads them, of those a veda active at `now` takes off the
 * portal: promotion (their public classification) without an allowed exception. Whether an item is an exception
 * is staff-only, so it is read as the system, for published promotion only and selecting the exception and its
 * justification alone: nothing else of the staff's fields comes near the export, and the justification goes no
 * further than this function. An item the second read misses (changed in between) counts as no exception: the
 * page stays off until the next export rather than showing propaganda.
 */
export async function suspendedByBlackout({
  payload,
  collection,
  items,
  periods,
  now,
}: {
  payload: Payload
  collection: 'bulletins' | 'programs'
  items: ReadonlyArray<{ id: number | string; classification?: string | null }>
  periods: readonly BlackoutPeriod[]
  now: Date
}): Promise<Set<string>> {
  const promotion = items.filter((item) => PROMOTION_CLASSIFICATIONS.has(item.classification ?? ''))
  if (promotion.length === 0 || !periodAt(periods, now)) return new Set()
  const { docs } = await payload.find({
    collection,
    where: { and: [{ _status: { equals: 'published' } }, { classification: { in: [...PROMOTION_CLASSIFICATIONS] } }] },
    select: { blackoutException: true, blackoutJustification: true },
    depth: 0,
    pagination: false,
  })
  const exceptions = new Map(docs.map((doc) => [String(doc.id), doc]))
  return new Set(
    promotion
      .filter((item) => {
        const exception = exceptions.get(String(item.id))
        const subject = { classification: item.classification, blackoutException: exception?.blackoutException, blackoutJustification: exception?.blackoutJustification }
        return suspendingPeriod(subject, periods, now) !== null
      })
      .map((item) => String(item.id)),
  )
}
