import { describe, expect, it } from 'vitest'
import { plainText } from '@pregon/workers/monitoring/plainText'

describe('plainText', () => {
  it('strips tags, drops script and style contents, decodes entities and collapses whitespace', () => {
    expect(plainText('<p><strong>Guasave, Sin.</strong>&#8212; La obra   beneficiará\n a <a href="/x">800 familias</a>.</p>')).toBe('Guasave, Sin.— La obra beneficiará a 800 familias.')
    expect(plainText('<script>var ad = 1;</script><img src="x.jpg" alt="Tráfico">Usar rutas alternas.<style>.x{color:red}</style>')).toBe('Usar rutas alternas.')
    expect(plainText('Caf&eacute; &#8220;La Plazuela&#8221;&nbsp;reabre')).toBe('Café “La Plazuela” reabre')
  })

  it('separates the words of block elements but not of inline ones', () => {
    expect(plainText('<p>Uno</p><p>Dos</p><ul><li>Tres</li><li>Cuatro</li></ul>Cinco<br/>Seis')).toBe('Uno Dos Tres Cuatro Cinco Seis')
    expect(plainText('pala<b>bra</b> com<em>pleta</em>')).toBe('palabra completa')
  })

  it('undoes a second escaping: &amp;amp;, &amp;quot; and escaped tags', () => {
    expect(plainText('Guasave &amp;amp; Angostura')).toBe('Guasave & Angostura')
    expect(plainText('Cabildo aprueba &amp;quot;Ley de Ingresos&amp;quot;')).toBe('Cabildo aprueba "Ley de Ingresos"')
    expect(plainText('Obras P&amp;uacute;blicas')).toBe('Obras Públicas')
    expect(plainText('&lt;p&gt;La sesión duró &lt;b&gt;cuatro horas&lt;/b&gt;.&lt;/p&gt;')).toBe('La sesión duró cuatro horas.')
  })

  it('decodes at most twice, so a literal entity written three times over survives once', () => {
    expect(plainText('escriba &amp;amp;lt;nombre&amp;amp;gt;')).toBe('escriba &lt;nombre&gt;')
  })

  it('keeps text that only looks like markup', () => {
    expect(plainText('5 < 6 y 7 > 3')).toBe('5 < 6 y 7 > 3')
    expect(plainText('AT&T & Co')).toBe('AT&T & Co')
  })

  it('removes invisible characters', () => {
    expect(plainText('Gua\u200Bsave\u00AD \uFEFFhoy')).toBe('Guasave hoy')
  })

  it('cuts at a word with «…», never longer than max', () => {
    const text = 'Alrededor de 300 pescadores ribereños de Boca del Río se reunieron este miércoles'
    expect(plainText(text, 40)).toBe('Alrededor de 300 pescadores ribereños…')
    expect(plainText(text, 40).length).toBeLessThanOrEqual(40)
    expect(plainText('uno dos tres cuatro', 9)).toBe('uno dos…')
    // The cut falls just after a whole word: that word is kept.
    expect(plainText('uno dos tres', 8)).toBe('uno dos…')
    expect(plainText('uno, dos, tres', 10)).toBe('uno, dos…')
    expect(plainText(text, 1000)).toBe(text)
    expect(plainText('corto', 5)).toBe('corto')
  })

  it('cuts a single overlong word where it falls, without splitting an emoji', () => {
    expect(plainText('https://elvigia.com.mx/una-direccion-muy-larga', 12)).toBe('https://elv…')
    expect(plainText('abcdefgh😀ijk', 10)).toBe('abcdefgh…')
  })

  it('returns an empty string for nothing', () => {
    expect(plainText('')).toBe('')
    expect(plainText('<p> </p><br>')).toBe('')
  })
})
