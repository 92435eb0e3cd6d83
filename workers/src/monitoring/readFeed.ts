import { PregonError } from '@pregon/core/PregonError'
import { XMLParser } from 'fast-xml-parser'
import { DetectError, parseFeed, type AnyFeed } from 'feedsmith'
import { canonicalUrl } from './canonicalUrl'
import { readFeedDate } from './feedDates'
import { plainText } from './plainText'
import type { FeedEntry, ReadFeed } from './types'

/** The one code of a source that cannot be read as a feed at all; what was merely odd goes in `notes`. */
export const FEED_UNREADABLE = 'feed-unreadable'

const SUMMARY_MAX = 600

/**
 * Yoast SEO closes every WordPress excerpt with «La entrada <a>…</a> se publicó primero en <a>…</a>.»
 * («The post … appeared first on …» in English): the outlet's signature, not the news, so not the summary.
 */
const YOAST_SIGNATURE = /<p>\s*(?:La entrada|The post)\s(?:(?!<\/?p[\s>])[\s\S])*?(?:se publicó primero en|appeared first on)(?:(?!<\/?p[\s>])[\s\S])*<\/p>\s*$/i

/** An item as the format gives it, before it is checked and reduced to a FeedEntry. */
interface FoundItem {
  /** Candidate addresses, best first (RSS: link, then a permalink guid). */
  links: (string | undefined)[]
  title: string | undefined
  summary: string | undefined
  /** Candidate dates, best first (Atom: published, then updated). */
  dates: (string | undefined)[]
}

interface Found {
  format: ReadFeed['format']
  title: string | undefined
  items: FoundItem[]
  notes: string[]
}

/**
 * Reads an outlet's RSS, Atom, RDF or JSON Feed, or its sitemap (Google News or plain), as plain-text entries
 * keyed by canonical URL; `sourceUrl` resolves relative links. Entries without a usable address are dropped,
 * a repeated address keeps its first entry, a date not understood leaves `publishedAt` null (never a guess);
 * each is counted in `notes`. Throws `feed-unreadable` when the text is no feed (an HTML page) or is cut or
 * broken XML; an empty feed is not an error. `now` bounds the dates (see readFeedDate).
 */
export function readFeed(xmlOrJson: string, sourceUrl: string, now: Date = new Date()): ReadFeed {
  const text = xmlOrJson.replace(/^\uFEFF/, '')
  const root = rootElement(text)
  if (root && ['rss', 'feed', 'rdf', 'urlset', 'sitemapindex'].includes(root.local) && !hasClosingTag(text, root.name)) {
    throw unreadable(`El canal está incompleto o mal formado (XML inválido): termina sin cerrar <${root.name}>, probablemente la descarga se cortó. Si se repite, avise al medio.`)
  }
  const found = root?.local === 'urlset' || root?.local === 'sitemapindex' ? readSitemap(text, root.local) : readAnyFeed(text, root)
  return toReadFeed(found, sourceUrl, now)
}

function toReadFeed(found: Found, sourceUrl: string, now: Date): ReadFeed {
  const entries: FeedEntry[] = []
  const seen = new Set<string>()
  const count = { withoutUrl: 0, repeated: 0, untitled: 0, undated: 0 }
  const unreadDates: string[] = []
  for (const item of found.items) {
    const url = item.links.map((link) => (link ? canonicalUrl(link, sourceUrl) : null)).find((candidate) => candidate !== null)
    if (!url) count.withoutUrl++
    else if (seen.has(url)) count.repeated++
    else {
      seen.add(url)
      const title = plainText(item.title ?? '')
      if (!title) count.untitled++
      const dateTexts = item.dates.filter((date): date is string => !!date?.trim())
      const publishedAt = dateTexts.map((date) => readFeedDate(date, now)).find((date) => date !== null) ?? null
      const entry: FeedEntry = { url, title: title || titleFromUrl(url), summary: plainText((item.summary ?? '').replace(YOAST_SIGNATURE, ''), SUMMARY_MAX), publishedAt }
      if (!publishedAt && dateTexts[0]) {
        entry.unreadDate = dateTexts[0].trim()
        unreadDates.push(entry.unreadDate)
      } else if (!publishedAt) count.undated++
      entries.push(entry)
    }
  }
  const notes = [...found.notes]
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  if (count.withoutUrl) notes.push(`${plural(count.withoutUrl, 'entrada sin dirección válida se omitió', 'entradas sin dirección válida se omitieron')}.`)
  if (count.repeated) notes.push(`${plural(count.repeated, 'entrada repetida (misma dirección) se omitió', 'entradas repetidas (misma dirección) se omitieron')}.`)
  if (unreadDates.length) {
    const examples = [...new Set(unreadDates)].slice(0, 3).map((date) => `«${date.slice(0, 60)}»`)
    notes.push(`${plural(unreadDates.length, 'fecha no reconocida', 'fechas no reconocidas')} (esas entradas quedan sin fecha): ${examples.join(', ')}.`)
  }
  if (count.undated) notes.push(`${plural(count.undated, 'entrada no trae fecha', 'entradas no traen fecha')} de publicación.`)
  if (count.untitled) notes.push(`${plural(count.untitled, 'entrada sin título', 'entradas sin título')}; se usó el final de su dirección.`)
  return { format: found.format, title: plainText(found.title ?? '') || null, entries, notes }
}

