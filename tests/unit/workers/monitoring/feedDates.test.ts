import { describe, expect, it } from 'vitest'
import { readFeedDate } from '@pregon/workers/monitoring/feedDates'

const now = new Date('2026-12-03T15:00:00Z')
const read = (raw: string | null | undefined) => readFeedDate(raw, now)?.toISOString() ?? null

describe('readFeedDate', () => {
  it('reads RFC 822 dates with numeric offsets and named zones', () => {
    expect(read('Wed, 02 Dec 2026 18:30:12 +0000')).toBe('2026-12-02T18:30:12.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 -0600')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('Wed, 2 Dec 2026 08:00 -0700')).toBe('2026-12-02T15:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 GMT')).toBe('2026-12-02T08:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 UT')).toBe('2026-12-02T08:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 CST')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 CDT')).toBe('2026-12-02T13:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 MST')).toBe('2026-12-02T15:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 PST')).toBe('2026-12-02T16:00:00.000Z')
    expect(read('Wed, 02 Dec 2026 08:00:00 EST')).toBe('2026-12-02T13:00:00.000Z')
    expect(read('02 Dec 2026 08:00:00 -06:00')).toBe('2026-12-02T14:00:00.000Z')
  })

  it('reads the Spanish month and day names Mexican outlets emit', () => {
    expect(read('Mié, 02 Dic 2026 08:00:00 -0600')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('mie, 02 dic. 2026 08:00:00 -0600')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('Miércoles, 02 Diciembre 2026 08:00:00 -0600')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('Lun, 30 Nov 2026 21:15:00 -0700')).toBe('2026-12-01T04:15:00.000Z')
    expect(read('Sáb, 15 Ago 2026 10:00:00 +0000')).toBe('2026-08-15T10:00:00.000Z')
    expect(read('Jue, 01 Ene 2026 00:00:00 -0600')).toBe('2026-01-01T06:00:00.000Z')
  })

  it('ignores a weekday that does not match the date (outlets get it wrong), but not a word that is no weekday', () => {
    expect(read('Fri, 02 Dec 2026 08:00:00 +0000')).toBe('2026-12-02T08:00:00.000Z')
    expect(read('Hoy, 02 Dec 2026 08:00:00 +0000')).toBeNull()
  })

  it('reads ISO 8601 / W3C-DTF, with or without seconds; a day alone is midnight UTC', () => {
    expect(read('2026-12-02T08:00:00-06:00')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('2026-12-02T08:00-06:00')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('2026-12-02T14:00:00Z')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('2026-12-02T14:00:00.123456+00:00')).toBe('2026-12-02T14:00:00.123Z')
    expect(read('2026-12-02T08:00:00-0600')).toBe('2026-12-02T14:00:00.000Z')
    expect(read('2026-12-02')).toBe('2026-12-02T00:00:00.000Z')
    expect(read('  2026-12-02T08:00:00-06:00 \n')).toBe('2026-12-02T14:00:00.000Z')
  })

  it('refuses what it would have to guess', () => {
    // Day first or month first?
    expect(read('02/12/2026 08:00')).toBeNull()
    expect(read('12/02/2026')).toBeNull()
    // A time without a zone: Mexico has four.
    expect(read('2026-12-02 08:00:00')).toBeNull()
    expect(read('2026-12-02T08:00:00')).toBeNull()
    expect(read('Wed, 02 Dec 2026 08:00:00')).toBeNull()
    expect(read('Wed, 02 Dec 26 08:00:00 GMT')).toBeNull()
    expect(read('Martes, 1 de diciembre de 2026')).toBeNull()
    expect(read('hace 2 horas')).toBeNull()
    expect(read('2026-12')).toBeNull()
    expect(read('1764684000')).toBeNull()
  })

  it('refuses impossible fields rather than rolling them over', () => {
    expect(read('2026-11-31')).toBeNull()
    expect(read('2026-02-29T10:00:00Z')).toBeNull()
    expect(read('Wed, 02 Dec 2026 25:00:00 +0000')).toBeNull()
    expect(read('Wed, 02 Foo 2026 08:00:00 +0000')).toBeNull()
    expect(read('Wed, 02 Dec 2026 08:00:00 XYZ')).toBeNull()
    expect(read('2026-12-02T08:00:00+15:00')).toBeNull()
  })

  it('refuses dates before 1995 and more than two days ahead', () => {
    expect(read('1994-12-31T23:59:59Z')).toBeNull()
    expect(read('1995-01-01')).toBe('1995-01-01T00:00:00.000Z')
    expect(read('2026-12-05T14:00:00Z')).toBe('2026-12-05T14:00:00.000Z')
    expect(read('2026-12-05T15:00:01Z')).toBeNull()
    expect(read('Thu, 24 Dec 2026 18:00:00 -0700')).toBeNull()
  })

  it('returns null for nothing', () => {
    expect(read(undefined)).toBeNull()
    expect(read(null)).toBeNull()
    expect(read('')).toBeNull()
    expect(read('   ')).toBeNull()
  })
})
