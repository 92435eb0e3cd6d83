import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from '../../../site/src/lib/formatDate'

const MEXICO_CITY = 'America/Mexico_City'

describe('formatDateTime', () => {
  it('writes the long Spanish date and 24-hour time in the portal time zone', () => {
    expect(formatDateTime('2026-11-23T16:15:00.000Z', MEXICO_CITY)).toBe('23 de noviembre de 2026, 10:15')
  })

  it('moves an evening UTC instant to the previous local day', () => {
    expect(formatDateTime('2026-11-23T03:30:00.000Z', MEXICO_CITY)).toBe('22 de noviembre de 2026, 21:30')
  })

  it('keeps a leading zero on morning hours', () => {
    expect(formatDateTime(new Date('2026-03-05T14:05:00.000Z'), MEXICO_CITY)).toBe('5 de marzo de 2026, 08:05')
  })

  it('follows the time zone it is given rather than the machine’s', () => {
    expect(formatDateTime('2026-11-23T16:15:00.000Z', 'America/Tijuana')).toBe('23 de noviembre de 2026, 08:15')
    expect(formatDateTime('2026-11-23T16:15:00.000Z', 'UTC')).toBe('23 de noviembre de 2026, 16:15')
  })
})

describe('formatDate', () => {
  it('writes the day, month name and year without the time', () => {
    expect(formatDate('2026-01-01T05:59:00.000Z', MEXICO_CITY)).toBe('31 de diciembre de 2025')
    expect(formatDate('2026-01-01T06:00:00.000Z', MEXICO_CITY)).toBe('1 de enero de 2026')
  })
})
