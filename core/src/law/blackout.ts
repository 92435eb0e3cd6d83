/**
 * The veda electoral: periods (campaigns until the polls close, a consulta popular, a revocación de mandato) in
 * which government propaganda is suspended on every channel, the portal included. Pure: the workflow's checks,
 * the scheduler, the worker, the portal's export and the dashboard read the same rules from here.
 */

/** What an item is, for the law: every bulletin and program says it before review. */
export const CLASSIFICATIONS = ['informativo', 'campana', 'logros', 'emergencia'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  informativo: 'Informativo / servicio',
  campana: 'Campaña',
  logros: 'Promoción de logros',
  emergencia: 'Emergencia',
}

/**
 * Propaganda in the strict sense: withdrawn from the portal while a period is active, and back at its end.
 * Information on procedures and services stays (TEPJF, Tesis XIII/2017).
 */
export const PROMOTION_CLASSIFICATIONS: ReadonlySet<string> = new Set<Classification>(['campana', 'logros'])

/** The constitutional exceptions (Art. 41, base III, apartado C): only these may go out during a period. */
export const BLACKOUT_EXCEPTIONS = ['salud', 'educacion', 'proteccion-civil', 'autoridad-electoral'] as const
export type BlackoutException = (typeof BLACKOUT_EXCEPTIONS)[number]
export const BLACKOUT_EXCEPTION_LABELS: Record<BlackoutException, string> = {
  salud: 'Servicios de salud',
  educacion: 'Servicios educativos',
  'proteccion-civil': 'Protección civil (emergencia)',
  'autoridad-electoral': 'Información de la autoridad electoral',
}

export const BLACKOUT_KINDS = ['federal', 'estatal', 'municipal', 'consulta', 'revocacion'] as const
export type BlackoutKind = (typeof BLACKOUT_KINDS)[number]
export const BLACKOUT_KIND_LABELS: Record<BlackoutKind, string> = {
  federal: 'Elección federal',
  estatal: 'Elección estatal',
  municipal: 'Elección local (municipal)',
  consulta: 'Consulta popular',
  revocacion: 'Revocación de mandato',
}

/** A justification shorter than this says nothing a transparency request could read. */
export const MIN_JUSTIFICATION = 20

export interface BlackoutPeriod {
  id?: number | string
  name: string
  startsAt: string | Date
  endsAt: string | Date
}

/** The fields of an item the rules read (bulletins and programs alike). */
export interface BlackoutSubject {
  classification?: string | null
  blackoutException?: string | null
  blackoutJustification?: string | null
}

const time = (value: string | Date) => new Date(value).getTime()

/** The period in force at `at` (start included, end excluded), the one ending last when they overlap. */
export function periodAt<P extends BlackoutPeriod>(periods: readonly P[], at: Date): P | null {
  const covering = periods.filter((period) => time(period.startsAt) <= at.getTime() && at.getTime() < time(period.endsAt))
  return covering.sort((a, b) => time(b.endsAt) - time(a.endsAt))[0] ?? null
}

/** Periods not yet over at `now`, soonest first: what the dashboard shows. */
export function currentAndComingPeriods<P extends BlackoutPeriod>(periods: readonly P[], now: Date): P[] {
  return periods.filter((period) => time(period.endsAt) > now.getTime()).sort((a, b) => time(a.startsAt) - time(b.startsAt))
}

/** Whether an item carries an allowed exception with a written justification. */
export function isExcepted(item: BlackoutSubject): boolean {
  return (
    (BLACKOUT_EXCEPTIONS as readonly string[]).includes(item.blackoutException ?? '') &&
    (item.blackoutJustification ?? '').trim().length >= MIN_JUSTIFICATION
  )
}

/** The period that suspends an item's page on the portal at `at`: promotion without an exception, while one is active. */
export function suspendingPeriod<P extends BlackoutPeriod>(item: BlackoutSubject, periods: readonly P[], at: Date): P | null {
  if (!PROMOTION_CLASSIFICATIONS.has(item.classification ?? '') || isExcepted(item)) return null
  return periodAt(periods, at)
}

/** The next instant after `now` at which a period starts or ends: the portal changes then. */
export function nextBoundary(periods: readonly BlackoutPeriod[], now: Date): Date | null {
  const later = periods.flatMap((period) => [time(period.startsAt), time(period.endsAt)]).filter((at) => at > now.getTime())
  return later.length > 0 ? new Date(Math.min(...later)) : null
}

/** The public's neutral note in place of a suspended page (no names, no reasons beyond the law). */
export const SUSPENDED_NOTICE = 'Contenido suspendido temporalmente por veda electoral.'

/** «del 3 de abril al 6 de junio de 2027», in the office's time zone. */
export function periodSpan(period: BlackoutPeriod, timeZone: string): string {
  const day = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', timeZone })
  const dayYear = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', year: 'numeric', timeZone })
  const hour = new Intl.DateTimeFormat('es-MX', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
  const end = new Date(period.endsAt)
  const endHour = hour.format(end)
  return `del ${day.format(new Date(period.startsAt))} al ${dayYear.format(end)}${endHour === '00:00' || endHour === '23:59' ? '' : ` a las ${endHour} h`}`
}
