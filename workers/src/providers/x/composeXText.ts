import { X_MAX_WEIGHTED_LENGTH, xTextLength } from './xTextLength'

export { X_MAX_WEIGHTED_LENGTH, xTextLength } from './xTextLength'

export interface ComposeXTextInput {
  title: string
  url: string
  /** The editor's own wording for X; the bulletin's URL is appended unless it already contains it. */
  customText?: string | null
}

const ELLIPSIS = '…'
// Punctuation that reads badly right before the ellipsis ("Programa de apoyo:…").
const DANGLING = /[\s,;:.\-–—(¿¡"'«]+$/u

/**
 * The text of an X post for a bulletin: the editor's custom text or "title url", within X's 280 weighted
 * characters. When too long, the words before the link are shortened at a word boundary and "…" added;
 * hashtags are whole words, so one is dropped entirely or kept, never cut, and the link is never cut.
 */
export function composeXText({ title, url, customText }: ComposeXTextInput): string {
  const link = url.trim()
  const custom = customText?.trim()
  const full = custom ? (custom.includes(link) ? custom : `${custom} ${link}`) : `${title.trim()} ${link}`
  if (xTextLength(full) <= X_MAX_WEIGHTED_LENGTH) return full

  // Too long: shorten the words and put the link last, where it cannot be cut.
  const words = (custom ?? title).replace(link, ' ').replace(/[ \t]{2,}/g, ' ').trim()
  return `${shortenToFit(words, link)} ${link}`.trim()
}

function shortenToFit(words: string, link: string): string {
  const fits = (candidate: string) => xTextLength(`${candidate} ${link}`) <= X_MAX_WEIGHTED_LENGTH
  // Cut points are the starts of whitespace runs, longest prefix first, so newlines the editor typed stay.
  const cuts = [...words.matchAll(/\s+/gu)].map((match) => match.index).reverse()
  for (const cut of cuts) {
    const prefix = words.slice(0, cut).replace(DANGLING, '')
    if (prefix && fits(prefix + ELLIPSIS)) return prefix + ELLIPSIS
  }
  // A single word longer than the whole budget: a hashtag is dropped rather than cut, other text is cut
  // between graphemes so no accent or emoji is split.
  const first = words.split(/\s/u, 1)[0] ?? ''
  if (first.startsWith('#')) return ''
  let kept = ''
  for (const { segment } of new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(first)) {
    if (!fits(kept + segment + ELLIPSIS)) break
    kept += segment
  }
  return kept ? kept + ELLIPSIS : ''
}
