import twitterText from 'twitter-text'
import { describe, expect, it } from 'vitest'
import { xTextLength } from '@pregon/core/xTextLength'

// twitter-text is X's own counter; it is the oracle here only (see xTextLength.ts for why it is not shipped).
const xCounts = (text: string) => twitterText.parseTweet(text).weightedLength
const regexen = (twitterText as unknown as { regexen: Record<string, RegExp> }).regexen

describe('xTextLength', () => {
  it('counts Spanish text, accents and ñ as one each, also when typed decomposed', () => {
    expect(xTextLength('Año de Peñasco: ¡inauguración!')).toBe(30)
    expect(xTextLength('An\u0303o')).toBe(3)
  })

  it('counts other scripts and emoji sequences as two', () => {
    expect(xTextLength('日本')).toBe(4)
    expect(xTextLength('👨‍👩‍👧‍👦')).toBe(2)
    expect(xTextLength('🇲🇽')).toBe(2)
    expect(xTextLength('👋🏽')).toBe(2)
  })

  it('counts any link as 23 whatever its length', () => {
    expect(xTextLength('https://x.mx')).toBe(23)
    expect(xTextLength(`https://municipio.gob.mx/boletines/${'obra-publica-'.repeat(10)}ñandú`)).toBe(23)
    expect(xTextLength('Detalles: municipio.gob.mx/tramites.')).toBe(10 + 23 + 1)
  })

  const corpus = [
    'Hola',
    'Año nuevo en Peñasco: ¡inauguración! #Pregón #Obras2026',
    '👍 listo 🏳️‍🌈 1️⃣ © ‼ 日本語',
    'Ünïcödé — “comillas” …',
    'Ver https://municipio.gob.mx/boletines/2026/obra-publica-calle-ñandú',
    'Ver https://municipio.gob.mx.',
    '(https://gob.mx/x) y https://x.com/a?b=c&d=e y https://t.co/abc',
    'Leer: https://gob.mx/x?y=1! HTTPS://GOB.MX/X',
    'municipio.gob.mx, ejemplo.mx, pregon.xyz, www.municipio.gob.mx/tramites',
    'escribe a prensa@municipio.gob.mx o #gob.mx o _gob.mx',
    'EE.UU. y p. ej. Sr.Presidente, archivo.pdf',
    'http://127.0.0.1:4321/boletines/x',
  ]

  it.each(corpus)('agrees with twitter-text on %j', (text) => {
    expect(xTextLength(text)).toBe(xCounts(text))
  })

  it('agrees with twitter-text on every two-letter ending, with and without a scheme', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    const disagreements: string[] = []
    for (const a of letters) {
      for (const b of letters) {
        for (const text of [`ejemplo.${a}${b}`, `https://ejemplo.${a}${b}/ruta`]) {
          if (xTextLength(text) !== xCounts(text)) disagreements.push(text)
        }
      }
    }
    expect(disagreements).toEqual([])
  })

  it('never counts less than X for any generic TLD X knows', () => {
    const genericTlds = regexen.validGTLD!.source.replace(/^\(\?:/, '').replace(/\)\(\?=.*$/, '').split('|')
    expect(genericTlds.length).toBeGreaterThan(1000)
    const undercounted = genericTlds
      .filter((tld) => /^[a-z]+$/.test(tld))
      .flatMap((tld) => [`ejemplo.${tld}`, `https://ejemplo.${tld}`, `www.un-dominio-muy-largo-de-ejemplo.${tld}`])
      .filter((text) => xTextLength(text) < xCounts(text))
    expect(undercounted).toEqual([])
  })

  it('treats file names as text, as X does', () => {
    for (const text of ['archivo.pdf', 'foto.jpeg', 'anexo.docx', 'pagina.html', 'imagen.webp']) {
      expect(xTextLength(text)).toBe(xCounts(text))
    }
  })
})
