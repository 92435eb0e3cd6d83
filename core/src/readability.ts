/**
 * Plain language («lenguaje claro») advice for Spanish text while it is written: the Szigriszt-Pazos
 * perspicuity score read on the INFLESZ scale, sentences too long to follow, and acronyms used before they
 * are spelled out. Advice only: nothing here blocks a save.
 *
 * Hand-written: no npm package for Spanish syllables or INFLESZ is kept up (the one that splits Spanish
 * syllables had a single release and ships its test runner as a dependency), and the rules are short.
 * Free of server code: the admin's client components import it.
 */

export interface ReadabilityBand {
  label: 'muy difícil' | 'algo difícil' | 'normal' | 'bastante fácil' | 'muy fácil'
  /** Who reads it easily, in a few words. */
  hint: string
}

export interface LongSentence {
  words: number
  /** The sentence's first words, so the writer finds it. */
  start: string
}

export interface ReadabilityReport {
  words: number
  sentences: number
  syllables: number
  /** Szigriszt-Pazos perspicuity (INFLESZ scale), one decimal; null for a text without words. */
  score: number | null
  band: ReadabilityBand | null
  longSentences: LongSentence[]
  /** Acronyms whose first use is not spelled out in parentheses, in order of appearance. */
  unexplainedAcronyms: string[]
}

/** More words than this in one sentence makes it hard to follow (plain language guides say 20 to 30). */
export const LONG_SENTENCE_WORDS = 30

// INFLESZ bands (Barrio-Cantalejo et al., 2008): below 40, 40–55, 55–65, 65–80, 80 and above.
const BANDS: ReadonlyArray<readonly [number, ReadabilityBand]> = [
  [80, { label: 'muy fácil', hint: 'se lee sin esfuerzo' }],
  [65, { label: 'bastante fácil', hint: 'lo entiende casi cualquier persona' }],
  [55, { label: 'normal', hint: 'como un periódico' }],
  [40, { label: 'algo difícil', hint: 'pide atención a quien no es del tema' }],
  [-Infinity, { label: 'muy difícil', hint: 'texto técnico o de especialistas' }],
]

export function infleszBand(score: number): ReadabilityBand {
  return BANDS.find(([floor]) => score >= floor)![1]
}

const STRONG = new Set('aeoáéó')
const ACCENTED_WEAK = new Set('íú')
const VOWELS = new Set('aeiouáéíóúü')

/**
 * Syllables of one Spanish word, by counting vowel nuclei: weak + strong vowels (and two different weak ones)
 * make a diphthong or triphthong («ciudad», «buey»); two strong vowels, or an accented í/ú beside another vowel,
 * make a hiatus («poeta», «país», «guía»); the u of «gue», «gui», «que», «qui» is silent. A silent h between vowels does not separate them; y is a vowel at the
 * end of a word or before a consonant («hoy», «rey»), a consonant before a vowel («mayo»).
 */
export function countSyllables(word: string): number {
  const letters = word.toLocaleLowerCase('es').replace(/[^a-zñáéíóúü]/g, '')
  let nuclei = 0
  let previous: string | null = null // the last vowel of the current group
  for (let i = 0; i < letters.length; i++) {
    const char = letters[i]!
    const next = letters[i + 1]
    const isSilentU = char === 'u' && (letters[i - 1] === 'q' || letters[i - 1] === 'g') && next !== undefined && 'eéií'.includes(next) // «guía», «quién»
    const isVowel = !isSilentU && (VOWELS.has(char) || (char === 'y' && (next === undefined || !VOWELS.has(next)) && (i > 0 || next === undefined)))
    if (!isVowel) {
      // A silent h between two vowels keeps them in one group (the hiatus rules still apply).
      if (!(char === 'h' && previous !== null && next !== undefined && VOWELS.has(next))) previous = null
      continue
    }
    const vowel = char === 'y' ? 'i' : char
    if (previous === null || isHiatus(previous, vowel)) nuclei += 1
    previous = vowel
  }
  return Math.max(nuclei, letters.length > 0 ? 1 : 0)
}

function isHiatus(a: string, b: string): boolean {
  if (STRONG.has(a) && STRONG.has(b)) return true
  if (ACCENTED_WEAK.has(a) || ACCENTED_WEAK.has(b)) return true
  return a === b // «chiita», «duunviro»
}

