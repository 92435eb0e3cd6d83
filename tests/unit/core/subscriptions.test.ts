import { describe, expect, it } from 'vitest'
import { latestDigestPeriod, matchesSubscription, zonedInstant, type SubscriptionChoice } from '@pregon/core/subscriptions'

const MX = 'America/Mexico_City'
const all: SubscriptionChoice = { frequency: 'daily', departments: [], kinds: [], includeBulletins: true, includePrograms: true, emergencies: true }

describe('digest periods, in the site’s time zone', () => {
  it('a daily digest covers 8:00 yesterday to 8:00 today once 8:00 has passed, and the day before until then', () => {
    // 2026-12-02 09:30 in Mexico City (UTC−6) is 15:30 UTC.
    expect(latestDigestPeriod({ frequency: 'daily', now: new Date('2026-12-02T15:30:00Z'), timeZone: MX })).toEqual({
      start: new Date('2026-12-01T14:00:00Z'),
      end: new Date('2026-12-02T14:00:00Z'),
    })
    expect(latestDigestPeriod({ frequency: 'daily', now: new Date('2026-12-02T13:59:59Z'), timeZone: MX })).toEqual({
      start: new Date('2026-11-30T14:00:00Z'),
      end: new Date('2026-12-01T14:00:00Z'),
    })
  })

  it('a weekly digest ends on the last Monday at 8:00 and spans seven days', () => {
    // Wednesday 2 December 2026; the Monday before is 30 November.
    expect(latestDigestPeriod({ frequency: 'weekly', now: new Date('2026-12-02T15:30:00Z'), timeZone: MX })).toEqual({
      start: new Date('2026-11-23T14:00:00Z'),
      end: new Date('2026-11-30T14:00:00Z'),
    })
    // Monday 7:59 local: the period that ended a week before.
    expect(latestDigestPeriod({ frequency: 'weekly', now: new Date('2026-11-30T13:59:00Z'), timeZone: MX }).end).toEqual(new Date('2026-11-23T14:00:00Z'))
  })

  it('follows a zone with daylight saving time (8:00 local is 13:00 UTC in summer in Tijuana, 16:00 in winter)', () => {
    expect(zonedInstant({ year: 2026, month: 7, day: 6, hour: 8 }, 'America/Tijuana')).toEqual(new Date('2026-07-06T15:00:00Z'))
    expect(zonedInstant({ year: 2026, month: 12, day: 7, hour: 8 }, 'America/Tijuana')).toEqual(new Date('2026-12-07T16:00:00Z'))
  })
})

describe('what a subscription matches', () => {
  const bulletin = { collection: 'bulletins' as const, kind: 'aviso', departments: [3, 7] }
  it('matches every item when nothing is narrowed', () => {
    expect(matchesSubscription(all, bulletin)).toBe(true)
    expect(matchesSubscription(all, { collection: 'programs', departments: [] })).toBe(true)
  })
  it('narrows bulletins by any of their departments and by kind; programs by the choice alone', () => {
    expect(matchesSubscription({ ...all, departments: [7] }, bulletin)).toBe(true)
    expect(matchesSubscription({ ...all, departments: [5] }, bulletin)).toBe(false)
    expect(matchesSubscription({ ...all, kinds: ['boletin'] }, bulletin)).toBe(false)
    expect(matchesSubscription({ ...all, kinds: ['aviso', 'boletin'] }, bulletin)).toBe(true)
    expect(matchesSubscription({ ...all, includeBulletins: false }, bulletin)).toBe(false)
    expect(matchesSubscription({ ...all, includePrograms: false }, { collection: 'programs', departments: [] })).toBe(false)
  })
})
