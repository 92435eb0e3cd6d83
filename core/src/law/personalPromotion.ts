/**
 * Personal promotion in government communication (Constitución, art. 134, párrafo octavo): an item's text may
 * not carry names, images or symbols that promote a public servant. The office lists whom and what to watch;
 * this module finds them in an item's text so the approver sees each hit in its context. It warns, it does not
 * decide: the approver reads the hit and acknowledges it by its `key`.
 *
 * How text is matched (all case- and accent-insensitive, whole words only, never across a line break):
 * - A word or phrase of the list matches as written and in its other number («obra» → «obras», «luz» → «luces»);
 *   words after the first preposition or article are left as written («Partido del Trabajo»). A word written
 *   in capitals of 2 to 4 letters is an acronym and matches only in capitals: «PAN» is not «pan».
 * - A person's title matches in either number and gender («presidenta municipal» → «presidente municipal»,
 *   «presidentes municipales»; «alcaldesa» → «alcalde») and is a hit on that person on its own: the office
 *   names the servant holding it. A title not listed is not a hit («la presidenta de la colonia»).
 * - A name is read as given names and two surnames; particles join the next word («de la Cruz»). It matches
 *   in full, and as any of the given names in order + first surname (+ second): «Juan Carlos Pérez López» is
 *   found as «Juan Pérez», «Carlos Pérez», «Juan Carlos Pérez», «Juan Pérez López». Surnames alone («Pérez»,
 *   «Pérez López») match only after an honorific («Lic.», «C.», «doña») or one of that person's titles
 *   («la alcaldesa Ramírez»). A first name alone never matches. Aliases match as written, alone.
 * - Honorifics and titles join the name they precede («la presidenta municipal, Lic. María Ramírez») and the
 *   longest match is reported once; on equal spans a person wins over a word, then list order decides.
 */
import { lexicalPlainText } from '../readability'
import { FUNCTION_WORDS, fold, genderForms, numberForms, stripMarks, tokenize, type Token } from './spanishText'

export interface WatchedPerson {
  name: string
  aliases?: string[]
  /** How the text may refer to the person by office: «presidenta municipal», «alcaldesa», «edil». */
  titles?: string[]
}
export interface WatchList {
  people: WatchedPerson[]
  /** Slogans, party names, colours described in text («guinda»). */
  words: string[]
}
export interface TextPart {
  field: string
  /** The field's label as the approver knows it («Entrada»). */
  label: string
  text: string
}
export interface PromotionHit {
  kind: 'person' | 'word'
  /** Who or what was matched, as written in the watch list (the person's name, or the word). */
  subject: string
  /** The words as they appear in the text. */
  found: string
  field: string
  label: string
  /** Up to 60 characters either side within the paragraph, whole words, with «…» where cut. */
  context: string
  /**
   * Stable across edits elsewhere in the text: kind, subject, field and the words found (folded). The same
   * words twice in one field share a key, so one acknowledgement covers both.
   */
  key: string
}

type Gap = 'space' | 'dot' | 'comma' | 'other'
interface Slot {
  forms: ReadonlySet<string>
  /** Acronyms only: the capitals the text must show. */
  exact?: string
}
/** Something that is a hit: a word, or a person's title, name, alias or (after a prefix) surnames. */
interface Pattern {
  slots: readonly Slot[]
  kind: PromotionHit['kind']
  subject: string
  /** Tie-break order: people in list order, then words. */
  rank: number
  /** The person's place in the list; undefined for words. */
  owner?: number
}
/** An honorific or a title: joins the name after it. */
interface Prefix {
  slots: readonly Slot[]
  /** A title joins only its own person's name; undefined for honorifics, which join anyone's. */
  owner?: number
  /** What may stand between it and the name: «Lic. Ramírez», «la alcaldesa, María Ramírez». */
  after: ReadonlySet<Gap>
}

export class CompiledWatchList {
  /** Words, titles, names and aliases: hits on their own. */
  readonly standalone = new Map<string, Pattern[]>()
  readonly prefixes = new Map<string, Prefix[]>()
  /** Names, aliases and surnames: what may follow a prefix. */
  readonly names = new Map<string, Pattern[]>()
}

