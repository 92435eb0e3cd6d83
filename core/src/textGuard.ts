/**
 * What text may hold before Pregón stores it. Pure: the CMS walks its fields and asks this module about each
 * value (cms/collections/shared/refuseHostileText.ts).
 *
 * Refused everywhere:
 * - C0 controls (U+0000–U+001F), DEL and C1 controls (U+007F–U+009F). NUL cannot be stored by PostgreSQL at
 *   all (it answered 500); the others are invisible and end up in e-mail headers, file names and CSV cells.
 *   Tab, line feed and carriage return are text in multi-line fields (textarea, rich text, JSON), not in
 *   one-line ones (a title with a line break is a header injection in the press e-mail's subject).
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what follows them
 *   until the end of the paragraph, so «factura», U+202E, «fdp.exe» reads as «facturaexe.pdf» on the portal,
 *   in the subject and in a file name (Trojan Source, CVE-2021-42574).
 *
 * Allowed on purpose: the directional marks LRM, RLM and ALM (U+200E, U+200F, U+061C). They open no scope and
 * reorder nothing beyond the neutral character beside them, Word and browsers paste them into text that
 * mixes scripts (a name in Arabic or Hebrew), and refusing an invisible character nobody typed would leave
 * editors stuck. Zero-width joiners stay too: emoji sequences need them.
 */

export const TEXT_CONTROL_CHARACTERS = 'TEXT_CONTROL_CHARACTERS'
export const TEXT_TOO_LONG = 'TEXT_TOO_LONG'

/** Limits for fields that set no `maxLength` of their own, in UTF-16 units as Payload counts them. */
export const DEFAULT_MAX_LENGTH = {
  text: 2_000,
  textarea: 20_000,
  /** RFC 5321: no deliverable address is longer. */
  email: 254,
  /** The text of a rich-text value (its text nodes together): about 15,000 words, far beyond any bulletin. */
  richText: 100_000,
} as const

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
const FORBIDDEN_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d])

export interface TextRefusal {
  code: typeof TEXT_CONTROL_CHARACTERS | typeof TEXT_TOO_LONG
  /** The whole sentence: which field, what is wrong, what to do. */
  message: string
  /** The same, said beside the field itself in the admin. */
  fieldMessage: string
}

const number = (n: number) => new Intl.NumberFormat('es-MX').format(n)
const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`

/** The distinct refused characters in `text`, in order of appearance, as `U+XXXX`-ready code points. */
export function forbiddenCharacters(text: string, { isMultiLine }: { isMultiLine: boolean }): number[] {
  const found = new Set<number>()
  for (const match of text.matchAll(isMultiLine ? FORBIDDEN : FORBIDDEN_ONE_LINE)) found.add(match[0].codePointAt(0)!)
  return [...found]
}

function controlRefusal(label: string, found: number[]): TextRefusal {
  const list = found.slice(0, 5).map(codePoint).join(', ') + (found.length > 5 ? '…' : '')
  if (found.every((cp) => LINE_BREAKS.has(cp))) {
    return {
      code: TEXT_CONTROL_CHARACTERS,
      message: `El campo «${label}» es de una sola línea y contiene un salto de línea o un tabulador (${list}); escríbelo en una sola línea y vuelve a guardar.`,
      fieldMessage: `Este campo es de una sola línea: quita el salto de línea o el tabulador (${list}).`,
    }
  }
  return {
    code: TEXT_CONTROL_CHARACTERS,
    message: `El campo «${label}» contiene caracteres invisibles de control (${list}) que pueden alterar cómo se lee el texto; bórralos y vuelve a guardar.`,
    fieldMessage: `Contiene caracteres invisibles de control (${list}) que pueden alterar cómo se lee el texto; bórralos.`,
  }
}

function lengthRefusal(label: string, length: number, max: number, what = 'caracteres'): TextRefusal {
  return {
    code: TEXT_TOO_LONG,
    message: `El campo «${label}» tiene ${number(length)} ${what} y admite como máximo ${number(max)}; acórtalo y vuelve a guardar.`,
    // Payload's own words for a field over its maxLength (validation:shorterThanMax in Spanish), plus the count.
    fieldMessage: `Este valor debe tener una longitud máxima de ${number(max)} caracteres (tiene ${number(length)}).`,
  }
}

/** Why a plain string may not be stored, or null. */
export function checkText({ label, value, isMultiLine, maxLength }: { label: string; value: string; isMultiLine: boolean; maxLength?: number }): TextRefusal | null {
  const found = forbiddenCharacters(value, { isMultiLine })
  if (found.length > 0) return controlRefusal(label, found)
  if (maxLength !== undefined && value.length > maxLength) return lengthRefusal(label, value.length, maxLength)
  return null
}

/** Every string in a JSON value, keys included (PostgreSQL's jsonb refuses a NUL in either). */
export function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value)
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push(key)
      stringsIn(item, found)
    }
  }
  return found
}

/** The length of a Lexical editor state's text: every node's `text` (text, tab and code nodes) together. */
export function richTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + richTextLength(item), 0)
  if (!value || typeof value !== 'object') return 0
  let length = 0
  for (const [key, item] of Object.entries(value)) length += key === 'text' && typeof item === 'string' ? item.length : richTextLength(item)
  return length
}

/**
 * Why any other value may not be stored, or null: every string in it (a rich-text state, JSON, a select's
 * options) is checked; `maxLength` caps the text of a rich-text state.
 */
export function checkValue({ label, value, isMultiLine, maxLength }: { label: string; value: unknown; isMultiLine: boolean; maxLength?: number }): TextRefusal | null {
  const found = [...new Set(stringsIn(value).flatMap((text) => forbiddenCharacters(text, { isMultiLine })))]
  if (found.length > 0) return controlRefusal(label, found)
  if (maxLength !== undefined) {
    const length = richTextLength(value)
    if (length > maxLength) return lengthRefusal(label, length, maxLength, 'caracteres de texto')
  }
  return null
}

/**
 * The same rules, applied by mending instead of refusing: for what Pregón writes itself from a network's or
 * mail server's answer, where losing the write (a sent post not recorded) is worse than a changed character.
 * Refused characters become U+FFFD (one-line fields turn line breaks into spaces); too long is cut with «…».
 */
export function mendText(value: string, { isMultiLine, maxLength }: { isMultiLine: boolean; maxLength?: number }): string {
  const mended = value.replace(isMultiLine ? FORBIDDEN : FORBIDDEN_ONE_LINE, (char) => (!isMultiLine && LINE_BREAKS.has(char.codePointAt(0)!) ? ' ' : '\uFFFD'))
  return maxLength !== undefined && mended.length > maxLength ? `${mended.slice(0, maxLength - 1)}…` : mended
}

/** mendText for every string inside a value (JSON the ledgers keep), keys included. */
export function mendValue(value: unknown, { isMultiLine }: { isMultiLine: boolean }): unknown {
  if (typeof value === 'string') return mendText(value, { isMultiLine })
  if (Array.isArray(value)) return value.map((item) => mendValue(item, { isMultiLine }))
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [mendText(key, { isMultiLine: false }), mendValue(item, { isMultiLine })]))
  }
  return value
}

/** Whether a value (a query's `where`, any JSON) holds a NUL anywhere, which PostgreSQL cannot even compare. */
export function hasNul(value: unknown): boolean {
  return stringsIn(value).some((text) => text.includes('\u0000'))
}
