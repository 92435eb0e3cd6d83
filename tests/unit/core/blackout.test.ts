import { describe, expect, it } from 'vitest'
import { currentAndComingPeriods, isExcepted, nextBoundary, periodAt, periodSpan, suspendingPeriod } from '@pregon/core/law/blackout'

// Campaigns of a local election in Michoacán: from 00:00 on 3 April to the polls' close at 18:00 on 6 June 2027 (UTC−6).
const CAMPAIGNS = { id: 1, name: 'Campañas locales 2027', startsAt: '2027-04-03T06:00:00.000Z', endsAt: '2027-06-07T00:00:00.000Z' }
const CONSULTA = { id: 2, name: 'Consulta popular', startsAt: '2027-08-01T06:00:00.000Z', endsAt: '2027-08-02T06:00:00.000Z' }
const TZ = 'America/Mexico_City'

describe('veda periods', () => {
  it('is in force from its start, included, to its end, excluded', () => {
    expect(periodAt([CAMPAIGNS, CONSULTA], new Date('2027-04-03T05:59:59.999Z'))).toBeNull()
    expect(periodAt([CAMPAIGNS, CONSULTA], new Date('2027-04-03T06:00:00.000Z'))).toBe(CAMPAIGNS)
    expect(periodAt([CAMPAIGNS, CONSULTA], new Date('2027-06-06T23:59:59.999Z'))).toBe(CAMPAIGNS)
    expect(periodAt([CAMPAIGNS, CONSULTA], new Date('2027-06-07T00:00:00.000Z'))).toBeNull()
    expect(periodAt([CAMPAIGNS, CONSULTA], new Date('2027-08-01T12:00:00.000Z'))).toBe(CONSULTA)
  })

  it('takes the one ending last when two overlap, and lists what is not over, soonest first', () => {
    const federal = { id: 3, name: 'Campañas federales', startsAt: '2027-03-30T06:00:00.000Z', endsAt: '2027-06-07T01:00:00.000Z' }
    expect(periodAt([CAMPAIGNS, federal], new Date('2027-05-01T12:00:00.000Z'))).toBe(federal)
    expect(currentAndComingPeriods([CONSULTA, CAMPAIGNS, federal], new Date('2027-06-07T00:30:00.000Z'))).toEqual([federal, CONSULTA])
  })

  it('knows the next instant the portal changes: a start or an end', () => {
    expect(nextBoundary([CAMPAIGNS, CONSULTA], new Date('2027-01-01T00:00:00.000Z'))).toEqual(new Date(CAMPAIGNS.startsAt))
    expect(nextBoundary([CAMPAIGNS, CONSULTA], new Date('2027-05-01T00:00:00.000Z'))).toEqual(new Date(CAMPAIGNS.endsAt))
    expect(nextBoundary([CAMPAIGNS, CONSULTA], new Date('2027-08-02T06:00:00.000Z'))).toBeNull()
  })

  it('reads its span in the office time zone, with the closing hour of the polls', () => {
    expect(periodSpan(CAMPAIGNS, TZ)).toBe('del 3 de abril al 6 de junio de 2027 a las 18:00 h')
    expect(periodSpan(CONSULTA, TZ)).toBe('del 1 de agosto al 2 de agosto de 2027')
  })
})

describe('exceptions and the portal', () => {
  const justification = 'Brote de dengue: la población debe eliminar criaderos esta semana.'

  it('excepts only an allowed category with a written justification', () => {
    expect(isExcepted({ blackoutException: 'salud', blackoutJustification: justification })).toBe(true)
    expect(isExcepted({ blackoutException: 'salud', blackoutJustification: 'Es urgente.' })).toBe(false)
    expect(isExcepted({ blackoutException: null, blackoutJustification: justification })).toBe(false)
    expect(isExcepted({ blackoutException: 'obras', blackoutJustification: justification })).toBe(false)
  })

  it('suspends promotion on the portal while a period is active, and nothing else', () => {
    const during = new Date('2027-05-01T12:00:00.000Z')
    expect(suspendingPeriod({ classification: 'logros' }, [CAMPAIGNS], during)).toBe(CAMPAIGNS)
    expect(suspendingPeriod({ classification: 'campana' }, [CAMPAIGNS], during)).toBe(CAMPAIGNS)
    expect(suspendingPeriod({ classification: 'campana', blackoutException: 'salud', blackoutJustification: justification }, [CAMPAIGNS], during)).toBeNull()
    expect(suspendingPeriod({ classification: 'informativo' }, [CAMPAIGNS], during)).toBeNull()
    expect(suspendingPeriod({ classification: 'emergencia' }, [CAMPAIGNS], during)).toBeNull()
    expect(suspendingPeriod({ classification: 'logros' }, [CAMPAIGNS], new Date('2027-06-07T00:00:00.000Z'))).toBeNull()
  })
})
