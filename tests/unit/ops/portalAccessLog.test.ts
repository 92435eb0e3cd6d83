import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPortalServer, type PortalServer } from '@pregon/site/publish'
import { classifyRequest, parseLogLine } from '@pregon/workers/stats/readAccessLog'

let server: PortalServer | undefined
let work: string | undefined
afterEach(async () => {
  await server?.close()
  if (work) await fs.rm(work, { recursive: true, force: true })
})

describe('the portal server’s access log', () => {
  it('writes each request in the combined format with a visitor token instead of the address, one visitor per browser', async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-access-'))
    const portalDir = path.join(work, 'portal')
    const logs = path.join(work, 'logs')
    await fs.mkdir(path.join(portalDir, 'builds', 'b1', 'boletines', 'corte-de-agua'), { recursive: true })
    await fs.writeFile(path.join(portalDir, 'builds', 'b1', 'index.html'), '<!doctype html><title>Portal</title>')
    await fs.writeFile(path.join(portalDir, 'builds', 'b1', 'boletines', 'corte-de-agua', 'index.html'), '<!doctype html><title>Corte</title>')
    await fs.symlink(path.join('builds', 'b1'), path.join(portalDir, 'current'))
    server = await startPortalServer({ portalDir, port: 0, accessLogDir: logs })
    const phone = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36', referer: 'https://www.facebook.com/' }
    const desk = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0' }
    expect((await fetch(`${server.url}/boletines/corte-de-agua/?utm_source=facebook`, { headers: phone })).status).toBe(200)
    expect((await fetch(`${server.url}/`, { headers: phone })).status).toBe(200)
    expect((await fetch(`${server.url}/`, { headers: desk })).status).toBe(200)
    expect((await fetch(`${server.url}/no-existe/`, { headers: desk })).status).toBe(404)
    await server.close()
    server = undefined

    const [file] = await fs.readdir(logs)
    expect(file).toMatch(/^portal-access-\d{4}-\d{2}-\d{2}\.log$/)
    const text = await fs.readFile(path.join(logs, file!), 'utf8')
    expect(text).not.toContain('127.0.0.1')
    const lines = text.trim().split('\n').map((line) => parseLogLine(line)!)
    expect(lines.map((r) => [r.path, r.status, r.address])).toEqual([
      ['/boletines/corte-de-agua/', 200, null],
      ['/', 200, null],
      ['/', 200, null],
      ['/no-existe/', 404, null],
    ])
    expect(lines[0]!.referrer).toBe('https://www.facebook.com/')
    expect(lines.map((r) => classifyRequest(r).kind)).toEqual(['page', 'page', 'page', 'ignored'])
    const tokens = lines.map((r) => r.visitorToken)
    expect(tokens.every((token) => /^v:[0-9a-f]{16}$/.test(token ?? ''))).toBe(true)
    // The same browser is one visitor; another browser on the same address is another.
    expect(tokens[0]).toBe(tokens[1])
    expect(tokens[2]).not.toBe(tokens[1])
  })
})
