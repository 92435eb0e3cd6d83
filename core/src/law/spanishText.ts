/**
 * Spanish text as a reader compares it: without regard to case or accents («RAMIREZ» is «Ramírez»), word by
 * word, and with the inflections that do not change what a word refers to (number; gender for titles).
 * Pure and free of server code, like readability.ts: the admin's browser can run it too.
 */

// Combining marks, plus the invisible characters Word and web pages leave inside words (soft hyphen,
// zero-width space/joiners, word joiner, BOM): «Ramí\u00ADrez» is one word to a reader.
const IGNORED = /[\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]/gu
const foldCache = new Map<string, string>()

/** «Peña Ramírez» → «pena ramirez»: lower case, accents and other combining marks removed. */
export function fold(text: string): string {
  return text.normalize('NFD').toLowerCase().replace(IGNORED, '')
}

/** Accents removed, case kept: how an acronym («PRI», «PAN») is compared. */
export function stripMarks(text: string): string {
  return text.normalize('NFD').replace(IGNORED, '')
}

export interface Token {
  /** The word folded (see `fold`). */
  form: string
  /** Where the word is in the original text: [start, end) in UTF-16 units, marks and all. */
  start: number
  end: number
}

/**
 * The words of `text`, folded, with their offsets in the original. Folding goes character by character so that
 * each word knows where it came from: NFD lengthens «í» to two units and removing marks shortens it again, so
 * offsets in a folded copy of the whole text could not be trusted. Marks and invisible characters stay inside
 * the word they follow («José» typed as e + U+0301).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let form = ''
  let start = -1
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i)
    let width = 1
    let folded: string
    let isWord: boolean
    if (code < 0x80) {
      isWord = (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
      folded = isWord && code <= 90 && code >= 65 ? String.fromCharCode(code + 32) : text[i]!
    } else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) width = 2
      folded = foldChar(text.slice(i, i + width))
      isWord = folded === '' ? start >= 0 : WHOLE_WORD.test(folded)
    }
    if (isWord) {
      if (start < 0) start = i
      form += folded
    } else if (start >= 0) {
      tokens.push({ form, start, end: i })
      form = ''
      start = -1
    }
    i += width
  }
  if (start >= 0) tokens.push({ form, start, end: text.length })
  return tokens
}

const WHOLE_WORD = /^[\p{L}\p{N}]+$/u

function foldChar(char: string): string {
  let folded = foldCache.get(char)
  if (folded === undefined) {
    folded = fold(char)
    if (foldCache.size < 4096) foldCache.set(char, folded)
  }
  return folded
}

/** Words that do not inflect and after which a phrase's complement is left as written («directora de Obras»). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'a al con de del e el en la las lo los o para por sin su sus u y'.split(' '),
)

/**
 * The other number of a folded word, by the regular rules (RAE, Nueva gramática §3): vowel + s, consonant + es,
 * z → ces; back again by removing s or es (both are offered: «municipales» → «municipal», «presidentes» →
 * «presidente»). Accents are already folded, so «región/regiones» needs no rule. Invariable plurals
 * («crisis») and irregular ones are left alone: a word listed in the form the text uses still matches.
 */
export function numberForms(word: string): string[] {
  const forms: string[] = []
  if (/[aeiou]$/.test(word)) forms.push(`${word}s`)
  else if (word.endsWith('z')) forms.push(`${word.slice(0, -1)}ces`)
  else forms.push(`${word}es`)
  // Short words are left singular: «mes» would otherwise yield «me».
  if (word.length >= 5 && word.endsWith('s')) {
    forms.push(word.slice(0, -1))
    if (word.endsWith('es')) forms.push(word.slice(0, -2))
    if (word.endsWith('ces')) forms.push(`${word.slice(0, -3)}z`)
  }
  return forms
}

/**
 * The other gender of a folded title: o/a (síndico/síndica), e/a (presidente/presidenta), e/esa
 * (alcalde/alcaldesa), or/ora (regidor/regidora). Invariable titles («edil») give nothing; a form that is not
 * a word («presidentesa») is harmless: the text never holds it.
 */
export function genderForms(word: string): string[] {
  if (word.endsWith('esa')) return [word.slice(0, -2)]
  if (word.endsWith('ora')) return [word.slice(0, -1)]
  if (word.endsWith('or')) return [`${word}a`]
  if (word.endsWith('a')) return [`${word.slice(0, -1)}o`, `${word.slice(0, -1)}e`]
  if (word.endsWith('o')) return [`${word.slice(0, -1)}a`]
  if (word.endsWith('e')) return [`${word.slice(0, -1)}a`, `${word}sa`]
  return []
}
