import type { SocialFailureCategory } from '../SocialProvider'
import { SocialProviderError, type SocialProviderErrorOptions } from '../SocialProviderError'

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
export type XRequestStage = 'upload' | 'alt-text' | 'post' | 'read' | 'delete'

export type XProviderErrorOptions = SocialProviderErrorOptions<XProviderErrorCode, XRequestStage>

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

export class XProviderError extends SocialProviderError<XProviderErrorCode, XRequestStage> {
  override readonly name = 'XProviderError'

  constructor(options: XProviderErrorOptions) {
    super(options, CATEGORY)
  }
}
