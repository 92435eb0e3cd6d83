import { describe, expect, it } from 'vitest'
import { canScrapeMetrics } from '@pregon/cms/ops/metricsAccess'

const TOKEN = 'a'.repeat(32)
const policy = { token: TOKEN, bindHost: '127.0.0.1' }
const from = (forwardedFor: string | null, authorization: string | null = null, isMarkedForwarded = false) => ({ forwardedFor, authorization, isMarkedForwarded })

describe('canScrapeMetrics', () => {
  it('lets in a request straight from this machine', () => {
    expect(canScrapeMetrics(from('127.0.0.1'), policy)).toBe(true)
    expect(canScrapeMetrics(from('::1'), policy)).toBe(true)
    expect(canScrapeMetrics(from('::ffff:127.0.0.1'), policy)).toBe(true)
  })

  it('refuses a request that came through a proxy, even one on this machine', () => {
    expect(canScrapeMetrics(from('203.0.113.9, 127.0.0.1'), policy)).toBe(false)
    expect(canScrapeMetrics(from('127.0.0.1', null, true), policy)).toBe(false)
  })

  it('refuses a client that claims to be local in its own X-Forwarded-For', () => {
    // serveAdmin appends the socket's address after what the client sent.
    expect(canScrapeMetrics(from('127.0.0.1, 198.51.100.7'), { ...policy, token: undefined })).toBe(false)
  })

  it('refuses a remote address and a request with no address', () => {
    expect(canScrapeMetrics(from('198.51.100.7'), policy)).toBe(false)
    expect(canScrapeMetrics(from(null), policy)).toBe(false)
  })

  it('lets in the bind address, and this machine’s addresses when bound to all of them', () => {
    expect(canScrapeMetrics(from('10.0.0.5'), { bindHost: '10.0.0.5', token: undefined })).toBe(true)
    expect(canScrapeMetrics(from('10.0.0.5'), { bindHost: '0.0.0.0', token: undefined, machineAddresses: ['10.0.0.5', 'fe80::1'] })).toBe(true)
    expect(canScrapeMetrics(from('10.0.0.6'), { bindHost: '0.0.0.0', token: undefined, machineAddresses: ['10.0.0.5'] })).toBe(false)
  })

  it('lets in anyone with the token, and nobody with a wrong one', () => {
    expect(canScrapeMetrics(from('203.0.113.9, 10.0.0.1', `Bearer ${TOKEN}`), policy)).toBe(true)
    expect(canScrapeMetrics(from('198.51.100.7', `Bearer ${TOKEN}x`), policy)).toBe(false)
    expect(canScrapeMetrics(from('198.51.100.7', TOKEN), policy)).toBe(false)
    expect(canScrapeMetrics(from('198.51.100.7', 'Bearer '), { ...policy, token: undefined })).toBe(false)
  })
})
