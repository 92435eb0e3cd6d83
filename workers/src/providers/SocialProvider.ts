import type { SocialChannel } from '@pregon/core/channels'

/**
 * What the social posting task needs from a network, whichever it is (X, Mastodon). Providers throw errors
 * that satisfy `SocialFailure`, so the task decides the same way for every network.
 */
export interface SocialImage {
  path: string
  mimeType: string
  alt: string
}

export interface SocialPostInput {
  text: string
  /** The bulletin's link in `text`: counted as the network's link weight whatever its host (see core/composePostText). */
  link?: string
  image?: SocialImage
  /** Stable per distribution: a network that honours it (Mastodon) creates one post however often it is sent. */
  idempotencyKey?: string
}

/** What the network said about its limits after a post. */
export interface RateLimitInfo {
  remaining: number
  resetAt: Date
}

export type SocialPostResult =
  | { kind: 'posted'; id: string; url: string; rateLimit?: RateLimitInfo | null }
  | { kind: 'dry-run'; text: string; image: { path: string; alt: string } | null }

export interface FoundPost {
  id: string
  url: string
}

export interface SocialProvider {
  readonly channel: SocialChannel
  readonly mode: 'live' | 'dry-run'
  post(input: SocialPostInput): Promise<SocialPostResult>
  /**
   * Looks among the account's recent posts for one linking to `link` (to settle a post whose outcome is
   * unknown). null: not there. Throws a SocialFailure when the account cannot be read.
   */
  findRecentPost(link: string): Promise<FoundPost | null>
  /** Whether re-sending with the same idempotency key is safe now (the network would not post twice). */
  canResendSafely?(firstAttemptAt: Date): boolean
}

/**
 * How the task treats a failure: 'rate-limited' waits for `resetAt`; 'auth' stops the account until someone
 * reconnects it; 'unavailable' is retried later; 'duplicate' and unknown outcomes are looked up on the
 * account; 'rejected' needs a person to change something.
 */
export type SocialFailureCategory = 'rate-limited' | 'auth' | 'unavailable' | 'duplicate' | 'rejected'

export interface SocialFailure extends Error {
  readonly code: string
  readonly category: SocialFailureCategory
  /** The post may have been made and its answer was lost: never post again without looking. */
  readonly isOutcomeUnknown: boolean
  readonly resetAt: Date | undefined
}

export function isSocialFailure(error: unknown): error is SocialFailure {
  return error instanceof Error && typeof (error as Partial<SocialFailure>).category === 'string' && typeof (error as Partial<SocialFailure>).code === 'string'
}
