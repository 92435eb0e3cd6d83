import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextStaticAssets } from '@pregon/cms/http/nextStaticAssets'
import { precompressAssets } from '../../../launcher/precompressAssets'

let dir: string
let server: http.Server
let base: string
const script = `export const greeting = ${JSON.stringify('¡Hola, prensa! '.repeat(400))};\n`

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-static-'))
  await fs.mkdir(path.join(dir, 'static', 'chunks'), { recursive: true })
  await fs.writeFile(path.join(dir, 'static', 'chunks', 'main-abc123.js'), script)
  await fs.writeFile(path.join(dir, 'static', 'chunks', 'tiny.js'), 'export {}\n')
  await fs.writeFile(path.join(dir, 'secret.txt'), 'not an asset')
  const report = await precompressAssets(path.join(dir, 'static'))
  expect(report).toMatchObject({ files: 1, bytes: Buffer.byteLength(script) })
  const serve = nextStaticAssets(path.join(dir, 'static'))
  server = http.createServer((req, res) => serve(req, res, () => res.writeHead(418).end('next')))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

/** A raw GET (fetch would decompress and hide which encoding came). */
function get(url: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${url}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

describe('the admin build assets', () => {
  it('go out as the Brotli file written after the build, cached for good, with the security headers', async () => {
    const reply = await get('/_next/static/chunks/main-abc123.js?dpl=x', 'gzip, deflate, br')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-encoding']).toBe('br')
    expect(reply.headers['cache-control']).toContain('immutable')
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
    expect(reply.body.length).toBeLessThan(Buffer.byteLength(script) / 10)
    expect(zlib.brotliDecompressSync(reply.body).toString()).toBe(script)
  })

  it('go out gzipped to a browser without Brotli, and as they are when too small to compress', async () => {
    const gz = await get('/_next/static/chunks/main-abc123.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script)
    const tiny = await get('/_next/static/chunks/tiny.js', 'br')
    expect([tiny.status, tiny.headers['content-encoding'], tiny.body.toString()]).toEqual([200, undefined, 'export {}\n'])
  })

  it('leave everything else to Next.js, and never serve a file outside the build', async () => {
    expect((await get('/admin', 'br')).body.toString()).toBe('next')
    expect((await get('/_next/static/chunks/missing.js', 'br')).body.toString()).toBe('next')
    for (const url of ['/_next/static/../secret.txt', '/_next/static/%2e%2e/secret.txt', '/_next/static/..%2fsecret.txt']) {
      expect((await get(url, 'br')).body.toString(), url).not.toContain('not an asset')
    }
  })
})
