/**
 * What goes out on the networks and to the press: a bulletin, or a program (convocatoria) citizens can apply
 * to. A distribution row names exactly one of them, in its own column.
 */
export const DISTRIBUTED_COLLECTIONS = ['bulletins', 'programs'] as const
export type DistributedCollection = (typeof DISTRIBUTED_COLLECTIONS)[number]

/** The ledger's column (and Payload field) naming the item of each kind. */
export const ITEM_FIELD = { bulletins: 'bulletin', programs: 'program' } as const satisfies Record<DistributedCollection, string>

const PORTAL_SECTION: Record<DistributedCollection, string> = { bulletins: 'boletines', programs: 'programas' }

/** How staff read the kind of item in a sentence: «El boletín…», «El programa…». */
export const ITEM_NOUN: Record<DistributedCollection, string> = { bulletins: 'el boletín', programs: 'el programa' }

/** The same at the start of a sentence: «El boletín…». */
export const itemNounAtStart = (collection: DistributedCollection): string => `${ITEM_NOUN[collection][0]!.toUpperCase()}${ITEM_NOUN[collection].slice(1)}`

/** The item's page on the portal: where every post links. */
export const itemLink = (siteUrl: string, collection: DistributedCollection, slug: string): string => `${siteUrl}/${PORTAL_SECTION[collection]}/${slug}/`

export const isDistributedCollection = (value: unknown): value is DistributedCollection =>
  typeof value === 'string' && (DISTRIBUTED_COLLECTIONS as readonly string[]).includes(value)

/** The item a distribution row names, by collection and id (`bulletin` or `program`, read at any depth). */
export function distributedItemOf(row: { bulletin?: unknown; program?: unknown }): { collection: DistributedCollection; id: number } | null {
  for (const collection of DISTRIBUTED_COLLECTIONS) {
    const value = row[ITEM_FIELD[collection]]
    const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
    if (id !== null && id !== undefined && id !== '') return { collection, id: Number(id) }
  }
  return null
}

const instant = (value: string | null | undefined): Date | null => {
  const date = value ? new Date(value) : null
  return date && !Number.isNaN(date.getTime()) ? date : null
}

export interface ProgramDates {
  opensAt?: string | null
  closesAt?: string | null
}

/**
 * A program's dates as a citizen reads them in a post or an email: «Solicitudes del 5 de enero al 30 de enero de
 * 2027 (cierra a las 18:00 h)», «Solicitudes hasta el 30 de enero de 2027 a las 18:00 h», «Solicitudes a
 * partir del …», or null when it has no dates. The office's time zone, never the server's: the deadline is the
 * one the office set.
 */
export function programDeadline({ opensAt, closesAt }: ProgramDates, timeZone: string, now = new Date()): string | null {
  const day = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', year: 'numeric', timeZone })
  const time = new Intl.DateTimeFormat('es-MX', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
  const opens = instant(opensAt)
  const closes = instant(closesAt)
  // A closing time a person set on purpose (not the end or the start of a day) is part of the deadline.
  const closingHour = closes ? time.format(closes) : null
  const hour = closingHour && closingHour !== '23:59' && closingHour !== '00:00' ? closingHour : null
  const year = new Intl.DateTimeFormat('es-MX', { year: 'numeric', timeZone })
  const sameYear = (a: Date, b: Date) => year.format(a) === year.format(b)
  const dayInYear = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', timeZone })
  if (closes && opens && opens > now) return `Solicitudes del ${(sameYear(opens, closes) ? dayInYear : day).format(opens)} al ${day.format(closes)}${hour ? ` (cierra a las ${hour} h)` : ''}`
  if (closes) return `Solicitudes hasta el ${day.format(closes)}${hour ? ` a las ${hour} h` : ''}`
  if (opens && opens > now) return `Solicitudes a partir del ${day.format(opens)}`
  return null
}

/**
 * The words a program goes out with on each network, the link added by the composer: on the short networks the
 * deadline first, so shortening cuts the name's tail and never the date; on the long ones (Facebook, Instagram,
 * Telegram) the name, what it is and the deadline. Keys are the networks' text fields (core/channels).
 */
export function programPostTexts(program: { title: string; summary?: string | null } & ProgramDates, timeZone: string, now = new Date()) {
  const deadline = programDeadline(program, timeZone, now)
  const short = deadline ? `${deadline}: ${program.title.trim()}` : `Convocatoria: ${program.title.trim()}`
  const long = [`Convocatoria: ${program.title.trim()}`, program.summary?.trim(), deadline ? `${deadline}.` : null].filter(Boolean).join('\n\n')
  return { xText: short, facebookText: long, instagramText: long, telegramText: long }
}
