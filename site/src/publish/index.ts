export { buildPortal, type BuildPortalOptions, type BuildPortalResult } from './buildPortal'
export { publishPortal, type PublishPortalOptions, type PublishPortalResult } from './publishPortal'
export { startPortalServer, type PortalServer, type StartPortalServerOptions } from './startPortalServer'
export { PortalError, type PortalErrorCode } from '../lib/PortalError'
