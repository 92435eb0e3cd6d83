import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { waitUntilReady } from '../../../launcher/waitUntilReady'

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** A stand-in /api/ready: answers each request with the next status of the list (the last one repeats). */
async function readiness(statuses: number[]): Promise<{ url: string; requests: () => number }> {
  let requests = 0
  server = http.createServer((_req, res) => {
    const status = statuses[Math.min(requests++, statuses.length - 1)]!
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(status === 200 ? { status: 'ready', problems: [] } : { status: 'not-ready', problems: [{ code: 'PORTAL_NOT_BUILT', message: 'El portal público no está generado todavía.' }] }))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ready`, requests: () => requests }
}

describe('waitUntilReady', () => {
  it('waits through 503s until the first 200', async () => {
    const ready = await readiness([503, 503, 503, 200])
    const progress: string[][] = []
    const result = await waitUntilReady({ url: ready.url, timeoutMs: 10_000, intervalMs: 10, progressEveryMs: 0, onProgress: (p) => progress.push(p) })
    expect(result).toEqual({ isReady: true, problems: [] })
    expect(ready.requests()).toBe(4)
    expect(progress[0]).toEqual(['El portal público no está generado todavía.'])
  })

  it('gives up at the bound with the last problems, in Spanish', async () => {
    const ready = await readiness([503])
    const result = await waitUntilReady({ url: ready.url, timeoutMs: 200, intervalMs: 20 })
    expect(result).toEqual({ isReady: false, problems: ['El portal público no está generado todavía.'] })
    expect(ready.requests()).toBeGreaterThan(2)
  })

  it('says when the admin does not answer at all', async () => {
    const ready = await readiness([200])
    const url = ready.url
    await new Promise<void>((resolve) => server!.close(() => resolve()))
    server = undefined
    const result = await waitUntilReady({ url, timeoutMs: 100, intervalMs: 20 })
    expect(result.isReady).toBe(false)
    expect(result.problems[0]).toMatch(/^La administración no responde en http:\/\/127\.0\.0\.1:\d+\/api\/ready/)
  })
})
