import { timingSafeEqual, createHash } from 'node:crypto'
import { isIP } from 'node:net'

export interface MetricsRequest {
  /** X-Forwarded-For as the admin's server passes it on: whatever came, then the socket's own address. */
  forwardedFor: string | null
  /** Set when the request carries `Forwarded` or `X-Real-IP` (a proxy's doing). */
  isMarkedForwarded?: boolean
  authorization: string | null
}

export interface MetricsAccessPolicy {
  /** METRICS_TOKEN; undefined: only the machine itself may scrape. */
  token: string | undefined
  /** BIND_HOST: the address the admin listens on. */
  bindHost: string
  /** This machine's own addresses (os.networkInterfaces()), for a BIND_HOST of 0.0.0.0 or ::. */
  machineAddresses?: readonly string[]
}

/**
 * Who may read `/api/metrics`: a request from this machine, straight to the admin's port, or one with
 * `Authorization: Bearer <METRICS_TOKEN>`. A request that came through a proxy is not local, even when the
 * proxy runs on this machine: the proxy's address is local, its client is not. So a request counts as local
 * only when the socket's address is the only hop (cms/bin/serveAdmin.ts appends it) and it is a loopback
 * address, BIND_HOST, or one of this machine's addresses.
 */
export function canScrapeMetrics(request: MetricsRequest, policy: MetricsAccessPolicy): boolean {
  if (policy.token && hasToken(request.authorization, policy.token)) return true
  if (request.isMarkedForwarded) return false
  const hops = (request.forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter(Boolean)
  if (hops.length !== 1) return false
  return isThisMachine(plainAddress(hops[0]!), policy)
}

function hasToken(authorization: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  if (!match) return false
  // Hash both sides: equal lengths for timingSafeEqual, and no early exit on a length difference.
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(match[1]!), digest(token))
}

function isThisMachine(address: string, { bindHost, machineAddresses = [] }: MetricsAccessPolicy): boolean {
  if (!isIP(address)) return false
  if (isLoopback(address)) return true
  const host = plainAddress(bindHost)
  if (host === address) return true
  const isWildcard = host === '0.0.0.0' || host === '::'
  return isWildcard && machineAddresses.map(plainAddress).includes(address)
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address)
}

/** 1.2.3.4, without an IPv4-mapped prefix, brackets, a port or an IPv6 zone. */
export function plainAddress(address: string): string {
  return address
    .trim()
    .replace(/^\[([^\]]+)\](:\d+)?$/, '$1')
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/%.*$/, '')
    .toLowerCase()
}