// «Dr Ruiz» is common, so abbreviations take an optional dot; «C.» (ciudadano) needs it: a bare «c» is not one.
const ABBREVIATIONS = 'lic lcda lcdo ing dr dra mtro mtra arq prof profa sr sra srta'.split(' ')
const HONORIFIC_WORDS = ('licenciado licenciada ingeniero ingeniera doctor doctora maestro maestra arquitecto '
  + 'arquitecta profesor profesora senor senora senorita don dona ciudadano ciudadana').split(' ')
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'da', 'di', 'van', 'von'])
const SPACE: ReadonlySet<Gap> = new Set(['space'])
const DOT: ReadonlySet<Gap> = new Set(['dot'])
const SPACE_OR_DOT: ReadonlySet<Gap> = new Set(['space', 'dot'])
const SPACE_OR_COMMA: ReadonlySet<Gap> = new Set(['space', 'comma'])
const CONTEXT_CHARS = 60

function slotsOf(source: string, inflect: 'none' | 'number' | 'number and gender'): Slot[] {
  let isHead = true
  return tokenize(source).map(({ form, start, end }) => {
    const written = stripMarks(source.slice(start, end))
    if (/^[A-Z]{2,4}$/.test(written)) return { forms: new Set([form]), exact: written }
    if (FUNCTION_WORDS.has(form)) isHead = false
    const forms = new Set([form])
    if (!isHead || inflect === 'none') return { forms }
    for (const plural of numberForms(form)) forms.add(plural)
    if (inflect === 'number and gender') {
      for (const other of [...forms].flatMap(genderForms)) for (const f of [other, ...numberForms(other)]) forms.add(f)
    }
    return { forms }
  })
}

/** Given names and two surnames, particles joined to the word after them («María de los Ángeles»). */
function nameVariants(name: string): { full: Slot[][]; surnames: Slot[][] } {
  const slots = slotsOf(name, 'none')
  const units: Slot[][] = []
  let pending: Slot[] = []
  for (const slot of slots) {
    pending.push(slot)
    if (![...slot.forms].some((f) => NAME_PARTICLES.has(f))) {
      units.push(pending)
      pending = []
    }
  }
  if (pending.length > 0) units.push(pending)
  if (units.length < 2) return { full: [slots], surnames: [] }
  const given = units.slice(0, units.length === 2 ? 1 : -2)
  const [paternal, maternal] = units.slice(given.length) as [Slot[], Slot[] | undefined]
  const surnames = maternal ? [paternal, [...paternal, ...maternal]] : [paternal]
  const full = [slots]
  for (let mask = 1; mask < 1 << Math.min(given.length, 3); mask++) {
    const chosen = given.filter((_, i) => mask & (1 << i)).flat()
    for (const surname of surnames) full.push([...chosen, ...surname])
  }
  return { full, surnames }
}

function add<T extends { slots: readonly Slot[] }>(index: Map<string, T[]>, pattern: T): void {
  if (pattern.slots.length === 0) return
  for (const form of pattern.slots[0]!.forms) {
    const bucket = index.get(form)
    if (bucket) bucket.push(pattern)
    else index.set(form, [pattern])
  }
}

/** Reads the list once; pass the result to `findPromotionHits` for every item checked with it. */
export function compileWatchList(list: WatchList): CompiledWatchList {
  const compiled = new CompiledWatchList()
  for (const abbreviation of ABBREVIATIONS) add(compiled.prefixes, { slots: slotsOf(abbreviation, 'none'), after: SPACE_OR_DOT })
  add(compiled.prefixes, { slots: slotsOf('c', 'none'), after: DOT })
  for (const word of HONORIFIC_WORDS) add(compiled.prefixes, { slots: slotsOf(word, 'none'), after: SPACE })
  list.people.forEach((person, rank) => {
    const base = { kind: 'person', subject: person.name, rank, owner: rank } as const
    for (const title of person.titles ?? []) {
      const slots = slotsOf(title, 'number and gender')
      add(compiled.standalone, { ...base, slots })
      add(compiled.prefixes, { slots, owner: rank, after: SPACE_OR_COMMA })
    }
    const { full, surnames } = nameVariants(person.name)
    for (const slots of [...full, ...(person.aliases ?? []).map((alias) => slotsOf(alias, 'none'))]) {
      add(compiled.standalone, { ...base, slots })
      add(compiled.names, { ...base, slots })
    }
    for (const slots of surnames) add(compiled.names, { ...base, slots })
  })
  list.words.forEach((word, i) => {
    add(compiled.standalone, { slots: slotsOf(word, 'number'), kind: 'word', subject: word, rank: list.people.length + i })
  })
  return compiled
}

function gapOf(between: string): Gap {
  if (between === ' ') return 'space'
  if (/^(?:[^\S\r\n]+|[-\u2010\u2011])$/.test(between)) return 'space'
  if (/^\.[^\S\r\n]*$/.test(between)) return 'dot'
  return /^,[^\S\r\n]+$/.test(between) ? 'comma' : 'other'
}

interface Candidate { first: number; end: number; pattern: Pattern }

