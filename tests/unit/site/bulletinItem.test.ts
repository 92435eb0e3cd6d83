import { describe, expect, it } from 'vitest'
import type { PortalBulletin } from '../../../site/src/content/PortalContent'
import { bulletinItem } from '../../../site/src/feeds/bulletinItem'

function aBulletin(overrides: Partial<PortalBulletin> = {}): PortalBulletin {
  return {
    id: '7',
    slug: 'jornada-de-limpieza',
    title: 'Jornada de limpieza en el río Atoyac',
    summary: 'Vecinas y vecinos se suman a la limpieza del cauce este sábado.',
    bodyHtml: '<p>Punto de reunión: puente de la calle Morelos.</p>',
    publishedAt: '2026-11-20T15:00:00.000Z',
    department: { name: 'Ecología', slug: 'ecologia' },
    hero: null,
    ...overrides,
  }
}

describe('bulletinItem', () => {
  it('links to the bulletin page by slug with a trailing slash', () => {
    expect(bulletinItem(aBulletin()).link).toBe('/boletines/jornada-de-limpieza/')
  })

  it('uses the summary as description and the publication instant as pubDate', () => {
    const item = bulletinItem(aBulletin())
    expect(item.title).toBe('Jornada de limpieza en el río Atoyac')
    expect(item.description).toBe('Vecinas y vecinos se suman a la limpieza del cauce este sábado.')
    expect(item.pubDate).toEqual(new Date('2026-11-20T15:00:00.000Z'))
  })

  it('files the item under its department', () => {
    expect(bulletinItem(aBulletin()).categories).toEqual(['Ecología'])
  })

  it('has no categories when the bulletin has no department', () => {
    expect(bulletinItem(aBulletin({ department: null })).categories).toEqual([])
  })

  it('carries the sanitized body as content unless asked not to', () => {
    expect(bulletinItem(aBulletin()).content).toBe('<p>Punto de reunión: puente de la calle Morelos.</p>')
    expect(bulletinItem(aBulletin(), { hasContent: false })).not.toHaveProperty('content')
  })

  it('leaves the title as text: escaping is the feed writer’s job', () => {
    expect(bulletinItem(aBulletin({ title: '<script>alert(1)</script> Obra' })).title).toBe('<script>alert(1)</script> Obra')
  })

  it('describes the hero image for feed readers with its alt text, escaped', () => {
    const hero = { filename: 'limpieza río.webp', alt: 'Vecinas retiran basura del río "Atoyac" & su ribera', width: 960, height: 540, mimeType: 'image/webp' }
    const item = bulletinItem(aBulletin({ hero }), { siteUrl: 'https://comunicacion.municipio.gob.mx' })
    expect(item.customData).toBe(
      '<media:content url="https://comunicacion.municipio.gob.mx/media/limpieza%20r%C3%ADo.webp" type="image/webp" medium="image" width="960" height="540">' +
        '<media:description type="plain">Vecinas retiran basura del río &quot;Atoyac&quot; &amp; su ribera</media:description></media:content>',
    )
    expect(bulletinItem(aBulletin(), { siteUrl: 'https://comunicacion.municipio.gob.mx' }).customData).toBeUndefined()
  })

  it('puts corrections first, newest first, and dates the item by the latest one', () => {
    const item = bulletinItem(
      aBulletin({
        corrections: [
          { at: '2026-11-21T16:00:00.000Z', note: 'El punto de reunión es el puente.' },
          { at: '2026-11-22T17:45:00.000Z', note: 'Empieza a las 9:00.' },
        ],
      }),
    )
    expect(item.description).toBe(
      'Corrección (22 de noviembre de 2026, 11:45): Empieza a las 9:00.\n\nCorrección (21 de noviembre de 2026, 10:00): El punto de reunión es el puente.\n\nVecinas y vecinos se suman a la limpieza del cauce este sábado.',
    )
    expect(item.content!.indexOf('Empieza a las 9:00.')).toBeLessThan(item.content!.indexOf('El punto de reunión es el puente.'))
    expect(item.content!.indexOf('El punto de reunión es el puente.')).toBeLessThan(item.content!.indexOf('Punto de reunión: puente de la calle Morelos.'))
    expect(item.customData).toBe('<atom:updated>2026-11-22T17:45:00.000Z</atom:updated>')
    expect(item.pubDate).toEqual(new Date('2026-11-20T15:00:00.000Z'))
  })
})
