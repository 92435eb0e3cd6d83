/**
 * Citizens' subscriptions, declared once: what a citizen can ask to be told about, how often, and which
 * published items a subscription matches. Pure: the portal's form, the CMS's endpoints, the worker's audience
 * queries and the digest scheduler read the same rules from here.
 */

export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const
export type Frequency = (typeof FREQUENCIES)[number]
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  immediate: 'En cuanto se publique',
  daily: 'Un resumen diario (8:00)',
  weekly: 'Un resumen semanal (lunes, 8:00)',
}

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced'] as const
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number]
export const SUBSCRIBER_STATUS_LABELS: Record<SubscriberStatus, string> = {
  pending: 'Sin confirmar',
  active: 'Activa',
  unsubscribed: 'Dada de baja',
  bounced: 'Rebotó (dirección inválida)',
}

/** An unconfirmed request is forgotten after this long (its link stops working). */
export const CONFIRMATION_TTL_HOURS = 48

/** When digests go out, in the site's time zone: daily at 8:00, weekly on Monday at 8:00. */
export const DIGEST_HOUR = 8

/** What a citizen chose. Empty lists mean «todas». */
export interface SubscriptionChoice {
  frequency: Frequency
  /** Department ids; empty: every department. */
  departments: number[]
  /** Bulletin kinds (boletín, comunicado, aviso…); empty: every kind. */
  kinds: string[]
  includeBulletins: boolean
  /** Programs and calls (convocatorias) citizens can apply to. */
  includePrograms: boolean
  /** Emergency alerts, mailed at once whatever the frequency. */
  emergencies: boolean
}

/** What a published item says about itself, for matching. */
export interface MatchableItem {
  collection: 'bulletins' | 'programs'
  kind?: string | null
  /** Its department and, for a bulletin, the others it names. */
  departments: number[]
  classification?: string | null
}

export function matchesSubscription(choice: SubscriptionChoice, item: MatchableItem): boolean {
  if (item.collection === 'programs' ? !choice.includePrograms : !choice.includeBulletins) return false
  if (choice.departments.length > 0 && !item.departments.some((id) => choice.departments.includes(id))) return false
  if (item.collection === 'bulletins' && choice.kinds.length > 0 && !choice.kinds.includes(item.kind ?? 'boletin')) return false
  return true
}

/** The wall-clock parts of an instant in a time zone. */
export function partsIn(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday: String(parts.weekday) }
}

/** The instant a wall-clock time in `timeZone` names (the zone's offset at that time, DST included). */
export function zonedInstant({ year, month, day, hour, minute = 0 }: { year: number; month: number; day: number; hour: number; minute?: number }, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  const seen = partsIn(new Date(guess), timeZone)
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - guess
  return new Date(guess - offset)
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/**
 * The latest digest period of `frequency` that has ended by `now`: it ends at the last 8:00 (daily) or the
 * last Monday 8:00 (weekly) in the site's time zone, and starts one day or one week before. A digest gathers
 * what was first published in [start, end).
 */
export function latestDigestPeriod({ frequency, now, timeZone }: { frequency: Exclude<Frequency, 'immediate'>; now: Date; timeZone: string }): { start: Date; end: Date } {
  const today = partsIn(now, timeZone)
  let date = new Date(Date.UTC(today.year, today.month - 1, today.day))
  const step = (days: number) => (date = new Date(date.getTime() + days * 86_400_000))
  const at = () => zonedInstant({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: DIGEST_HOUR }, timeZone)
  if (frequency === 'weekly') while (WEEKDAYS[date.getUTCDay()] !== 'Mon') step(-1)
  if (at().getTime() > now.getTime()) step(frequency === 'weekly' ? -7 : -1)
  const end = at()
  step(frequency === 'weekly' ? -7 : -1)
  return { start: at(), end }
}
