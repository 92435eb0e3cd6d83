/**
 * One spelling per news item, so the same note reached through a feed, a sitemap or a shared link is one item
 * across polls: https only, host in lower case (www kept: it can be another site), no fragment, no default
 * port, no credentials, no tracking parameters, the other parameters sorted by name, no trailing slash but
 * the root's. Null for anything that is not an http(s) address.
 */
export function canonicalUrl(raw: string, base?: string): string | null {
  const url = parse(raw.trim(), base)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null

  // Setting the scheme drops a port that is the default for it (http://a.mx:443 → https://a.mx).
  url.protocol = 'https:'
  url.username = ''
  url.password = ''
  url.hash = ''
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1)
  url.pathname = url.pathname.replace(/\/+$/, '') || '/'
  url.search = canonicalQuery(url.search)
  return upperCaseEscapes(url.href)
}

/** Dropped wherever they appear: they name the campaign or the click, never the item. */
const TRACKING = new Set(['fbclid', 'gclid', 'mc_cid', 'mc_eid', 'ocid', 'cmpid', '_ga'])
const isTracking = (name: string) => name.startsWith('utm_') || TRACKING.has(name)

/**
 * The query's pairs, tracking ones dropped, sorted by name (stable, so repeated names keep their order).
 * Works on the raw pairs rather than URLSearchParams so their spelling survives (`?amp` does not become
 * `?amp=`, `,` is not escaped).
 */
function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => ({ pair, name: decodeName(pair.split('=', 1)[0]!) }))
    .filter(({ name }) => !isTracking(name))
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return pairs.length ? `?${pairs.map(({ pair }) => pair).join('&')}` : ''
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase()
  } catch {
    return name.toLowerCase()
  }
}

/** `%c3%a9` and `%C3%A9` are the same byte; the URL parser writes upper case, some outlets do not. */
const upperCaseEscapes = (href: string) => href.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())

function parse(raw: string, base: string | undefined): URL | null {
  if (raw === '') return null
  try {
    return new URL(raw, base)
  } catch {
    // A broken base must not lose an absolute link.
    if (base === undefined) return null
    try {
      return new URL(raw)
    } catch {
      return null
    }
  }
}
