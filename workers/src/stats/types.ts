/**
 * Portal statistics without trackers: what one line of an access log (Pregón's portal server, nginx or Caddy)
 * says once read, and how the office counts it. No IP address is ever kept: a visitor is a salted hash of
 * address and browser that changes every day.
 */

/** One request, as the log gives it. */
export interface LogRequest {
  at: Date
  method: string
  /** The path without the query string, decoded once («/boletines/corte-de-agua/»). */
  path: string
  status: number
  bytes: number
  userAgent: string
  referrer: string | null
  /** The client's address as logged (nginx/Caddy), or null when the log holds a visitor token instead. */
  address: string | null
  /** Pregón's own log writes `v:<hash>` in place of the address; null elsewhere. */
  visitorToken: string | null
}

/** What a request counts as. */
export type RequestKind =
  | { kind: 'page'; path: string }
  /** A feed reader fetching a feed; `subscribers` when the aggregator says how many people it fetches for. */
  | { kind: 'feed'; feed: string; reader: string; subscribers: number | null }
  /** Robots, assets, errors, redirects, the health check: not a visit. */
  | { kind: 'ignored'; reason: 'bot' | 'asset' | 'status' | 'method' | 'health' }
