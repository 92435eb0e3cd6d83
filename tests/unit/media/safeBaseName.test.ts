import { describe, expect, it } from 'vitest'
import { safeBaseName } from '@pregon/media'

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

describe('the name an upload is stored under', () => {
  it.each([
    ['factura\u202Efdp.exe', 'facturafdp'],
    ['a\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u2066h\u2067i\u2068j\u2069k.png', 'abcdefghijk'],
    ['a\u0000b.png', 'ab'],
    ['línea\nnueva\t.png', 'líneanueva'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\Escritorio\\foto.jpg', 'foto'],
    ['....', 'archivo'],
    ['.', 'archivo'],
    ['..', 'archivo'],
    ['.htaccess', 'archivo'],
    ['', 'archivo'],
    ['   ', 'archivo'],
    ['\u202E', 'archivo'],
    ['100%.png', '100-'.replace(/-$/, '')],
    ['%2e%2e%2fsecreto.pdf', '-2e-2e-2fsecreto'.replace(/^-/, '')],
    ['informe #3 ¿final?.pdf', 'informe -3 ¿final'],
    ['con.png', 'archivo-con'],
    ['Fotografía  del   evento.JPG', 'Fotografía del evento'],
  ])('makes %j safe: %j', (sent, expected) => {
    expect(safeBaseName(sent)).toBe(expected)
  })

  it('normalises to NFC: an ñ typed as n + combining tilde is one character', () => {
    expect(safeBaseName('n\u0303andu\u0301.png')).toBe('ñandú')
    expect(safeBaseName('n\u0303andu\u0301.png')).toBe(safeBaseName('ñandú.png'))
  })

  it('keeps emoji whole and every name within 100 bytes of UTF-8', () => {
    const emoji = safeBaseName(`${'😀'.repeat(100)}.png`)
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(100)
    expect(emoji).toBe('😀'.repeat(25))
    const family = safeBaseName('👨‍👩‍👧'.repeat(20))
    expect([...new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(family)].every(({ segment }) => segment === '👨‍👩‍👧')).toBe(true)
    expect(Buffer.byteLength(safeBaseName('a'.repeat(1000)))).toBe(100)
  })

  it('never returns anything invisible, a separator or a leading dot, whatever it is sent', () => {
    const alphabet = ['a', 'ñ', '.', '/', '\\', '\u0000', '\u202E', '\u2066', ' ', '%', '😀', '\ud800', '-', '\u0301']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let n = 0; n < 2000; n++) {
      const sent = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('')
      const name = safeBaseName(sent)
      expect(name.length, JSON.stringify(sent)).toBeGreaterThan(0)
      expect(name).not.toMatch(INVISIBLE)
      expect(name).not.toMatch(/[/\\%]|^[.\s-]|[.\s]$/)
      expect(name, JSON.stringify(sent)).toBe(name.normalize('NFC'))
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100)
    }
  })
})
