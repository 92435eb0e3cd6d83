import { describe, expect, it } from 'vitest'
import { composePostFor } from '@pregon/core/channels'
import { distributedItemOf, itemLink, programDeadline, programPostTexts } from '@pregon/core/distributedItem'

const MX = 'America/Mexico_City'
const NOW = new Date('2026-12-01T18:00:00Z')

describe('a program deadline as citizens read it', () => {
  it('is the closing day in the office time zone, with the hour only when one was set', () => {
    // 18:00 in Mexico City is already the next day in UTC: the office's day counts.
    expect(programDeadline({ closesAt: '2027-01-31T00:00:00Z' }, MX, NOW)).toBe('Solicitudes hasta el 30 de enero de 2027 a las 18:00 h')
    // The end of the day (23:59) is what a date picker leaves: no hour.
    expect(programDeadline({ closesAt: '2027-01-31T05:59:00Z' }, MX, NOW)).toBe('Solicitudes hasta el 30 de enero de 2027')
    expect(programDeadline({ closesAt: '2027-01-31T00:00:00Z' }, 'America/Tijuana', NOW)).toBe('Solicitudes hasta el 30 de enero de 2027 a las 16:00 h')
  })

  it('names the opening day while the call has not opened, and nothing when there are no dates', () => {
    expect(programDeadline({ opensAt: '2027-01-05T15:00:00Z', closesAt: '2027-01-31T00:00:00Z' }, MX, NOW)).toBe(
      'Solicitudes del 5 de enero al 30 de enero de 2027 (cierra a las 18:00 h)',
    )
    expect(programDeadline({ opensAt: '2026-12-20T15:00:00Z', closesAt: '2027-01-31T05:59:00Z' }, MX, NOW)).toBe('Solicitudes del 20 de diciembre de 2026 al 30 de enero de 2027')
    expect(programDeadline({ opensAt: '2026-11-05T15:00:00Z', closesAt: '2027-01-31T05:59:00Z' }, MX, NOW)).toBe('Solicitudes hasta el 30 de enero de 2027')
    expect(programDeadline({ opensAt: '2027-01-05T15:00:00Z' }, MX, NOW)).toBe('Solicitudes a partir del 5 de enero de 2027')
    expect(programDeadline({}, MX, NOW)).toBeNull()
    expect(programDeadline({ closesAt: 'not a date' }, MX, NOW)).toBeNull()
  })
})

describe('the words a program goes out with', () => {
  const link = itemLink('https://municipio.gob.mx', 'programs', 'becas-2027')

  it('links to its page under /programas/', () => {
    expect(link).toBe('https://municipio.gob.mx/programas/becas-2027/')
    expect(itemLink('https://municipio.gob.mx', 'bulletins', 'feria')).toBe('https://municipio.gob.mx/boletines/feria/')
  })

  it('keeps the deadline when a long name is shortened to fit X and Bluesky', () => {
    const title = `Programa municipal de apoyo ${'a productores, artesanas y comerciantes de los mercados '.repeat(6)}`.trim()
    const texts = programPostTexts({ title, summary: 'Apoyo económico.', closesAt: '2027-01-31T00:00:00Z' }, MX, NOW)
    for (const channel of ['x', 'bluesky'] as const) {
      const post = composePostFor(channel, { item: texts, title, url: link })
      expect(post.isShortened).toBe(true)
      expect(post.text.startsWith('Solicitudes hasta el 30 de enero de 2027 a las 18:00 h: Programa municipal de apoyo')).toBe(true)
      expect(post.text.endsWith(`… ${link}`)).toBe(true)
    }
  })

  it('on the long networks says what it is, then the deadline; without dates it still says it is a call', () => {
    const texts = programPostTexts({ title: 'Becas 2027', summary: 'Para estudiantes de secundaria.', closesAt: '2027-01-31T00:00:00Z' }, MX, NOW)
    expect(composePostFor('facebook', { item: texts, title: 'Becas 2027', url: link }).text).toBe(
      `Convocatoria: Becas 2027\n\nPara estudiantes de secundaria.\n\nSolicitudes hasta el 30 de enero de 2027 a las 18:00 h. ${link}`,
    )
    expect(programPostTexts({ title: 'Becas 2027' }, MX, NOW).xText).toBe('Convocatoria: Becas 2027')
  })
})

describe('the item a distribution row names', () => {
  it('is its bulletin or its program, read at any depth', () => {
    expect(distributedItemOf({ bulletin: 7, program: null })).toEqual({ collection: 'bulletins', id: 7 })
    expect(distributedItemOf({ bulletin: null, program: { id: 3, title: 'Becas' } })).toEqual({ collection: 'programs', id: 3 })
    expect(distributedItemOf({ bulletin: null, program: null })).toBeNull()
  })
})
