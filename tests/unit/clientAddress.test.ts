import { describe, expect, it } from 'vitest'
import { clientAddress } from '@pregon/cms/auth/clientAddress'

describe('the client address login throttling counts by', () => {
  it('is the address the server itself saw when no proxy is trusted, whatever the client wrote', () => {
    // serveAdmin appends the socket's address to whatever X-Forwarded-For the client sent.
    expect(clientAddress('198.51.100.7', 0)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1, 6.6.6.6, 198.51.100.7', 0)).toBe('198.51.100.7')
  })

  it('is the entry before the trusted proxies, never one further left that the client wrote', () => {
    // client wrote 10.0.0.1; nginx appended the client's real address; serveAdmin appended nginx's.
    expect(clientAddress('10.0.0.1, 198.51.100.7, 127.0.0.1', 1)).toBe('198.51.100.7')
    expect(clientAddress('198.51.100.7', 1)).toBe('198.51.100.7')
  })

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(clientAddress('2001:db8:abcd:12:1::9', 0)).toBe('2001:db8:abcd:12::/64')
    expect(clientAddress('2001:db8:abcd:12:ffff:1:2:3', 0)).toBe('2001:db8:abcd:12::/64')
    expect(clientAddress('::ffff:198.51.100.7', 0)).toBe('198.51.100.7')
  })

  it('is "unknown" without the header', () => {
    expect(clientAddress(null, 0)).toBe('unknown')
    expect(clientAddress(' , ', 0)).toBe('unknown')
  })
})
