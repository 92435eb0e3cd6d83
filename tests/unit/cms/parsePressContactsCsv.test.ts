import { describe, expect, it } from 'vitest'
import { ImportError, parseConsentDate, parsePressContactsCsv } from '@pregon/cms/pressContacts/parsePressContactsCsv'

describe('parsePressContactsCsv', () => {
  it('accepts Spanish or English headers, semicolons as Excel writes them, and a BOM', () => {
    const parsed = parsePressContactsCsv('\uFEFFNombre;Correo electrónico;Medio;Listas\nMarco;marco@radio.test;Radio;Obras|Salud\n')
    expect(parsed.rows).toEqual([expect.objectContaining({ line: 2, name: 'Marco', email: 'marco@radio.test', outlet: 'Radio', lists: ['Obras', 'Salud'] })])
    expect(parsed.rejected).toEqual([])
  })

  it('names every line it cannot use, including broken quoting, and says which line a duplicate joined', () => {
    const csv = ['name,email', 'Ana,ana@x.test', 'Sin,', 'Roto,"roto@x.test', ''].join('\n')
    const parsed = parsePressContactsCsv(`${csv}Ana B,ANA@x.test\n`)
    expect(parsed.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'IMPORT_EMAIL_MISSING'],
      [5, 'IMPORT_LINE_MALFORMED'],
    ])
    const dup = parsePressContactsCsv('name,email,lists\nAna,ana@x.test,A\nAna B,ANA@x.test,B\n')
    expect(dup.merged).toEqual([{ line: 3, email: 'ana@x.test', mergedIntoLine: 2 }])
    expect(dup.rows[0]!.lists).toEqual(['A', 'B'])
  })

  it('refuses a file without an email or name column with a stable code', () => {
    expect(() => parsePressContactsCsv('nombre,medio\nA,B\n')).toThrow(expect.objectContaining({ code: 'IMPORT_NO_EMAIL_COLUMN' }))
    expect(() => parsePressContactsCsv('correo\na@b.test\n')).toThrow(ImportError)
    expect(() => parsePressContactsCsv('')).toThrow(expect.objectContaining({ code: 'IMPORT_CSV_EMPTY' }))
  })
})

describe('parseConsentDate', () => {
  it('reads ISO and Mexican day/month/year dates and refuses impossible or future ones', () => {
    expect(parseConsentDate('2026-10-01')?.toISOString().slice(0, 10)).toBe('2026-10-01')
    expect(parseConsentDate('5/9/2026')?.toISOString().slice(0, 10)).toBe('2026-09-05')
    expect(parseConsentDate('31/02/2026')).toBeNull()
    expect(parseConsentDate('ayer')).toBeNull()
    expect(parseConsentDate('2999-01-01')).toBeNull()
  })
})
