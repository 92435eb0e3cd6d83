import type { SocialFailureCategory } from '../SocialProvider'
import { SocialProviderError, type SocialProviderErrorOptions } from '../SocialProviderError'

export type MastodonProviderErrorCode =
  | 'MASTODON_RATE_LIMITED'
  | 'MASTODON_AUTH_FAILED'
  | 'MASTODON_REJECTED'
  | 'MASTODON_UNAVAILABLE'
  | 'MASTODON_TIMEOUT'
  | 'MASTODON_NETWORK'
  | 'MASTODON_TEXT_TOO_LONG'
  | 'MASTODON_MEDIA_UNREADABLE'

export type MastodonRequestStage = 'upload' | 'post' | 'read' | 'delete'

const CATEGORY: Record<MastodonProviderErrorCode, SocialFailureCategory> = {
  MASTODON_RATE_LIMITED: 'rate-limited',
  MASTODON_AUTH_FAILED: 'auth',
  MASTODON_REJECTED: 'rejected',
  MASTODON_UNAVAILABLE: 'unavailable',
  MASTODON_TIMEOUT: 'unavailable',
  MASTODON_NETWORK: 'unavailable',
  MASTODON_TEXT_TOO_LONG: 'rejected',
  MASTODON_MEDIA_UNREADABLE: 'rejected',
}

export class MastodonProviderError extends SocialProviderError<MastodonProviderErrorCode, MastodonRequestStage> {
  override readonly name = 'MastodonProviderError'

  constructor(options: SocialProviderErrorOptions<MastodonProviderErrorCode, MastodonRequestStage>) {
    super(options, CATEGORY)
  }
}
