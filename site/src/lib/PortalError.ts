export type PortalErrorCode = 'PORTAL_CONTENT_MISSING' | 'PORTAL_CONTENT_INVALID' | 'PORTAL_BUILD_FAILED' | 'PORTAL_MEDIA_FAILED'

/** An error with a stable `code`: callers and tests branch on the code, never on the prose. */
export class PortalError extends Error {
  readonly code: PortalErrorCode

  constructor(code: PortalErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options)
    this.name = 'PortalError'
    this.code = code
  }
}
