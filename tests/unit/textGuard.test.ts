import { describe, expect, it } from 'vitest'
import { checkText, checkValue, DEFAULT_MAX_LENGTH, forbiddenCharacters, hasNul, mendText, mendValue, richTextLength } from '@pregon/core/textGuard'

const lexical = (...texts: string[]) => ({
  root: { type: 'root', direction: 'ltr', children: texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text, format: 0 }] })) },
})

describe('forbiddenCharacters', () => {
  it('finds NUL, other C0 and C1 controls, DEL and every bidi embedding, override and isolate', () => {
    const all = [0x00, 0x01, 0x1b, 0x7f, 0x85, 0x9f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]
    expect(forbiddenCharacters(String.fromCodePoint(...all), { isMultiLine: true })).toEqual(all)
  })

  it('allows tab, line feed and carriage return only where text has several lines', () => {
    expect(forbiddenCharacters('a\tb\r\nc', { isMultiLine: true })).toEqual([])
    expect(forbiddenCharacters('a\tb\r\nc', { isMultiLine: false })).toEqual([0x09, 0x0d, 0x0a])
  })

  it('lets directional marks, zero-width joiners, no-break spaces and accents through', () => {
    expect(forbiddenCharacters('Visita de \u200Fعمّان\u200E y \u061C; 👩\u200D🌾; 10\u00A0km; Ñuñoa', { isMultiLine: false })).toEqual([])
  })

  it('lists each character once, in order of appearance', () => {
    expect(forbiddenCharacters('\u202Ea\u0000b\u202E', { isMultiLine: false })).toEqual([0x202e, 0x00])
  })
})

describe('checkText', () => {
  it('names the field and the characters, with the code', () => {
    expect(checkText({ label: 'Título', value: 'Aviso \u202Efdp.exe', isMultiLine: false })).toEqual({
      code: 'TEXT_CONTROL_CHARACTERS',
      message: 'El campo «Título» contiene caracteres invisibles de control (U+202E) que pueden alterar cómo se lee el texto; bórralos y vuelve a guardar.',
      fieldMessage: expect.stringContaining('U+202E'),
    })
  })

  it('says a one-line field holds a line break in words a person understands', () => {
    expect(checkText({ label: 'Título', value: 'Aviso\nBcc: x', isMultiLine: false })?.message).toBe(
      'El campo «Título» es de una sola línea y contiene un salto de línea o un tabulador (U+000A); escríbelo en una sola línea y vuelve a guardar.',
    )
  })

  it('refuses more than the limit, with the counts in Mexican notation, and accepts exactly the limit', () => {
    expect(checkText({ label: 'Título', value: 'x'.repeat(200), isMultiLine: false, maxLength: 200 })).toBeNull()
    expect(checkText({ label: 'Título', value: 'x'.repeat(100_017), isMultiLine: false, maxLength: 200 })).toEqual({
      code: 'TEXT_TOO_LONG',
      message: 'El campo «Título» tiene 100,017 caracteres y admite como máximo 200; acórtalo y vuelve a guardar.',
      fieldMessage: 'Este valor debe tener una longitud máxima de 200 caracteres (tiene 100,017).',
    })
  })

  it('reports control characters before length (the first thing to fix)', () => {
    expect(checkText({ label: 'Lugar', value: `\u0000${'x'.repeat(3000)}`, isMultiLine: false, maxLength: DEFAULT_MAX_LENGTH.text })?.code).toBe('TEXT_CONTROL_CHARACTERS')
  })
})

describe('checkValue (rich text, JSON, selects)', () => {
  it('counts only the text of a Lexical state against the limit', () => {
    const state = lexical('a'.repeat(60_000), 'b'.repeat(40_000))
    expect(richTextLength(state)).toBe(100_000)
    expect(checkValue({ label: 'Cuerpo', value: state, isMultiLine: true, maxLength: 100_000 })).toBeNull()
    expect(checkValue({ label: 'Cuerpo', value: lexical('a'.repeat(100_001)), isMultiLine: true, maxLength: 100_000 })?.message).toBe(
      'El campo «Cuerpo» tiene 100,001 caracteres de texto y admite como máximo 100,000; acórtalo y vuelve a guardar.',
    )
  })

  it('finds a bidi override in a text node and a NUL in any string or key of the state', () => {
    expect(checkValue({ label: 'Cuerpo', value: lexical('ok', 'Pague en \u202Emoc.olpmeje'), isMultiLine: true })?.code).toBe('TEXT_CONTROL_CHARACTERS')
    expect(checkValue({ label: 'Cuerpo', value: { root: { children: [{ type: 'link', fields: { url: 'https://x.test/\u0000' } }] } }, isMultiLine: true })?.message).toContain('U+0000')
    expect(checkValue({ label: 'Datos', value: { 'clave\u0000': 1 }, isMultiLine: true })?.code).toBe('TEXT_CONTROL_CHARACTERS')
  })

  it('accepts tabs and line breaks inside rich text', () => {
    expect(checkValue({ label: 'Cuerpo', value: lexical('uno\tdos', 'tres\nDos'), isMultiLine: true, maxLength: 100_000 })).toBeNull()
  })
})

describe('mendText and mendValue (what Pregón writes itself)', () => {
  it('replaces refused characters with U+FFFD and one-line breaks with spaces, and cuts to the limit', () => {
    expect(mendText('a\u0000b\u202Ec\nd', { isMultiLine: true })).toBe('a\uFFFDb\uFFFDc\nd')
    expect(mendText('a\r\nb\tc', { isMultiLine: false })).toBe('a  b c')
    expect(mendText('x'.repeat(10), { isMultiLine: false, maxLength: 5 })).toBe('xxxx…')
  })

  it('mends every string inside JSON, keys included', () => {
    expect(mendValue({ 'a\u0000': ['b\u202E', 1, null], c: { d: 'e\nf' } }, { isMultiLine: true })).toEqual({ 'a\uFFFD': ['b\uFFFD', 1, null], c: { d: 'e\nf' } })
  })
})

describe('hasNul', () => {
  it('finds a NUL anywhere in a query', () => {
    expect(hasNul({ and: [{ title: { equals: 'ok' } }, { title: { like: 'a\u0000' } }] })).toBe(true)
    expect(hasNul({ title: { in: ['a', 'b'] }, id: { equals: 3 } })).toBe(false)
    expect(hasNul(undefined)).toBe(false)
  })
})
