import { isIPv6 } from 'node:net'

/**
 * The address login throttling counts a client by, from X-Forwarded-For.
 *
 * Next.js fills X-Forwarded-For with the socket's address only when the request has none, so a client can
 * send its own; the admin's server (cms/bin/serveAdmin.ts) appends the socket's address to whatever came, as
 * a proxy does. Reading from the right, the last `trustedProxies` entries were written by the operator's own
 * proxies (TRUST_PROXY), and the one before them is the client as the outermost of them saw it; anything
 * further left was written by the client and is never believed.
 *
 * IPv6 clients are counted by their /64: one machine usually holds a whole /64 and could rotate through it.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const address = hops[Math.max(0, hops.length - 1 - trustedProxies)]
  if (!address) return 'unknown'
  return networkOf(address)
}

function networkOf(address: string): string {
  const plain = address
    .replace(/^\[|\](:\d+)?$/g, '')
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
  if (!isIPv6(plain)) return plain
  const [head = '', tail = ''] = plain.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = plain.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
