import { describe, expect, it } from 'vitest'
import { composeMastodonText, MASTODON_MAX_LENGTH, mastodonTextLength } from '@pregon/core/composePostText'

const url = 'https://comunicacion.santalucia.gob.mx/boletines/2026/programa-municipal-de-apoyo-a-productores-de-maiz-y-frijol/'

describe('Mastodon text', () => {
  it('counts every link as 23 characters and accents or emoji as one', () => {
    expect(mastodonTextLength(`Vacunación ${url}`)).toBe('Vacunación '.length + 23)
    expect(mastodonTextLength('Año 🐶🐱')).toBe(6)
  })

  it('posts the title and the link when they fit', () => {
    expect(composeMastodonText({ title: 'Feria del maíz', url })).toBe(`Feria del maíz ${url}`)
  })

  it('uses the editor’s social text and appends the link unless it is there', () => {
    expect(composeMastodonText({ title: 't', url, customText: 'Este sábado, feria #SantaLucía' })).toBe(`Este sábado, feria #SantaLucía ${url}`)
    expect(composeMastodonText({ title: 't', url, customText: `Feria: ${url} ¡Ven!` })).toBe(`Feria: ${url} ¡Ven!`)
  })

  it('shortens a long text at a whole word to 500 characters, keeping the link whole and last', () => {
    const long = Array.from({ length: 120 }, (_, i) => `palabra${i}`).join(' ')
    const text = composeMastodonText({ title: long, url })
    expect(mastodonTextLength(text)).toBeLessThanOrEqual(MASTODON_MAX_LENGTH)
    expect(text.endsWith(`… ${url}`)).toBe(true)
    const words = text.slice(0, -(url.length + 2)).split(' ')
    expect(words.every((word, i) => word === `palabra${i}`)).toBe(true)
  })
})
