import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { csvSafeCast, csvSafeCell, csvUnsafeCell } from '@pregon/core/csvSafe'

describe('csvSafeCell', () => {
  it('prefixes a quote to every cell a spreadsheet would read as a formula', () => {
    for (const cell of ['=HYPERLINK("http://x","y")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '＝1+1', '＋1', '－1', '＠x']) {
      expect(csvSafeCell(cell)).toBe(`'${cell}`)
    }
  })

  it('neutralises a phone that starts with + too, so it opens exactly as written', () => {
    expect(csvSafeCell('+52 55 1234 5678')).toBe("'+52 55 1234 5678")
  })

  it('leaves ordinary text, text with = later on, and empty cells alone', () => {
    for (const cell of ['Marco Ibarra', 'a=b', ' =1', '', "'ya citado", '2026-11-30T10:00:00.000Z', 'Ñandú']) expect(csvSafeCell(cell)).toBe(cell)
  })

  it('is undone by csvUnsafeCell, which leaves other quotes alone', () => {
    for (const cell of ['=1+1', '+52 55 1234 5678', 'Marco', "'ya citado"]) expect(csvUnsafeCell(csvSafeCell(cell))).toBe(cell)
  })
})

describe('csvSafeCast with csv-stringify', () => {
  it('writes the exact bytes: quoted as text, CSV quoting kept, numbers and dates as they are', () => {
    const csv = stringify(
      [
        ['=HYPERLINK("http://x","y")', '+52 55 1234 5678', -5, new Date('2026-11-30T10:00:00.000Z'), 'Ana'],
        ['@x', '-', 3, '', 'a=b'],
      ],
      { cast: csvSafeCast },
    )
    expect(csv).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+52 55 1234 5678,-5,2026-11-30T10:00:00.000Z,Ana\n'@x,'-,3,,a=b\n`)
  })
})
