import { createHash } from 'node:crypto'
import type { LogRequest, RequestKind } from './types'

/**
 * Reads one access-log line into a request and says what it counts as. Two formats: the Combined Log Format
 * (Apache, nginx, and Pregón's own portal server, which writes `v:<hash>` where the address goes) and Caddy's
 * default JSON access log. A line neither format explains gives null, never an exception: one odd line must not
 * stop the count of a whole file.
 */
export function parseLogLine(line: string): LogRequest | null {
  const text = line.trim()
  try {
    return text.startsWith('{') ? parseCaddy(text) : parseCombined(text)
  } catch {
    return null
  }
}

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`
const COMBINED = new RegExp(String.raw`^(\S+) \S+ \S+ \[([^\]]+)\] ${QUOTED} (\d{3}) (\d+|-)(?: ${QUOTED} ${QUOTED})?`)
const CLF_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const REQUEST_LINE = /^(\S+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/
const utf8 = new TextDecoder()

function parseCombined(text: string): LogRequest | null {
  const match = COMBINED.exec(text)
  if (!match) return null
  const [, host, time, request, status, bytes, referrer, agent] = match
  const at = clfTime(time!)
  const target = REQUEST_LINE.exec(unescapeField(request!))
  if (!at || !target) return null
  const isToken = host!.startsWith('v:')
  return {
    at,
    method: target[1]!,
    path: pathOf(target[2]!),
    status: Number(status),
    bytes: bytes === '-' ? 0 : Number(bytes),
    userAgent: agent === undefined || agent === '-' ? '' : unescapeField(agent),
    referrer: referrer === undefined || referrer === '-' || referrer === '' ? null : unescapeField(referrer),
    address: isToken || host === '-' ? null : host!,
    visitorToken: isToken ? host! : null,
  }
}

/** `03/Dec/2024:08:15:02 -0600` → the instant; null for anything out of range. */
function clfTime(time: string): Date | null {
  const m = CLF_TIME.exec(time)
  const month = m ? MONTHS.indexOf(m[2]!) : -1
  if (!m || month < 0) return null
  const [day, year, hours, minutes, seconds, offsetHours, offsetMinutes] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number) as [number, number, number, number, number, number, number]
  // Date.UTC rolls 31/Feb over into March: a day that does not come back out was not a date.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day || hours > 23 || minutes > 59 || seconds > 60) return null
  const offset = (m[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes)
  return new Date(Date.UTC(year, month, day, hours, minutes, seconds) - offset * 60_000)
}

/** Undoes the log's escapes: `\"` and `\\` (Apache, Pregón) and `\xHH` bytes (nginx writes `"` as `\x22`). */
function unescapeField(raw: string): string {
  if (!raw.includes('\\')) return raw
  return raw.replace(/(?:\\x[0-9a-fA-F]{2})+|\\(.)/g, (match, char: string | undefined) =>
    char !== undefined ? char : utf8.decode(Uint8Array.from(match.slice(2).split('\\x'), (hex) => Number.parseInt(hex, 16))),
  )
}

function parseCaddy(text: string): LogRequest | null {
  const entry: unknown = JSON.parse(text)
  if (!isRecord(entry) || !isRecord(entry.request)) return null
  const request = entry.request
  const at = typeof entry.ts === 'number' ? new Date(Math.round(entry.ts * 1000)) : typeof entry.ts === 'string' ? new Date(entry.ts) : null
  if (!at || Number.isNaN(at.getTime()) || typeof request.method !== 'string' || typeof request.uri !== 'string' || typeof entry.status !== 'number') return null
  const headers = isRecord(request.headers) ? request.headers : {}
  const header = (name: string) => {
    const values = headers[name]
    return Array.isArray(values) && typeof values[0] === 'string' && values[0] !== '' ? values[0] : null
  }
  const address = [request.client_ip, request.remote_ip].find((ip): ip is string => typeof ip === 'string' && ip !== '') ?? null
  return {
    at,
    method: request.method,
    path: pathOf(request.uri),
    status: entry.status,
    bytes: typeof entry.size === 'number' ? entry.size : 0,
    userAgent: header('User-Agent') ?? '',
    referrer: header('Referer'),
    address,
    visitorToken: null,
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The request target as a path: the scheme and host of an absolute-form target, the query and the fragment go;
 * percent-escapes are decoded once. A bad escape, or one that decodes to a control character (PostgreSQL text
 * refuses NUL), leaves the path as written.
 */
function pathOf(target: string): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target)
  const raw = (origin ? target.slice(origin[0].length) : target).split(/[?#]/)[0] || '/'
  try {
    const decoded = decodeURIComponent(raw)
    return /[\u0000-\u001f\u007f]/.test(decoded) ? raw : decoded
  } catch {
    return raw
  }
}

const HEALTH = /^\/healthz\/?$/
const ASSET_DIRS = /^\/(?:_astro|media|pagefind)\//
/** Any file but an HTML page: .css .js .png .jpg .webp .avif .svg .ico .woff2 .json .txt .xsl .ics, sitemaps… */
const FILE_EXTENSION = /\.(?!html?$)[^/.]+$/i
const NOT_A_FEED = /\/(?:sitemap[^/]*|browserconfig)\.xml$/i
/** Aggregators, by the name they give; the order matters only where one UA could name two. */
const READERS: Array<[string, RegExp]> = [
  ['Feedly', /feedly/i],
  ['Inoreader', /inoreader/i],
  ['NewsBlur', /newsblur/i],
  ['Feedbin', /feedbin/i],
  ['The Old Reader', /theoldreader|the old reader/i],
  ['Bloglovin', /bloglovin/i],
  ['Netvibes', /netvibes/i],
  ['NextCloud News', /nextcloud[- ]news/i],
  ['Miniflux', /miniflux/i],
  ['FreshRSS', /freshrss/i],
  ['Tiny Tiny RSS', /tiny tiny rss|tt-rss/i],
  ['Selfoss', /selfoss/i],
  ['Flipboard', /flipboard/i],
  ['NetNewsWire', /netnewswire/i],
  ['Reeder', /reeder/i],
  ['Feeder', /\bfeeder\b|spacecowboy/i],
  ['Feed Reader', /feed ?reader/i],
]
/** Search, SEO and AI crawlers: they fetch feeds too, but nobody reads through them. */
const CRAWLERS = /googlebot|bingbot|yandex|baiduspider|duckduckbot|applebot|ahrefsbot|semrushbot|mj12bot|petalbot|gptbot|claudebot|ccbot|bytespider/i
/** Crawlers, link previews, HTTP libraries, headless browsers, uptime monitors. `(?<!cu)`: Cubot is a phone. */
const BOTS =
  /facebookexternalhit|facebot|twitterbot|slackbot|whatsapp|telegrambot|discordbot|linkedinbot|\bcurl\/|wget|python-requests|python-urllib|go-http-client|headlesschrome|lighthouse|uptimerobot|pingdom|(?<!cu)bot\b|crawl|spider|slurp|monitor/i

/**
 * What a request counts as. Only GET answered 200 or 304 counts (a 304 is a reader or a browser revalidating:
 * still a fetch, still a view). Feeds are recognised before robots, because aggregators announce themselves like
 * robots ("Netvibes (crawler/bot…)"); on a feed only a search/SEO/AI crawler that is not an aggregator is a bot,
 * and any other client is a reader («otro lector»). Then robots, files (assets), and what is left is a page.
 */
export function classifyRequest(r: LogRequest): RequestKind {
  if (r.method !== 'GET') return { kind: 'ignored', reason: 'method' }
  if (HEALTH.test(r.path)) return { kind: 'ignored', reason: 'health' }
  if (r.status !== 200 && r.status !== 304) return { kind: 'ignored', reason: 'status' }
  if (r.path.toLowerCase().endsWith('.xml') && !NOT_A_FEED.test(r.path)) {
    const reader = READERS.find(([, pattern]) => pattern.test(r.userAgent))?.[0]
    const subscribers = feedSubscriberCount(r.userAgent)
    if (reader || subscribers !== null || !CRAWLERS.test(r.userAgent)) return { kind: 'feed', feed: r.path, reader: reader ?? 'otro lector', subscribers }
    return { kind: 'ignored', reason: 'bot' }
  }
  if (r.userAgent.trim() === '' || CRAWLERS.test(r.userAgent) || BOTS.test(r.userAgent)) return { kind: 'ignored', reason: 'bot' }
  if (ASSET_DIRS.test(r.path) || FILE_EXTENSION.test(r.path)) return { kind: 'ignored', reason: 'asset' }
  return { kind: 'page', path: pagePath(r.path) }
}

/** How many people an aggregator fetches for, when its UA says so ("123 subscribers", "45 readers"). */
export function feedSubscriberCount(userAgent: string): number | null {
  const match = /(\d+)\s*(?:subscribers?|readers)\b/i.exec(userAgent)
  const count = match ? Number(match[1]) : Number.NaN
  return Number.isSafeInteger(count) ? count : null
}

/** One name per page: `/boletines/x`, `/boletines/x/index.html` and `/boletines//x/` are all `/boletines/x/`. */
function pagePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/').replace(/(^|\/)index\.html?$/i, '$1')
  return collapsed.endsWith('/') || /\.html?$/i.test(collapsed) ? collapsed : `${collapsed}/`
}

/**
 * Who made the request, as an opaque key for counting distinct visitors in a day. Pregón's own log already holds
 * such a key (`v:<hash>`); for a proxy's line it is `v:` + the first 16 hex characters of
 * sha256(salt + '\n' + address + '\n' + user agent). The address itself is never stored: the salt is random,
 * one per day, and deleted two days later, so a key cannot be traced back to an address nor linked across days.
 * Null when the line has neither address nor token.
 */
export function visitorKey(r: LogRequest, salt: string): string | null {
  if (r.visitorToken) return r.visitorToken
  if (!r.address) return null
  return `v:${createHash('sha256').update(`${salt}\n${r.address}\n${r.userAgent}`).digest('hex').slice(0, 16)}`
}
