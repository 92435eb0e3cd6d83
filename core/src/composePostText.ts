import { X_MAX_WEIGHTED_LENGTH, xTextLength } from './xTextLength'

export const MASTODON_MAX_LENGTH = 500
export const MASTODON_URL_WEIGHT = 23

const segmenter = new Intl.Segmenter('es', { granularity: 'grapheme' })
const MASTODON_LINK = /\bhttps?:\/\/[^\s<>"]+/giu

/** Mastodon's count: graphemes, with every link as 23 whatever its length (its own StatusLengthValidator). */
export function mastodonTextLength(text: string): number {
  let length = 0
  let cursor = 0
  for (const match of text.matchAll(MASTODON_LINK)) {
    length += [...segmenter.segment(text.slice(cursor, match.index))].length + MASTODON_URL_WEIGHT
    cursor = match.index + match[0].length
  }
  return length + [...segmenter.segment(text.slice(cursor))].length
}

export interface ComposePostTextInput {
  title: string
  url: string
  /** The editor's own wording for social networks; the bulletin's URL is appended unless it already contains it. */
  customText?: string | null
}

interface Limits {
  max: number
  measure: (text: string) => number
}

const ELLIPSIS = '…'
// Punctuation that reads badly right before the ellipsis ("Programa de apoyo:…").
const DANGLING = /[\s,;:.\-–—(¿¡"'«]+$/u

/**
 * The text of an X post for a bulletin: the editor's custom text or "title url", within X's 280 weighted
 * characters. When too long, the words before the link are shortened at a word boundary and "…" added;
 * hashtags are whole words, so one is dropped entirely or kept, never cut, and the link is never cut.
 */
export function composeXText(input: ComposePostTextInput): string {
  return composePostText(input, { max: X_MAX_WEIGHTED_LENGTH, measure: xTextLength })
}

/** The same for Mastodon: 500 characters, links counted as 23. */
export function composeMastodonText(input: ComposePostTextInput): string {
  return composePostText(input, { max: MASTODON_MAX_LENGTH, measure: mastodonTextLength })
}

function composePostText({ title, url, customText }: ComposePostTextInput, limits: Limits): string {
  const link = url.trim()
  const custom = customText?.trim()
  const full = custom ? (custom.includes(link) ? custom : `${custom} ${link}`) : `${title.trim()} ${link}`
  if (limits.measure(full) <= limits.max) return full

  // Too long: shorten the words and put the link last, where it cannot be cut.
  const words = (custom ?? title).replace(link, ' ').replace(/[ \t]{2,}/g, ' ').trim()
  return `${shortenToFit(words, link, limits)} ${link}`.trim()
}

function shortenToFit(words: string, link: string, { max, measure }: Limits): string {
  const fits = (candidate: string) => measure(`${candidate} ${link}`) <= max
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
  for (const { segment } of segmenter.segment(first)) {
    if (!fits(kept + segment + ELLIPSIS)) break
    kept += segment
  }
  return kept ? kept + ELLIPSIS : ''
}
