import { describe, expect, it } from 'vitest'
import { countSyllables, infleszBand, lexicalPlainText, readability, splitSentences, unexplainedAcronyms } from '@pregon/core/readability'

describe('Spanish syllables', () => {
  // Counts from the RAE's syllable division (Ortografía 2010), spoken syllables where writing and speech agree.
  it.each([
    ['país', 2], ['ciudad', 2], ['guía', 2], ['río', 2], ['baúl', 2], ['Raúl', 2], ['maíz', 2], ['María', 3], ['Mario', 2],
    ['oído', 3], ['reúne', 3], ['actúa', 3], ['continúo', 4], ['continuo', 3], ['ciudadanía', 5], ['Secretaría', 5],
    ['poeta', 3], ['leer', 2], ['creer', 2], ['zoológico', 5], ['aéreo', 4], ['león', 2], ['reír', 2], ['chiita', 3],
    ['cuidado', 3], ['después', 2], ['adiós', 2], ['huevo', 2], ['que', 1], ['quien', 1], ['guerra', 2], ['aguinaldo', 4],
    ['pingüino', 3], ['vergüenza', 3], ['estudiáis', 3], ['buey', 1], ['Uruguay', 3], ['Paraguay', 3],
    ['hoy', 1], ['muy', 1], ['rey', 1], ['ley', 1], ['y', 1], ['leyes', 2], ['mayo', 2], ['Ayuntamiento', 5],
    ['ahí', 2], ['búho', 2], ['alcohol', 3], ['ahumado', 3], ['construcción', 3], ['vacunación', 4], ['antirrábica', 5],
    ['municipio', 4], ['correo', 3], ['administración', 5], ['extraordinarios', 6], ['DIF', 1], ['CURP', 1],
  ])('«%s» has %i', (word, syllables) => {
    expect(countSyllables(word)).toBe(syllables)
  })
})

describe('sentences', () => {
  it('ends one at a stop before a capital or a line break, not after an abbreviation, an initial or a decimal', () => {
    expect(splitSentences('Habló la Lic. Ana Ruiz. Dijo que el nivel subió 9.5 cm. ¿Habrá cortes? No.\nHoy hay agua')).toEqual([
      'Habló la Lic. Ana Ruiz.',
      'Dijo que el nivel subió 9.5 cm.',
      '¿Habrá cortes?',
      'No.',
      'Hoy hay agua',
    ])
    expect(splitSentences('Firmó Juan J. Pérez a las 9 a. m. en el Cabildo.')).toHaveLength(1)
  })
})

describe('INFLESZ (Szigriszt-Pazos) score', () => {
  // Computed by hand: 206.835 − 62.3 × syllables / words − words / sentences.
  it('scores a short, plain text as «muy fácil»', () => {
    // El(1) agua(2) es(1) vida(2). Cuida(2) cada(2) gota(2). 7 words, 12 syllables, 2 sentences:
    // 206.835 − 62.3 × 12/7 − 7/2 = 206.835 − 106.8 − 3.5 = 96.535.
    expect(readability('El agua es vida. Cuida cada gota.')).toMatchObject({ words: 7, syllables: 12, sentences: 2, score: 96.5, band: { label: 'muy fácil' } })
  })

  it('scores an everyday notice', () => {
    // El(1) DIF(1) abre(2) el(1) registro(3) de(1) becas(2) el(1) lunes(2) de(1) marzo(2): 11 words, 17 syllables;
    // Lleva(2) tu(1) CURP(1) y(1) un(1) comprobante(4) de(1) domicilio(4): 8 words, 15 syllables.
    // 206.835 − 62.3 × 32/19 − 19/2 = 206.835 − 104.926 − 9.5 = 92.409.
    const report = readability('El DIF abre el registro de becas el lunes 3 de marzo. Lleva tu CURP y un comprobante de domicilio.')
    expect(report).toMatchObject({ words: 19, syllables: 32, sentences: 2, score: 92.4, band: { label: 'muy fácil' } })
  })

  it('scores a sentence of long bureaucratic words as «muy difícil»', () => {
    // La(1) administración(5) municipal(4) implementará(5) procedimientos(5) administrativos(6) extraordinarios(6):
    // 7 words, 32 syllables, 1 sentence: 206.835 − 62.3 × 32/7 − 7 = 206.835 − 284.8 − 7 = −84.965.
    const report = readability('La administración municipal implementará procedimientos administrativos extraordinarios.')
    expect(report).toMatchObject({ words: 7, syllables: 32, sentences: 1, score: -85, band: { label: 'muy difícil' } })
  })

  it('reads the score on the INFLESZ bands', () => {
    expect([39.9, 40, 54.9, 55, 64.9, 65, 79.9, 80].map((score) => infleszBand(score).label)).toEqual([
      'muy difícil', 'algo difícil', 'algo difícil', 'normal', 'normal', 'bastante fácil', 'bastante fácil', 'muy fácil',
    ])
  })

  it('gives no score to a text without words', () => {
    expect(readability('  123 ')).toMatchObject({ words: 0, score: null, band: null })
  })
})

describe('hints', () => {
  it('flags a sentence of more than 30 words, with its first words', () => {
    const long = `${Array.from({ length: 31 }, (_, i) => (i === 0 ? 'Durante' : 'palabra')).join(' ')}.`
    const report = readability(`Una frase corta. ${long}`)
    expect(report.longSentences).toEqual([{ words: 31, start: 'Durante palabra palabra palabra palabra palabra…' }])
    expect(readability(long.replace('Durante palabra ', 'Durante ')).longSentences).toEqual([])
  })

  it('flags an acronym whose first use is not spelled out, once', () => {
    expect(unexplainedAcronyms('El DIF abre registro. El DIF cierra el lunes. Lleva tu CURP.')).toEqual(['DIF', 'CURP'])
  })

  it('accepts an acronym spelled out before or after it, roman numerals and a heading in capitals', () => {
    expect(unexplainedAcronyms('El Sistema para el Desarrollo Integral de la Familia (DIF) abre. El DIF atiende.')).toEqual([])
    expect(unexplainedAcronyms('La CFE (Comisión Federal de Electricidad) repara la línea. Otra vez la CFE.')).toEqual([])
    expect(unexplainedAcronyms('AVISO IMPORTANTE: en el siglo XXI y en la fase II no hay cortes.')).toEqual([])
    expect(unexplainedAcronyms('La CDMX y el IMSS.')).toEqual(['CDMX', 'IMSS'])
  })
})

describe('rich text', () => {
  it('reads a Lexical body as one line per paragraph, heading or list item', () => {
    const text = (value: string) => ({ type: 'text', text: value })
    const body = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', children: [text('Registro abierto')] },
          { type: 'paragraph', children: [text('Abre el lunes'), { type: 'linebreak' }, text('y cierra el viernes')] },
          { type: 'list', children: [{ type: 'listitem', children: [text('CURP')] }, { type: 'listitem', children: [text('Foto')] }] },
        ],
      },
    }
    expect(lexicalPlainText(body)).toBe('Registro abierto\nAbre el lunes\ny cierra el viernes\nCURP\nFoto')
    expect(readability(lexicalPlainText(body)).sentences).toBe(5)
    expect(lexicalPlainText(null)).toBe('')
  })
})
