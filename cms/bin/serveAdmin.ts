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
// A port taken after start-up's check (by another program, in the minutes the admin compiled): say so and exit,
// so the supervisor hears it now instead of waiting for a ready message that never comes.
server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `[admin] El puerto ${config.cms.port} (CMS_PORT) ya está en uso por otro programa: deténgalo o elija otro puerto con CMS_PORT.`
      : `[admin] No se pudo abrir el puerto ${config.cms.port}: ${error.message}`,
  )
  process.exit(1)
})
server.listen(config.cms.port, config.bindHost, () => {
  void warmUp().finally(() => process.send?.({ type: 'ready', url: config.cms.url }))
})

/**
 * Payload starts on the first request that needs it (it connects and loads its config: seconds on a busy
 * machine). That request is made here, before the admin says it is ready, so the first person or probe after
 * «Pregón está listo» does not wait for it. Bounded: with PostgreSQL down the answer is an error, and the admin
 * is ready all the same (its readiness then says what is missing).
 */
async function warmUp(): Promise<void> {
  const host = ['0.0.0.0', '::', ''].includes(config.bindHost) ? '127.0.0.1' : config.bindHost
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${config.cms.port}`
  await fetch(`${origin}/api/ready`, { signal: AbortSignal.timeout(20_000) })
    .then((response) => response.arrayBuffer())
    .catch(() => {})
}

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
