import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startPortalServer, type PortalServer } from '@pregon/site/publish'

let server: PortalServer | undefined
let portalDir: string | undefined
afterEach(async () => {
  await server?.close()
  if (portalDir) await fs.rm(portalDir, { recursive: true, force: true })
})

describe('the portal server’s /healthz', () => {
  it('answers 503 while no build is live, then 200 with the build’s age', async () => {
    portalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-healthz-'))
    server = await startPortalServer({ portalDir, port: 0 })
    const before = await fetch(`${server.url}/healthz`)
    expect(before.status).toBe(503)
    expect(await before.json()).toEqual({ status: 'not-built', buildAgeSeconds: null })

    await fs.mkdir(path.join(portalDir, 'builds', 'b1'), { recursive: true })
    await fs.writeFile(path.join(portalDir, 'builds', 'b1', 'index.html'), '<!doctype html><title>Portal</title>')
    await fs.symlink(path.join('builds', 'b1'), path.join(portalDir, 'current'))
    const old = new Date(Date.now() - 300_000)
    await fs.writeFile(path.join(portalDir, 'live-content.json'), '{}')
    await fs.utimes(path.join(portalDir, 'live-content.json'), old, old)
    await fs.utimes(path.join(portalDir, 'builds', 'b1', 'index.html'), old, old)

    const after = await fetch(`${server.url}/healthz`)
    expect(after.status).toBe(200)
    expect(after.headers.get('cache-control')).toBe('no-store')
    const body = (await after.json()) as { status: string; buildAgeSeconds: number }
    expect(body.status).toBe('ok')
    expect(body.buildAgeSeconds).toBeGreaterThanOrEqual(299)
    expect(body.buildAgeSeconds).toBeLessThan(330)
  })
})
