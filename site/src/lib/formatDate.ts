const LOCALE = 'es-MX'

// Formatters are costly to build and a 1,000-page build formats thousands of dates: keep one per zone.
const cache = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>()

function formattersFor(timeZone: string) {
  let formatters = cache.get(timeZone)
  if (!formatters) {
    formatters = {
      date: new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
      time: new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
    }
    cache.set(timeZone, formatters)
  }
  return formatters
}

/** "23 de noviembre de 2026" in the given IANA time zone. */
export function formatDate(instant: string | Date, timeZone: string): string {
  return formattersFor(timeZone).date.format(new Date(instant))
}

/**
 * "23 de noviembre de 2026, 10:15" in the given IANA time zone. Built from two formatters because
 * es-MX's own long style says "a las 10:15 a.m.", which reads poorly in lists and varies across ICU versions.
 */
export function formatDateTime(instant: string | Date, timeZone: string): string {
  const { date, time } = formattersFor(timeZone)
  const value = new Date(instant)
  return `${date.format(value)}, ${time.format(value)}`
}
