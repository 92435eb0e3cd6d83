import { describe, expect, it } from 'vitest'
import { programStatus } from '@pregon/core/programStatus'

const opensAt = '2026-12-01T06:00:00Z' // 00:00 in Mexico City
const closesAt = '2026-12-16T05:59:59Z' // 23:59:59 on the 15th in Mexico City

describe('programStatus', () => {
  it.each([
    ['2026-11-30T12:00:00Z', 'proximamente'],
    ['2026-12-01T06:00:00Z', 'abierta'],
    ['2026-12-08T05:59:58Z', 'abierta'],
    ['2026-12-09T12:00:00Z', 'cierra-pronto'],
    ['2026-12-16T05:59:58Z', 'cierra-pronto'],
    ['2026-12-16T05:59:59Z', 'cerrada'],
  ])('at %s is %s', (now, expected) => {
    expect(programStatus({ opensAt, closesAt, now: new Date(now) })).toBe(expected)
  })

  it('is open with no dates, and never closes without a closing date', () => {
    expect(programStatus({ now: new Date('2030-01-01T00:00:00Z') })).toBe('abierta')
    expect(programStatus({ opensAt, now: new Date('2030-01-01T00:00:00Z') })).toBe('abierta')
  })
})
