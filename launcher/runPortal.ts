/**
 * The portal's static file server, as a service of `npm start` (supervised: restarted if it dies). Stops when
 * told to or when the launcher disappears (the IPC channel closes).
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { startPortalServer } from '@pregon/site/publish'
import { stopWhenTold } from './stopWhenTold'

const config = loadConfig()
const portal = await startPortalServer({ portalDir: config.portalDir, port: config.portal.port, host: config.bindHost })

stopWhenTold(() => portal.close())
process.send?.({ type: 'ready', url: config.portal.url })
