import type { SocialFailure, SocialFailureCategory } from '../SocialProvider'

export type MastodonProviderErrorCode =
  | 'MASTODON_RATE_LIMITED'
  | 'MASTODON_AUTH_FAILED'
  | 'MASTODON_REJECTED'
  | 'MASTODON_UNAVAILABLE'
  | 'MASTODON_TIMEOUT'
  | 'MASTODON_NETWORK'
  | 'MASTODON_TEXT_TOO_LONG'
  | 'MASTODON_MEDIA_UNREADABLE'

export type MastodonRequestStage = 'upload' | 'post' | 'read'

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

export class MastodonProviderError extends Error implements SocialFailure {
  override readonly name = 'MastodonProviderError'
  readonly code: MastodonProviderErrorCode
  readonly stage: MastodonRequestStage | null
  readonly isOutcomeUnknown: boolean
  readonly resetAt: Date | undefined
  readonly httpStatus: number | undefined

  constructor(options: {
    code: MastodonProviderErrorCode
    message: string
    stage: MastodonRequestStage | null
    isOutcomeUnknown?: boolean
    resetAt?: Date
    httpStatus?: number
    cause?: unknown
  }) {
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
