/**
 * The portal's static file server, as a service of `npm start` (supervised: restarted if it dies). Stops when
 * told to or when the launcher disappears (the IPC channel closes).
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { createPortalPreviewRoute } from '@pregon/site/preview'
import { startPortalServer } from '@pregon/site/publish'
import { toPortalPreview } from '@pregon/workers/portal/exportPortalContent'
import { stopWhenTold } from './stopWhenTold'

const config = loadConfig()
// The CMS's staff-only page previews: signed with PAYLOAD_SECRET, rendered by the portal's own templates.
const preview = config.payloadSecret ? createPortalPreviewRoute({ secret: config.payloadSecret, toPreview: toPortalPreview }) : undefined
// The subscription form posts to the CMS (another origin in production: CMS_URL).
const portal = await startPortalServer({ portalDir: config.portalDir, port: config.portal.port, host: config.bindHost, preview, formOrigins: [new URL(config.cms.url).origin], accessLogDir: config.accessLogs.dir })

stopWhenTold(() => portal.close())
process.send?.({ type: 'ready', url: config.portal.url })
