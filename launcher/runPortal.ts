/**
 * The portal's static file server, as a service of `npm start` (supervised: restarted if it dies). Stops when
 * told to or when the launcher disappears (the IPC channel closes).
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { startPortalServer } from '@pregon/site/publish'

const config = loadConfig()
const portal = await startPortalServer({ portalDir: config.portalDir, port: config.portal.port, host: config.bindHost })

let stopping = false
async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(0), 5_000).unref()
  await portal.close().catch(() => {})
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
process.on('disconnect', shutdown)
process.send?.({ type: 'ready', url: config.portal.url })
