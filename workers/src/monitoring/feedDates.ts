/**
 * Reads the dates feeds and sitemaps write: RFC 822/1123 (`Wed, 02 Dec 2026 08:00:00 -0600`, also with the
 * Spanish names Mexican outlets emit, `Mié, 02 Dic 2026 08:00:00 -0600`) and ISO 8601 / W3C-DTF
 * (`2026-12-02T08:00-06:00`; a day alone is midnight UTC). Whatever is ambiguous is refused rather than
 * guessed: `02/12/2026` (day or month first?), a time without a zone, a two-digit year. So is a date before
 * the web had news sites (1995) or more than two days ahead (a wrong zone or a typo, not an early scoop).
 */
export function readFeedDate(raw: string | undefined | null, now: Date = new Date()): Date | null {
  const text = raw?.replace(/\s+/g, ' ').trim()
  if (!text) return null
  const date = readRfc822(text) ?? readIso8601(text)
  if (!date || date.getTime() < EARLIEST || date.getTime() > now.getTime() + FUTURE_SLACK_MS) return null
  return date
}

const EARLIEST = Date.UTC(1995, 0, 1)
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000

/** English and Spanish, abbreviated and full, compared without accents or a final dot. */
const MONTHS: Record<string, number> = {
  jan: 0, january: 0, ene: 0, enero: 0,
  feb: 1, february: 1, febrero: 1,
  mar: 2, march: 2, marzo: 2,
  apr: 3, april: 3, abr: 3, abril: 3,
  may: 4, mayo: 4,
  jun: 5, june: 5, junio: 5,
  jul: 6, july: 6, julio: 6,
  aug: 7, august: 7, ago: 7, agosto: 7,
  sep: 8, sept: 8, september: 8, set: 8, septiembre: 8, setiembre: 8,
  oct: 9, october: 9, octubre: 9,
  nov: 10, november: 10, noviembre: 10,
  dec: 11, december: 11, dic: 11, diciembre: 11,
}

/** The weekday is not checked against the date (outlets get it wrong); it only has to be a weekday. */
const WEEKDAYS = new Set([
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'lun', 'mar', 'mie', 'jue', 'vie', 'sab', 'dom',
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo',
])

/** RFC 822's named zones, in minutes east of UTC (Mexico's «CST» is the same −6). */
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
}

const RFC_822 = /^(?:(\p{L}+)\.?,? )?(\d{1,2}) (\p{L}+)\.? (\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([+-]\d{2}:?\d{2}|\p{L}{1,3})$/u

function readRfc822(text: string): Date | null {
  const match = RFC_822.exec(text)
  if (!match) return null
  const [, weekday, day, monthName, year, hour, minute, second, zone] = match
  if (weekday !== undefined && !WEEKDAYS.has(fold(weekday))) return null
  const month = MONTHS[fold(monthName!)]
  const offset = zoneOffset(zone!)
  if (month === undefined || offset === null) return null
  return utcDate({ year: Number(year), month, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), ms: 0, offset })
}

// A time needs its zone: `2026-12-02T08:00` could be any of Mexico's four zones.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(Z|[+-]\d{2}(?::?\d{2})?))?$/i

function readIso8601(text: string): Date | null {
  const match = ISO_8601.exec(text)
  if (!match) return null
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const offset = zone === undefined ? 0 : zoneOffset(zone)
  if (offset === null) return null
  return utcDate({
    year: Number(year),
    month: Number(month) - 1,
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    ms: fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0,
    offset,
  })
}

/** Minutes east of UTC, or null for a zone that is not one. */
function zoneOffset(zone: string): number | null {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!numeric) return ZONES[zone.toLowerCase()] ?? null
  const [, sign, hours, minutes = '00'] = numeric
  if (Number(hours) > 14 || Number(minutes) > 59) return null
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))
}

/** The instant, or null when a field is out of range (31 Nov, 25:00) rather than letting Date roll it over. */
function utcDate(p: { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; offset: number }): Date | null {
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null
  const dayStart = new Date(Date.UTC(p.year, p.month, p.day))
  if (dayStart.getUTCFullYear() !== p.year || dayStart.getUTCMonth() !== p.month || dayStart.getUTCDate() !== p.day) return null
  // A leap second (:60) is read as :59 rather than spilling into the next minute.
  const local = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, Math.min(p.second, 59), p.ms)
  return new Date(local - p.offset * 60_000)
}

/** `Mié` → `mie`, `Dic.` → `dic`. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