function readAnyFeed(text: string, root: Root | null): Found {
  if (root?.local === 'html' || root?.local === 'head' || root?.local === 'body') {
    throw unreadable('La dirección no devuelve un canal RSS/Atom ni un sitemap, sino una página HTML. Revise la dirección del canal.')
  }
  let parsed: AnyFeed
  try {
    parsed = parseFeed(text)
  } catch (error) {
    if (!(error instanceof DetectError)) {
      // feedsmith's MalformedError/ParseError; the parser's own words (English) go to details, not the message.
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
      throw unreadable('El canal está incompleto o mal formado (XML inválido): tiene etiquetas sin cerrar o mal escritas. Si se repite, avise al medio.', { reason }, error)
    }
    if (!root && /^\s*[[{]/.test(text) && !isJson(text)) {
      throw unreadable('El canal está incompleto o mal formado (JSON inválido): el texto se corta o tiene errores de sintaxis. Si se repite, avise al medio.', undefined, error)
    }
    const what = root ? `un documento <${root.name}>` : 'un texto que no es XML ni JSON Feed'
    throw unreadable(`La dirección no devuelve un canal RSS/Atom ni un sitemap, sino ${what}. Revise la dirección del canal.`, undefined, error)
  }
  return { ...fromFeedsmith(parsed), notes: [] }
}

/** Where each format keeps an item's address, title, summary and dates. */
function fromFeedsmith({ format, feed }: AnyFeed): Omit<Found, 'notes'> {
  switch (format) {
    case 'rss':
      return {
        format,
        title: feed.title,
        items: (feed.items ?? []).map((item) => ({
          // A guid is the item's address unless it says it is not (isPermaLink="false"); RSS's default is that it is.
          links: [item.link, item.guid?.isPermaLink === false ? undefined : absolute(item.guid?.value)],
          title: item.title ?? item.dc?.titles?.[0],
          summary: item.description ?? item.content?.encoded,
          dates: [item.pubDate, item.dc?.dates?.[0]],
        })),
      }
    case 'atom':
      return {
        format,
        title: feed.title?.value,
        items: (feed.entries ?? []).map((entry) => ({
          // A link without rel is an alternate one (RFC 4287 §4.2.7.2). The id comes last: it is often a tag: URI.
          links: [entry.links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href, entry.links?.[0]?.href, absolute(entry.id)],
          title: entry.title?.value,
          summary: entry.summary?.value ?? entry.content?.value,
          dates: [entry.published, entry.updated, entry.dc?.dates?.[0]],
        })),
      }
    case 'rdf':
      return {
        format,
        title: feed.title,
        items: (feed.items ?? []).map((item) => ({
          links: [item.link, absolute(item.rdf?.about)],
          title: item.title ?? item.dc?.titles?.[0],
          summary: item.description ?? item.content?.encoded,
          dates: [item.dc?.dates?.[0]],
        })),
      }
    case 'json':
      return {
        format,
        title: feed.title,
        items: (feed.items ?? []).map((item) => ({
          links: [item.url, item.external_url, absolute(item.id)],
          title: item.title,
          summary: item.summary ?? item.content_text ?? item.content_html,
          dates: [item.date_published, item.date_modified],
        })),
      }
  }
}

const sitemapParser = new XMLParser({
  ignoreAttributes: true,
  // `news:title` and `n:title` alike: the prefix is the outlet's choice, the namespace is Google's.
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
})

/**
 * A sitemap's `<url>`s; Google News ones give a title and a publication date. A plain sitemap only has
 * `lastmod`, which an edit moves forward; it is still taken, as the URL keeps an item from coming back.
 */
function readSitemap(text: string, root: 'urlset' | 'sitemapindex'): Found {
  let document: Record<string, unknown>
  try {
    document = sitemapParser.parse(text) as Record<string, unknown>
  } catch (error) {
    throw unreadable('El sitemap está incompleto o mal formado (XML inválido): tiene etiquetas sin cerrar o mal escritas. Si se repite, avise al medio.', { reason: (error as Error).message }, error)
  }
  const list = (node: unknown, key: string) => (isRecord(node) && Array.isArray(node[key]) ? (node[key] as unknown[]).filter(isRecord) : [])
  if (root === 'sitemapindex') {
    const locs = list(document.sitemapindex, 'sitemap').flatMap((sitemap) => stringIn(sitemap.loc) ?? [])
    const suggestion = locs.find((loc) => /news|noticias/i.test(loc)) ?? locs[0]
    const note = `La dirección es un índice de sitemaps (${locs.length}), no una lista de notas: registre uno de ellos${suggestion ? `, por ejemplo ${suggestion}` : ''}.`
    return { format: 'sitemap', title: undefined, items: [], notes: [note] }
  }
  const urls = list(document.urlset, 'url')
  const news = (url: Record<string, unknown>) => (isRecord(url.news) ? url.news : {})
  const publication = urls.map((url) => news(url).publication).find(isRecord)
  return {
    format: 'sitemap',
    title: stringIn(publication?.name),
    items: urls.map((url) => ({
      links: [stringIn(url.loc)],
      title: stringIn(news(url).title),
      summary: undefined,
      dates: [stringIn(news(url).publication_date), stringIn(url.lastmod)],
    })),
    notes: [],
  }
}

interface Root {
  /** As written, prefix included (`rdf:RDF`). */
  name: string
  /** Without prefix, lower case (`rdf`). */
  local: string
}

/** The document's first element, past the prolog, processing instructions, comments and doctype. */
function rootElement(text: string): Root | null {
  let rest = text
  for (let skipped = 0; skipped < 50; skipped++) {
    const head = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\s+([a-z]*)[^>]*>)/i.exec(rest)
    if (!head) break
    if (head[1]?.toLowerCase() === 'html') return { name: 'html', local: 'html' }
    rest = rest.slice(head[0].length)
  }
  const name = /^\s*<([a-z_][\w.-]*(?::[a-z_][\w.-]*)?)/i.exec(rest)?.[1]
  return name ? { name, local: name.replace(/^.*:/, '').toLowerCase() } : null
}

/** A cut download loses the end: the root is never closed. Whatever follows it (a cache plugin's comment) is fine. */
const hasClosingTag = (text: string, name: string) => new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'i').test(text)

/** A page's title for an entry that has none: `/2026/12/inauguran-pozo-en-el-huitussi/` → «inauguran pozo en el huitussi». */
function titleFromUrl(url: string): string {
  const { hostname, pathname } = new URL(url)
  const segment = pathname.split('/').filter(Boolean).pop()
  if (!segment) return hostname
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // A stray % keeps the segment as written.
  }
  return decoded.replace(/\.(s?html?|php|aspx?)$/i, '').replace(/[-_+]+/g, ' ').trim() || hostname
}

function unreadable(message: string, details?: Record<string, unknown>, cause?: unknown): PregonError {
  return new PregonError({ code: FEED_UNREADABLE, kind: 'invalid', message, details, cause })
}

/** An identifier (guid, id) counts as an address only when it is a whole one: `post-123` is not relative to the feed. */
const absolute = (value: string | undefined) => (value && /^\s*https?:\/\//i.test(value) ? value : undefined)
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const stringIn = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined)

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
