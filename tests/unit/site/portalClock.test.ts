import { describe, expect, it } from 'vitest'
import { activeAlerts, isWithdrawalInFeeds, nextClockChange, type AlertCandidate } from '../../../site/src/content/portalClock'

const storm: AlertCandidate = {
  id: '41',
  slug: 'alerta-por-lluvias',
  title: 'Alerta por lluvias intensas',
  summary: 'Evite cruzar el río Atoyac.',
  publishedAt: '2026-11-24T12:00:00.000Z',
}
const at = (iso: string) => new Date(iso)

describe('activeAlerts', () => {
  it('shows an alert without an end for 24 hours from its publication, start included and end excluded', () => {
    expect(activeAlerts([storm], at('2026-11-24T11:59:59.999Z'))).toEqual([])
    expect(activeAlerts([storm], at('2026-11-24T12:00:00.000Z'))).toEqual([
      { id: '41', title: storm.title, summary: storm.summary, link: '/boletines/alerta-por-lluvias/', startsAt: '2026-11-24T12:00:00.000Z', endsAt: '2026-11-25T12:00:00.000Z' },
    ])
    expect(activeAlerts([storm], at('2026-11-25T11:59:59.999Z'))).toHaveLength(1)
    expect(activeAlerts([storm], at('2026-11-25T12:00:00.000Z'))).toEqual([])
  })

  it('ends an alert at its «Alerta hasta», earlier or later than a day', () => {
    const short = { ...storm, alertUntil: '2026-11-24T15:00:00.000Z' }
    const long = { ...storm, id: '42', alertUntil: '2026-11-27T12:00:00.000Z' }
    expect(activeAlerts([short, long], at('2026-11-24T16:00:00.000Z')).map((alert) => alert.id)).toEqual(['42'])
    expect(activeAlerts([long], at('2026-11-26T12:00:00.000Z'))[0]!.endsAt).toBe('2026-11-27T12:00:00.000Z')
  })

  it('lists the newest alert first', () => {
    const later = { ...storm, id: '50', slug: 'corte-de-agua', publishedAt: '2026-11-24T14:00:00.000Z' }
    expect(activeAlerts([storm, later], at('2026-11-24T15:00:00.000Z')).map((alert) => alert.id)).toEqual(['50', '41'])
  })
})

describe('withdrawn bulletins in feeds', () => {
  const withdrawal = { withdrawnAt: '2026-11-01T18:00:00.000Z' }
  it('stays for 30 days after the withdrawal, then leaves', () => {
    expect(isWithdrawalInFeeds(withdrawal, at('2026-12-01T17:59:59.999Z'))).toBe(true)
    expect(isWithdrawalInFeeds(withdrawal, at('2026-12-01T18:00:00.000Z'))).toBe(false)
  })
})

describe('nextClockChange', () => {
  it('is the soonest alert end or withdrawal leaving the feeds after now', () => {
    const now = at('2026-11-24T13:00:00.000Z')
    const [alert] = activeAlerts([storm], now)
    const withdrawn = [
      { slug: 'a', title: 'A', publishedAt: '2026-11-01T00:00:00.000Z', withdrawnAt: '2026-11-01T18:00:00.000Z', notice: '', isInFeeds: true },
      { slug: 'b', title: 'B', publishedAt: '2026-10-01T00:00:00.000Z', withdrawnAt: '2026-10-01T18:00:00.000Z', notice: '', isInFeeds: false },
    ]
    expect(nextClockChange({ alerts: [alert!], withdrawn }, now)).toEqual(at('2026-11-25T12:00:00.000Z'))
    expect(nextClockChange({ alerts: [], withdrawn }, now)).toEqual(at('2026-12-01T18:00:00.000Z'))
    expect(nextClockChange({ alerts: [], withdrawn: [] }, now)).toBeNull()
  })
})