const NONE: readonly never[] = []

function candidatesIn(text: string, tokens: readonly Token[], list: CompiledWatchList): Candidate[] {
  const gaps: Gap[] = []
  const gapBefore = (i: number): Gap => (gaps[i] ??= i === 0 ? 'other' : gapOf(text.slice(tokens[i - 1]!.end, tokens[i]!.start)))
  const endOf = (pattern: { slots: readonly Slot[] }, at: number): number => {
    for (let k = 0; k < pattern.slots.length; k++) {
      const token = tokens[at + k]
      const slot = pattern.slots[k]!
      if (!token || !slot.forms.has(token.form) || (k > 0 && gapBefore(at + k) !== 'space')) return -1
      if (slot.exact !== undefined && stripMarks(text.slice(token.start, token.end)) !== slot.exact) return -1
    }
    return at + pattern.slots.length
  }
  const found: Candidate[] = []
  // Up to three prefixes in a row («la presidenta municipal, Lic. María Ramírez»), then a name.
  const followPrefixes = (first: number, at: number, owner: number | undefined, depth: number): void => {
    for (const prefix of list.prefixes.get(tokens[at]?.form ?? '') ?? NONE) {
      const end = endOf(prefix, at)
      if (end < 0 || end >= tokens.length || !prefix.after.has(gapBefore(end))) continue
      if (owner !== undefined && prefix.owner !== undefined && owner !== prefix.owner) continue
      const chained = owner ?? prefix.owner
      for (const name of list.names.get(tokens[end]!.form) ?? NONE) {
        const nameEnd = endOf(name, end)
        if (nameEnd >= 0 && (chained === undefined || chained === name.owner)) found.push({ first, end: nameEnd, pattern: name })
      }
      if (depth < 2) followPrefixes(first, end, chained, depth + 1)
    }
  }
  for (let first = 0; first < tokens.length; first++) {
    for (const pattern of list.standalone.get(tokens[first]!.form) ?? NONE) {
      const end = endOf(pattern, first)
      if (end >= 0) found.push({ first, end, pattern })
    }
    followPrefixes(first, first, undefined, 0)
  }
  return found
}

function contextOf(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end)
  let from = Math.max(lineStart, start - CONTEXT_CHARS)
  if (from > lineStart && /\S/.test(text[from - 1]!)) {
    const space = text.slice(from, start).search(/\s/)
    from = space === -1 ? start : from + space + 1
  }
  let to = Math.min(lineEnd, end + CONTEXT_CHARS)
  if (to < lineEnd && /\S/.test(text[to]!)) {
    const space = text.slice(end, to).search(/\s\S*$/)
    to = space === -1 ? end : end + space
  }
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return `${from > lineStart ? '…' : ''}${body}${to < lineEnd ? '…' : ''}`
}

/** FNV-1a, 64 bits: a label to refer to a hit, not a secret, and computable in the browser too. */
function shortHash(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n)
  return hash.toString(16).padStart(16, '0')
}

/** Every hit in `parts`, in the order of the parts and then of the text; overlapping matches give the longest. */
export function findPromotionHits(parts: readonly TextPart[], list: WatchList | CompiledWatchList): PromotionHit[] {
  const compiled = list instanceof CompiledWatchList ? list : compileWatchList(list)
  const hits: PromotionHit[] = []
  for (const { field, label, text } of parts) {
    if (!text) continue
    const tokens = tokenize(text)
    const spanOf = (c: Candidate) => tokens[c.end - 1]!.end - tokens[c.first]!.start
    const candidates = candidatesIn(text, tokens, compiled)
    candidates.sort((a, b) => spanOf(b) - spanOf(a) || a.first - b.first || a.pattern.rank - b.pattern.rank)
    const isTaken = new Uint8Array(tokens.length)
    const kept = candidates.filter((c) => {
      if (isTaken.subarray(c.first, c.end).includes(1)) return false
      isTaken.fill(1, c.first, c.end)
      return true
    })
    for (const { first, end, pattern } of kept.sort((a, b) => a.first - b.first)) {
      const start = tokens[first]!.start
      const stop = tokens[end - 1]!.end
      const found = text.slice(start, stop)
      const words = fold(found).match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? ''
      const key = shortHash([pattern.kind, fold(pattern.subject), field, words].join('\u001f'))
      hits.push({ kind: pattern.kind, subject: pattern.subject, found, field, label, context: contextOf(text, start, stop), key })
    }
  }
  return hits
}

/** The text of a Lexical rich-text value (a bulletin's body), one line per paragraph, heading or list item. */
export function richTextToPlain(value: unknown): string {
  return lexicalPlainText(value)
}
