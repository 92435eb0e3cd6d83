import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeFeedBody } from '@pregon/workers/monitoring/decodeFeedBody'

const fixture = (name: string) => new Uint8Array(fs.readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url)))
const utf8 = (text: string) => new TextEncoder().encode(text)
/** Windows-1252 bytes for the characters these tests use (TextEncoder only writes UTF-8). */
const windows1252 = (text: string) => Uint8Array.from(text, (char) => ({ '“': 0x93, '”': 0x94, '—': 0x97, '€': 0x80 })[char] ?? char.charCodeAt(0))

const rss = (encoding: string | null, title: string) => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${title}</title></channel></rss>`

describe('decodeFeedBody', () => {
  it('reads UTF-8 by default, without a note', () => {
    expect(decodeFeedBody(utf8(rss(null, 'Río Sinaloa')), null)).toEqual({ text: rss(null, 'Río Sinaloa'), note: null })
    expect(decodeFeedBody(utf8(rss('UTF-8', 'Río Sinaloa')), 'application/rss+xml; charset=UTF-8')).toEqual({ text: rss('UTF-8', 'Río Sinaloa'), note: null })
  })

  it('reads the charset from the XML prolog when the server gives none (a Windows-1252 feed declared ISO-8859-1)', () => {
    const { text, note } = decodeFeedBody(fixture('windows-1252.xml'), 'text/xml')
    expect(note).toBeNull()
    // ISO-8859-1 is read as Windows-1252 (WHATWG), so Word's curly quotes, dash and euro come out right.
    expect(text).toContain('<title>Niños de la Ñ: escuela de Tamazula gana “Olimpiada del Conocimiento”</title>')
    expect(text).toContain('primer lugar estatal — ¡felicidades! Premio de 5 000 €.')
  })

  it('takes the HTTP charset before the prolog', () => {
    const bytes = windows1252(rss('UTF-8', 'Peñuelas “gana”'))
    expect(decodeFeedBody(bytes, 'text/xml; charset="windows-1252"')).toEqual({ text: rss('UTF-8', 'Peñuelas “gana”'), note: null })
  })

  it('reads a feed declared UTF-8 that is really Windows-1252 as Windows-1252, and says so', () => {
    const { text, note } = decodeFeedBody(fixture('utf8-declared-windows-1252.xml'), 'application/rss+xml; charset=UTF-8')
    expect(note).toBe('El canal dice UTF-8 pero no lo es; se leyó como Windows-1252.')
    expect(text).toContain('<title>Protección Civil pide precaución por el frente frío número 12</title>')
    expect(text).toContain('temperaturas de 4 °C en la zona serrana; “abríguense”')
    expect(text).not.toContain('\uFFFD')
  })

  it('does the same for a feed that declares nothing and is not UTF-8', () => {
    const { text, note } = decodeFeedBody(windows1252(rss(null, 'Peñuelas')), null)
    expect(note).toBe('El canal no dice su codificación y no está en UTF-8; se leyó como Windows-1252.')
    expect(text).toBe(rss(null, 'Peñuelas'))
  })

  it('believes a UTF-8 prolog over a server that says ISO-8859-1 when the bytes are UTF-8', () => {
    const { text, note } = decodeFeedBody(utf8(rss('utf-8', 'Sofía Peñuelas')), 'text/xml; charset=ISO-8859-1')
    expect(text).toBe(rss('utf-8', 'Sofía Peñuelas'))
    expect(note).toBe('El servidor dice ISO-8859-1 pero el canal declara UTF-8 y lo está; se leyó como UTF-8.')
  })

  it('reads an unknown charset label as UTF-8 instead of failing', () => {
    const { text, note } = decodeFeedBody(utf8(rss('x-maya-1', 'Río')), null)
    expect(text).toBe(rss('x-maya-1', 'Río'))
    expect(note).toBe('El canal declara una codificación desconocida («x-maya-1»); se leyó como UTF-8.')
    expect(decodeFeedBody(windows1252(rss(null, 'Río')), 'text/xml; charset=klingon').note).toBe(
      'El canal declara una codificación desconocida («klingon») y no está en UTF-8; se leyó como Windows-1252.',
    )
  })

  it('lets a byte-order mark outrank the labels, and drops it from the text', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(rss(null, 'Río'))])
    expect(decodeFeedBody(withBom, null)).toEqual({ text: rss(null, 'Río'), note: null })
    expect(decodeFeedBody(withBom, 'text/xml; charset=ISO-8859-1')).toEqual({
      text: rss(null, 'Río'),
      note: 'El canal dice ISO-8859-1 pero empieza con la marca de UTF-8; se leyó como UTF-8.',
    })
    const utf16 = new Uint8Array(Buffer.from(`\uFEFF${rss('UTF-16', 'Río')}`, 'utf16le'))
    expect(decodeFeedBody(utf16, null)).toEqual({ text: rss('UTF-16', 'Río'), note: null })
  })
})
