import type { SocialFailureCategory } from '../SocialProvider'
import { SocialProviderError, type SocialProviderErrorOptions } from '../SocialProviderError'

export type BlueskyProviderErrorCode =
  | 'BLUESKY_RATE_LIMITED'
  | 'BLUESKY_AUTH_FAILED'
  | 'BLUESKY_RECORD_EXISTS'
  | 'BLUESKY_REJECTED'
  | 'BLUESKY_UNAVAILABLE'
  | 'BLUESKY_TIMEOUT'
  | 'BLUESKY_NETWORK'
  | 'BLUESKY_TEXT_TOO_LONG'
  | 'BLUESKY_IMAGE_TOO_LARGE'
  | 'BLUESKY_MEDIA_UNREADABLE'
  | 'BLUESKY_POST_KEY_MISSING'

/** Which call failed: only a failure of createRecord can have published anything. */
export type BlueskyRequestStage = 'login' | 'upload' | 'post' | 'read' | 'delete'

const CATEGORY: Record<BlueskyProviderErrorCode, SocialFailureCategory> = {
  BLUESKY_RATE_LIMITED: 'rate-limited',
  BLUESKY_AUTH_FAILED: 'auth',
  // The post's record key is taken: an earlier attempt made it. The task looks it up by that key.
  BLUESKY_RECORD_EXISTS: 'duplicate',
  BLUESKY_REJECTED: 'rejected',
  BLUESKY_UNAVAILABLE: 'unavailable',
  BLUESKY_TIMEOUT: 'unavailable',
  BLUESKY_NETWORK: 'unavailable',
  BLUESKY_TEXT_TOO_LONG: 'rejected',
  BLUESKY_IMAGE_TOO_LARGE: 'rejected',
  BLUESKY_MEDIA_UNREADABLE: 'rejected',
  BLUESKY_POST_KEY_MISSING: 'rejected',
}

export class BlueskyProviderError extends SocialProviderError<BlueskyProviderErrorCode, BlueskyRequestStage> {
  override readonly name = 'BlueskyProviderError'

  constructor(options: SocialProviderErrorOptions<BlueskyProviderErrorCode, BlueskyRequestStage>) {
    super(options, CATEGORY)
  }
}
