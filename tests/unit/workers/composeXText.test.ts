import { describe, expect, it } from 'vitest'
import { composeXText } from '@pregon/core/composePostText'
import { xTextLength } from '@pregon/core/xTextLength'

const url = 'https://municipio.gob.mx/boletines/2026/rehabilitacion-del-mercado-municipal-hidalgo'
/** A title of `weight` weighted characters made of whole words. */
const titleOf = (weight: number, word = 'palabra') => {
  const words = Array.from({ length: Math.ceil(weight / (word.length + 1)) + 1 }, () => word).join(' ')
  return words.slice(0, weight).trimEnd().padEnd(weight, 'x')
}

/** The text before the link, which must be a whole-word prefix of `original` plus the ellipsis. */
function expectWholeWordPrefix(composed: string, original: string) {
  expect(composed.endsWith(` ${url}`)).toBe(true)
  const body = composed.slice(0, -(url.length + 1))
  expect(body.endsWith('…')).toBe(true)
  const kept = body.slice(0, -1)
  expect(original.startsWith(kept)).toBe(true)
  expect(original.charAt(kept.length)).toMatch(/[\s,;:.]/)
}

describe('composeXText', () => {
  it('posts the title and the link when no custom text is given', () => {
    expect(composeXText({ title: 'Rehabilitan el mercado Hidalgo', url })).toBe(`Rehabilitan el mercado Hidalgo ${url}`)
  })

  it("uses the editor's custom text and appends the link", () => {
    expect(composeXText({ title: 'Título', url, customText: '¡Ya abrió el mercado! 🛒' })).toBe(`¡Ya abrió el mercado! 🛒 ${url}`)
  })

  it('keeps custom text that already contains the link as written', () => {
    const customText = `Detalles en ${url}\n#Hidalgo`
    expect(composeXText({ title: 'Título', url, customText })).toBe(customText)
  })

  it('counts the link as 23, so a 256-character title with a long link fits unchanged', () => {
    const title = titleOf(256)
    const text = composeXText({ title, url })
    expect(text).toBe(`${title} ${url}`)
    expect(xTextLength(text)).toBe(280)
  })

  it('shortens a title one character over the limit at a word boundary', () => {
    const title = titleOf(257)
    const text = composeXText({ title, url })
    expect(xTextLength(text)).toBeLessThanOrEqual(280)
    expectWholeWordPrefix(text, title)
  })

  it('shortens a long title to at most 280 and keeps the link whole at the end', () => {
    const title = `Convocatoria: ${'el Ayuntamiento informa a la ciudadanía sobre los apoyos del programa, '.repeat(8)}`
    const text = composeXText({ title, url })
    expect(xTextLength(text)).toBeLessThanOrEqual(280)
    expect(xTextLength(text)).toBeGreaterThan(250)
    expectWholeWordPrefix(text, title)
    expect(text).not.toMatch(/[,:] ?…/)
  })

  it('counts accents and ñ as one and other scripts as two when deciding to shorten', () => {
    const spanish = titleOf(256, 'añoñí')
    expect(composeXText({ title: spanish, url })).toBe(`${spanish} ${url}`)
    const japanese = '日本語 '.repeat(40).trim() // 40×6 + 39 = 279 weighted
    const text = composeXText({ title: japanese, url })
    expect(xTextLength(text)).toBeLessThanOrEqual(280)
    expectWholeWordPrefix(text, japanese)
  })

  it('drops a hashtag the limit falls inside rather than cutting it', () => {
    const hashtag = '#RehabilitaciónDelMercadoHidalgo2026'
    const lead = titleOf(240)
    const title = `${lead} ${hashtag} y más`
    const text = composeXText({ title, url })
    expect(xTextLength(text)).toBeLessThanOrEqual(280)
    expect(text).not.toContain('#')
    expectWholeWordPrefix(text, title)
  })

  it('keeps a hashtag that fits whole', () => {
    const title = `${titleOf(200)} #Hidalgo ${'texto '.repeat(20)}`
    const text = composeXText({ title, url })
    expect(text).toContain('#Hidalgo')
    expectWholeWordPrefix(text, title)
  })

  it('moves the link to the end of long custom text instead of cutting it', () => {
    const customText = `Mira ${url} ${'y comparte con tus vecinos '.repeat(12)}`
    const text = composeXText({ title: 'Título', url, customText })
    expect(xTextLength(text)).toBeLessThanOrEqual(280)
    expect(text.split(url)).toHaveLength(2)
    expect(text.endsWith(` ${url}`)).toBe(true)
    expect(text.startsWith('Mira y comparte')).toBe(true)
  })

  it('cuts a single word longer than the limit between graphemes, and drops a lone giant hashtag', () => {
    const word = 'ñ'.repeat(300)
    const text = composeXText({ title: word, url })
    expect(text).toBe(`${'ñ'.repeat(280 - 23 - 1 - 2)}… ${url}`)
    expect(composeXText({ title: `#${'a'.repeat(300)}`, url })).toBe(url)
  })
})
