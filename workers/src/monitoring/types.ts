/**
 * The press monitoring's shapes, shared by the poller (reading outlets' feeds), the síntesis (the morning
 * summary mailed to the office) and their tests.
 */

/** One news item as an outlet's feed or sitemap gives it, reduced to plain text. */
export interface FeedEntry {
  /** Canonical URL (canonicalUrl): the item's identity across polls and feeds. */
  url: string
  /** Plain text, entities decoded, no HTML; never empty (the URL's last segment when the feed gives none). */
  title: string
  /** Plain text, at most 600 characters, cut at a word with «…». Empty when the feed gives none. */
  summary: string
  /** When the outlet says it published; null when the feed gives no date or one not understood. */
  publishedAt: Date | null
  /** The date text as the feed wrote it, when it was not understood (for the source's note). */
  unreadDate?: string
}

export interface ReadFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap'
  /** The feed's own title, plain text, when it has one. */
  title: string | null
  entries: FeedEntry[]
  /** What was odd but not fatal, in Spanish, for the source's page («3 fechas no reconocidas: …»). */
  notes: string[]
}

export type Tone = 'positiva' | 'neutral' | 'negativa'

/** One item of the síntesis, as the office marked it. */
export interface SynthesisItem {
  title: string
  url: string
  outlet: string
  publishedAt: Date
  summary: string
  tone: Tone | null
  /** What it mentions, as written in the watch list («Ayuntamiento de Guasave», «Obras Públicas»). */
  mentions: string[]
}

export interface SynthesisGroup {
  /** The department's name; «Sin dependencia» / general items come last. */
  department: string
  /** Newest first. */
  items: SynthesisItem[]
}

/** Which outlets ran one of our bulletins (pick-up). */
export interface PickUpRow {
  bulletinTitle: string
  bulletinUrl: string
  outlets: { outlet: string; url: string; title: string }[]
}

export interface Synthesis {
  /** The day it covers, YYYY-MM-DD in the office's time zone. */
  day: string
  /** «jueves 3 de diciembre de 2026». */
  dayLabel: string
  /** «Ayuntamiento de Guasave». */
  office: string
  groups: SynthesisGroup[]
  pickUp: PickUpRow[]
  tone: { positiva: number; neutral: number; negativa: number; sinMarcar: number }
  /** Sources that failed in the period, so the reader knows what the summary may be missing. */
  sourceProblems: { source: string; error: string }[]
  /** Link to the monitoring list in the admin. */
  adminUrl: string
}
