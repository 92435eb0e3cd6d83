import { itemLink } from './distributedItem'
import { X_MAX_WEIGHTED_LENGTH, X_URL_WEIGHT, xTextLength } from './xTextLength'

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

/** The bulletin's address on the portal: where every post links (core/distributedItem knows every kind's). */
export const bulletinLink = (siteUrl: string, slug: string): string => itemLink(siteUrl, 'bulletins', slug)

/** Stands for the bulletin's link where it is not known yet: the count is the same, a link weighs 23 whatever it is. */
export const LINK_STAND_IN = 'https://pregon.invalid/boletines/…/'

/** A post as the network will receive it, with the count the preview, the counter and the validation all show. */
export interface ComposedPost {
  text: string
  /** What the network counts for `text`, the bulletin's link as the network's link weight. */
  length: number
  /** What the editor's text (or the title) and the link count before any shortening. */
  fullLength: number
  isShortened: boolean
}

export interface Limits {
  max: number
  /** What a link counts whatever its length; null: the network counts it like any other text. */
  urlWeight: number | null
  measure: (text: string) => number
}

const X_LIMITS: Limits = { max: X_MAX_WEIGHTED_LENGTH, urlWeight: X_URL_WEIGHT, measure: xTextLength }
const MASTODON_LIMITS: Limits = { max: MASTODON_MAX_LENGTH, urlWeight: MASTODON_URL_WEIGHT, measure: mastodonTextLength }

const ELLIPSIS = '…'
// Punctuation that reads badly right before the ellipsis ("Programa de apoyo:…").
const DANGLING = /[\s,;:.\-–—(¿¡"'«]+$/u

/**
 * The text of an X post for a bulletin: the editor's custom text or "title url", within X's 280 weighted
 * characters. When too long, the words before the link are shortened at a word boundary and "…" added;
 * hashtags are whole words, so one is dropped entirely or kept, never cut, and the link is never cut.
 */
export function composeXText(input: ComposePostTextInput): string {
  return composeXPost(input).text
}

/** The same for Mastodon: 500 characters, links counted as 23. */
export function composeMastodonText(input: ComposePostTextInput): string {
  return composeMastodonPost(input).text
}

export const composeXPost = (input: ComposePostTextInput): ComposedPost => composePost(input, X_LIMITS)
export const composeMastodonPost = (input: ComposePostTextInput): ComposedPost => composePost(input, MASTODON_LIMITS)

/** Graphemes: what a reader sees as one character (Bluesky's count). */
export const graphemeLength = (text: string): number => [...segmenter.segment(text)].length
/** UTF-16 code units: Meta's and Telegram's count, never less than what a person sees. */
const utf16Length = (text: string): number => text.length
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u
const utf8 = new TextEncoder()
/** Threads: a character each, but an emoji counts its UTF-8 bytes (Meta's rule), so 🎉 takes 4 of the 500. */
const threadsLength = (text: string): number => {
  let length = 0
  for (const { segment } of segmenter.segment(text)) length += EMOJI.test(segment) ? utf8.encode(segment).length : [...segment].length
  return length
}

/**
 * Networks that count a link like any other text, each with its own limit. Facebook's post and Instagram's and
 * Telegram's captions are long; Threads and Bluesky are short. Instagram does not link a caption's address,
 * but it is written out so people can copy it.
 */
export const TEXT_LIMITS = {
  facebook: { max: 63_206, urlWeight: null, measure: utf16Length },
  instagram: { max: 2_200, urlWeight: null, measure: utf16Length },
  threads: { max: 500, urlWeight: null, measure: threadsLength },
  bluesky: { max: 300, urlWeight: null, measure: graphemeLength },
  telegram: { max: 1_024, urlWeight: null, measure: utf16Length },
} as const satisfies Record<string, Limits>

/** Composition and count under one network's limits (the same rules as X's and Mastodon's). */
export function postRulesWithin(limits: Limits) {
  return {
    max: limits.max,
    urlWeight: limits.urlWeight,
    measure: (text: string, link?: string) => measureWithLink(text, link, limits),
    compose: (input: ComposePostTextInput) => composePost(input, limits),
  }
}

/**
 * X's count of a text that carries the bulletin's `link`: that link weighs 23 whatever its host. X wraps every
 * link it recognises in t.co; twitter-text does not recognise `localhost` or an IP address as one and would
 * count it in full, but the portal's real address is a domain, so a preview on a test machine counts what
 * the post will count in production.
 */
export const xPostLength = (text: string, link?: string): number => measureWithLink(text, link, X_LIMITS)
export const mastodonPostLength = (text: string, link?: string): number => measureWithLink(text, link, MASTODON_LIMITS)

function measureWithLink(text: string, link: string | undefined, { measure, urlWeight }: Limits): number {
  const trimmed = link?.trim()
  if (!trimmed || urlWeight === null) return measure(text)
  const parts = text.split(trimmed)
  return parts.reduce((sum, part) => sum + measure(part), 0) + (parts.length - 1) * urlWeight
}

function composePost({ title, url, customText }: ComposePostTextInput, limits: Limits): ComposedPost {
  const link = url.trim()
  const custom = customText?.trim()
  const full = custom ? (custom.includes(link) ? custom : `${custom} ${link}`) : `${title.trim()} ${link}`
  const count = (text: string) => measureWithLink(text, link, limits)
  const fullLength = count(full)
  if (fullLength <= limits.max) return { text: full, length: fullLength, fullLength, isShortened: false }

  // Too long: shorten the words and put the link last, where it cannot be cut.
  const words = (custom ?? title).replace(link, ' ').replace(/[ \t]{2,}/g, ' ').trim()
  const text = `${shortenToFit(words, link, { ...limits, measure: count })} ${link}`.trim()
  return { text, length: count(text), fullLength, isShortened: true }
}

function shortenToFit(words: string, link: string, { max, measure }: Pick<Limits, 'max' | 'measure'>): string {
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
