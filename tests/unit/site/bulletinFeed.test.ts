import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { PortalBulletin, PortalSite } from '../../../site/src/content/PortalContent'
import { bulletinFeed } from '../../../site/src/feeds/bulletinFeed'
import { topicsOf } from '../../../site/src/lib/topics'

const site: PortalSite = { name: 'H. Ayuntamiento de Prueba', url: 'https://prensa.example.gob.mx', timeZone: 'America/Mexico_City', description: '' }

function aBulletin(overrides: Partial<PortalBulletin> = {}): PortalBulletin {
  return {
    id: '7',
    slug: 'feria-del-elote',
    title: 'Feria del elote',
    summary: 'La feria abre el viernes en el jardín principal.',
    bodyHtml: '<p>Termina el sábado 29.</p>',
    publishedAt: '2026-11-20T15:00:00.000Z',
    department: null,
    hero: null,
    ...overrides,
  }
}

async function feedOf(bulletins: PortalBulletin[]) {
  const xml = await (await bulletinFeed({ site, title: 'Boletines', description: 'Boletines de prueba', bulletins })).text()
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({ ignoreAttributes: false, ignoreDeclaration: true, ignorePiTags: false }).parse(xml)
  return { xml, channel: parsed.rss.channel, stylesheet: parsed['?xml-stylesheet'] }
}

describe('bulletinFeed', () => {
  it('is plain RSS 2.0 that names a stylesheet for people who open it in a browser', async () => {
    const { xml, channel, stylesheet } = await feedOf([aBulletin()])
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet href="\/rss.xsl" type="text\/xsl"\?><rss version="2.0"/)
    expect(stylesheet['@_href']).toBe('/rss.xsl')
    expect(channel.item.title).toBe('Feria del elote')
  })

  it('keeps the guid and pubDate of a corrected bulletin, puts the correction first and dates the update', async () => {
    const before = (await feedOf([aBulletin()])).channel.item
    const corrected = aBulletin({
      bodyHtml: '<p>Termina el domingo 30.</p>',
      corrections: [{ at: '2026-11-24T18:30:00.000Z', note: 'La feria termina el domingo 30, no el sábado 29.' }],
    })
    const { xml, channel } = await feedOf([corrected])
    const after = channel.item
    expect(after.guid['#text']).toBe(before.guid['#text'])
    expect(after.guid['#text']).toBe('https://prensa.example.gob.mx/boletines/feria-del-elote/')
    expect(after.pubDate).toBe(before.pubDate)
    // 12:30 in Mexico City: dated in the site's time zone, not UTC; before the summary and before the body.
    expect(after.description.startsWith('Corrección (24 de noviembre de 2026, 12:30): La feria termina el domingo 30, no el sábado 29.')).toBe(true)
    expect(after.description).toContain('La feria abre el viernes en el jardín principal.')
    expect(after['content:encoded'].startsWith('<p><strong>Corrección (24 de noviembre de 2026, 12:30): La feria termina el domingo 30, no el sábado 29.</strong></p>')).toBe(true)
    expect(after['content:encoded']).toContain('<p>Termina el domingo 30.</p>')
    expect(after['atom:updated']).toBe('2026-11-24T18:30:00.000Z')
    expect(before['atom:updated']).toBeUndefined()
    expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"')
  })

  it('keeps a withdrawn bulletin\'s item, marked «Retirado» with the notice and no body, while the export says so', async () => {
    const withdrawal = { slug: 'feria-del-elote', title: 'Feria del elote', publishedAt: '2026-11-20T15:00:00.000Z', withdrawnAt: '2026-11-25T17:00:00.000Z', notice: 'La feria se pospone.' }
    const newer = aBulletin({ slug: 'mercado', title: 'Mercado sobre ruedas', publishedAt: '2026-11-26T15:00:00.000Z' })
    const shown = await (await bulletinFeed({ site, title: 'Boletines', description: 'd', bulletins: [newer], withdrawn: [{ ...withdrawal, isInFeeds: true }] })).text()
    const items = new XMLParser({ ignoreAttributes: false }).parse(shown).rss.channel.item
    expect(items.map((item: { title: string }) => item.title)).toEqual(['Mercado sobre ruedas', 'Retirado: Feria del elote'])
    const gone = items[1]
    expect(gone.guid['#text']).toBe('https://prensa.example.gob.mx/boletines/feria-del-elote/')
    expect(gone.description).toBe('La feria se pospone.')
    expect(gone['content:encoded']).toBeUndefined()
    expect(gone['atom:updated']).toBe('2026-11-25T17:00:00.000Z')
    const past = await (await bulletinFeed({ site, title: 'Boletines', description: 'd', bulletins: [newer], withdrawn: [{ ...withdrawal, isInFeeds: false }] })).text()
    expect(past).not.toContain('feria-del-elote')
  })

  it('files an item under its department and its topics', async () => {
    const item = (await feedOf([aBulletin({ department: { name: 'Cultura', slug: 'cultura' }, topics: [{ name: 'Fiestas', slug: 'fiestas' }] })])).channel.item
    expect(item.category).toEqual(['Cultura', 'Fiestas'])
  })
})

describe('topicsOf', () => {
  it('lists each topic once with its bulletins newest first, in Spanish alphabetical order', () => {
    const newer = aBulletin({ slug: 'b', publishedAt: '2026-11-22T15:00:00.000Z', topics: [{ name: 'Ñandúes', slug: 'nandues' }, { name: 'Agua', slug: 'agua' }] })
    const older = aBulletin({ slug: 'a', topics: [{ name: 'agua', slug: 'agua' }] })
    const topics = topicsOf([newer, older])
    expect(topics.map((t) => [t.name, t.slug, t.bulletins.map((b) => b.slug)])).toEqual([
      ['Agua', 'agua', ['b', 'a']],
      ['Ñandúes', 'nandues', ['b']],
    ])
  })
})
