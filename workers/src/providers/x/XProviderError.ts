import type { SocialFailure, SocialFailureCategory } from '../SocialProvider'

export type XProviderErrorCode =
  | 'X_RATE_LIMITED'
  | 'X_AUTH_FAILED'
  | 'X_DUPLICATE_CONTENT'
  | 'X_REJECTED'
  | 'X_UNAVAILABLE'
  | 'X_TIMEOUT'
  | 'X_NETWORK'
  | 'X_TEXT_TOO_LONG'
  | 'X_MEDIA_UNREADABLE'
  | 'X_MEDIA_UNSUPPORTED'

/** Which call failed: only a failure of the post itself can have published anything. */
export type XRequestStage = 'upload' | 'alt-text' | 'post' | 'read'

export interface XProviderErrorOptions {
  code: XProviderErrorCode
  message: string
  stage: XRequestStage | null
  /**
   * True when the post request may have reached X and its result is not known (timeout or dropped connection
   * after sending, or a server error on the post). Never retry such a post blindly: look it up on the account.
   */
  isOutcomeUnknown?: boolean
  /** When X accepts posts again (429). */
  resetAt?: Date
  httpStatus?: number
  cause?: unknown
}

export class XProviderError extends Error implements SocialFailure {
  override readonly name = 'XProviderError'
  readonly code: XProviderErrorCode
  readonly stage: XRequestStage | null
  readonly isOutcomeUnknown: boolean
  readonly resetAt: Date | undefined
  readonly httpStatus: number | undefined

  constructor(options: XProviderErrorOptions) {
    super(options.message, { cause: options.cause })
    this.code = options.code
    this.stage = options.stage
    this.isOutcomeUnknown = options.isOutcomeUnknown ?? false
    this.resetAt = options.resetAt
    this.httpStatus = options.httpStatus
  }

  get category(): SocialFailureCategory {
    return CATEGORY[this.code]
  }
}

const CATEGORY: Record<XProviderErrorCode, SocialFailureCategory> = {
  X_RATE_LIMITED: 'rate-limited',
  X_AUTH_FAILED: 'auth',
  X_DUPLICATE_CONTENT: 'duplicate',
  X_UNAVAILABLE: 'unavailable',
  X_TIMEOUT: 'unavailable',
  X_NETWORK: 'unavailable',
  X_REJECTED: 'rejected',
  X_TEXT_TOO_LONG: 'rejected',
  X_MEDIA_UNREADABLE: 'rejected',
  X_MEDIA_UNSUPPORTED: 'rejected',
}
