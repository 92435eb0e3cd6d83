/**
 * Serves the production build of the Payload admin and API (Next.js) on CMS_PORT.
 * A custom server rather than `next start` so that it stops when `npm start` goes away, even after kill -9.
 */
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import next from 'next'
import { loadConfig } from '@pregon/core/loadConfig'
import { nextStaticAssets } from '../http/nextStaticAssets'
import { API_POLICY, COMMON_HEADERS } from '../http/securityHeaders'
import { HEALTH_PATH, healthReply } from '../ops/health'

const config = loadConfig()
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const app = next({ dev: false, dir, hostname: config.bindHost, port: config.cms.port })
const handle = app.getRequestHandler()
await app.prepare()
const staticAssets = nextStaticAssets(path.join(dir, '.next', 'static'))

const server = http.createServer((req, res) => {
  // Liveness is answered here, before Next and Payload: it must not wait for PostgreSQL (Payload reads the
  // database to sign in a request carrying a session cookie, and to start at all).
  if (req.url?.split('?')[0] === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
    const headers = Object.fromEntries(COMMON_HEADERS.map(({ key, value }) => [key, value]))
    res.writeHead(200, { ...headers, 'Content-Security-Policy': API_POLICY, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(healthReply('admin')))
    return
  }
  // Login throttling reads the client from X-Forwarded-For (cms/auth/clientAddress.ts, TRUST_PROXY); Next keeps
  // what a client sent, so the socket's own address is appended, as a proxy would.
  req.headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].flat().filter(Boolean).join(', ')
  staticAssets(req, res, () => {
    handle(req, res).catch((error: unknown) => {
      console.error('[admin] request failed', error)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
})
server.listen(config.cms.port, config.bindHost, () => {
  process.send?.({ type: 'ready', url: config.cms.url })
})

let stopping = false
function shutdown(): void {
  if (stopping) return
  stopping = true
  server.close(() => process.exit(0))
  server.closeAllConnections()
  setTimeout(() => process.exit(0), 5_000).unref()
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
process.on('disconnect', shutdown)
