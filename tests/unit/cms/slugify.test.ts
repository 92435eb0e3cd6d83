import { describe, expect, it } from 'vitest'
import { slugify } from '@pregon/core/slugify'

describe('slugify', () => {
  it('folds Spanish accents and ñ and joins words with hyphens', () => {
    expect(slugify('Obras Públicas y Ñandúes')).toBe('obras-publicas-y-nandues')
    expect(slugify('¿Qué hacer ante el frente frío número 12?')).toBe('que-hacer-ante-el-frente-frio-numero-12')
  })

  it('leaves no leading, trailing or repeated hyphens, even when cut to length', () => {
    expect(slugify('  --Aviso:   ¡importante!--  ')).toBe('aviso-importante')
    const long = slugify(`${'palabra '.repeat(20)}final`)
    expect(long.length).toBeLessThanOrEqual(96)
    expect(long).not.toMatch(/^-|-$|--/)
  })

  it('returns an empty slug for text with no letters or digits', () => {
    expect(slugify('¡¿…?!')).toBe('')
  })
})
