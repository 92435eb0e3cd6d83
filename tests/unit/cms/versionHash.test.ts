import { describe, expect, it } from 'vitest'
import { versionHash } from '@pregon/core/versionHash'

const bulletin = {
  title: 'Jornada de salud',
  slug: 'jornada-de-salud',
  summary: 'Consultas gratuitas.',
  body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Hola' }] } },
  heroImage: 7,
  department: 3,
}

describe('versionHash', () => {
  it('is the same for the same public content, whatever the key order or relation depth', () => {
    const reordered = {
      department: { id: 3, name: 'Salud' },
      heroImage: { id: 7, filename: 'foto.jpg' },
      body: { root: { children: [{ text: 'Hola', type: 'paragraph' }], type: 'root' } },
      summary: bulletin.summary,
      slug: bulletin.slug,
      title: bulletin.title,
    }
    expect(versionHash(reordered)).toBe(versionHash(bulletin))
  })

  it('changes when anything the public sees changes', () => {
    const base = versionHash(bulletin)
    const variants = [
      { ...bulletin, title: 'Jornada de salud.' },
      { ...bulletin, summary: 'Consultas gratuitas el sábado.' },
      { ...bulletin, body: { root: { type: 'root', children: [{ type: 'paragraph', text: 'Hola.' }] } } },
      { ...bulletin, heroImage: 8 },
      { ...bulletin, department: null },
      { ...bulletin, slug: 'otra' },
    ]
    const hashes = new Set(variants.map(versionHash))
    expect(hashes.size).toBe(variants.length)
    expect(hashes.has(base)).toBe(false)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
  })
})