// Abbreviations whose period ends no sentence (besides initials: «Juan J. Pérez», «9 a. m.»).
const ABBREVIATIONS = new Set('sr sra srta dr dra lic ing arq mtro mtra prof profa núm tel av col ej dir gral aprox pág lun mié jue vie sáb dom ene feb abr jun jul ago sep oct nov dic'.split(' '))
const SENTENCE_END = /([.!?…]+)["»”')\]]*\s+(?=[¿¡«"“(]?[A-ZÁÉÍÓÚÑ0-9])/gu

/** The text's sentences: a line break or a final stop before a capital ends one; «Lic.» or «9.5» does not. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  for (const line of text.split(/\n+/)) {
    let start = 0
    for (const match of line.matchAll(SENTENCE_END)) {
      const before = line.slice(start, match.index)
      const lastWord = before.split(/[\s(]+/).pop()?.toLocaleLowerCase('es') ?? ''
      if (match[1] === '.' && (lastWord.length === 1 || ABBREVIATIONS.has(lastWord))) continue
      sentences.push(line.slice(start, match.index + match[0].length))
      start = match.index + match[0].length
    }
    sentences.push(line.slice(start))
  }
  return sentences.map((sentence) => sentence.trim()).filter((sentence) => wordsOf(sentence).length > 0)
}

/** Words are runs of letters (numbers, links' punctuation and emoji are not words for the score). */
const wordsOf = (text: string): string[] => text.match(/[\p{L}]+(?:[-'’][\p{L}]+)*/gu) ?? []

const ACRONYM = /^[A-ZÁÉÍÓÚÑ]{2,6}$/u
const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/

/**
 * Acronyms (2–6 capitals) whose first use neither is followed by its expansion in parentheses («DIF (Sistema
 * para el Desarrollo…)») nor closes one («Sistema para el Desarrollo Integral de la Familia (DIF)»). Roman
 * numerals and words in an all-capitals run (a heading typed in capitals) are left alone.
 */
export function unexplainedAcronyms(text: string): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  const tokens = [...text.matchAll(/[\p{L}]+/gu)]
  tokens.forEach((match, index) => {
    const word = match[0]
    if (!ACRONYM.test(word) || ROMAN.test(word) || seen.has(word)) return
    seen.add(word)
    const isCapital = (token: RegExpMatchArray | undefined) => Boolean(token && token[0].length > 1 && token[0] === token[0].toLocaleUpperCase('es'))
    if (isCapital(tokens[index - 1]) || isCapital(tokens[index + 1])) return
    const after = text.slice(match.index + word.length)
    const before = text.slice(0, match.index)
    const isExpandedAfter = /^\s*\(/.test(after)
    const isExpansionOf = /\(\s*$/.test(before) && /^\s*\)/.test(after)
    if (!isExpandedAfter && !isExpansionOf) found.push(word)
  })
  return found
}

/** The plain-language report of a Spanish text. */
export function readability(text: string, { longSentenceWords = LONG_SENTENCE_WORDS } = {}): ReadabilityReport {
  const sentences = splitSentences(text)
  const words = sentences.flatMap(wordsOf)
  const syllables = words.reduce((sum, word) => sum + countSyllables(word), 0)
  // Szigriszt-Pazos: 206.835 − 62.3 × syllables/words − words/sentences.
  const score = words.length === 0 ? null : Math.round((206.835 - (62.3 * syllables) / words.length - words.length / sentences.length) * 10) / 10
  const longSentences = sentences.flatMap((sentence) => {
    const count = wordsOf(sentence).length
    return count > longSentenceWords ? [{ words: count, start: `${sentence.split(/\s+/).slice(0, 6).join(' ')}…` }] : []
  })
  return {
    words: words.length,
    sentences: sentences.length,
    syllables,
    score,
    band: score === null ? null : infleszBand(score),
    longSentences,
    unexplainedAcronyms: unexplainedAcronyms(text),
  }
}

interface LexicalNode {
  type?: string
  text?: string
  children?: LexicalNode[]
}

const BLOCKS = new Set(['paragraph', 'heading', 'listitem', 'quote', 'list'])

/** The plain text of a Lexical rich text value: one line per paragraph, heading or list item. */
export function lexicalPlainText(value: unknown): string {
  const root = (value as { root?: LexicalNode } | null | undefined)?.root
  if (!root) return ''
  const walk = (node: LexicalNode): string => {
    if (node.type === 'linebreak') return '\n'
    if (typeof node.text === 'string') return node.text
    const inner = (node.children ?? []).map(walk).join('')
    return BLOCKS.has(node.type ?? '') ? `${inner}\n` : inner
  }
  return walk(root).trim()
}
