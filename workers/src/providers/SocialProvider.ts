import type { SocialChannel } from '@pregon/core/channels'

/**
 * What the social posting task needs from a network, whichever it is (X, Mastodon). Providers throw errors
 * that satisfy `SocialFailure`, so the task decides the same way for every network.
 */
export interface SocialImage {
  /** The local file of the crop this network takes (catalogue `crop`: 16:9, Open Graph, 4:5…). */
  path: string
  mimeType: string
  alt: string
  /**
   * The same file's public address on the portal (`<SITE_URL>/media/<file>`): Instagram and Threads fetch the
   * image from a URL. The portal publishes it with the bulletin; a network that cannot fetch it yet answers
   * with an error the provider maps to 'unavailable' (tried again shortly).
   */
  url?: string
}

/** What a link card shows (Bluesky's external embed, Telegram's link preview): the bulletin's own words. */
export interface LinkCard {
  url: string
  title: string
  description: string
  /** The Open Graph crop (1200 × 630), for the card's thumbnail. */
  thumbnail?: SocialImage
}

export interface SocialPostInput {
  text: string
  /** The bulletin's link in `text`: counted as the network's link weight whatever its host (see core/composePostText). */
  link?: string
  image?: SocialImage
  /** The bulletin's link card, for networks that show one instead of (or besides) a photo. */
  card?: LinkCard
  /** Stable per distribution: a network that honours it (Mastodon) creates one post however often it is sent. */
  idempotencyKey?: string
  /**
   * Made once per distribution by the provider's `makePostKey` before the first attempt, stored on the row,
   * and given again on every retry (Bluesky's record key: a second create with it cannot make a second post).
   */
  postKey?: string
}

/** What the network said about its limits after a post. */
export interface RateLimitInfo {
  remaining: number
  resetAt: Date
}

export type SocialPostResult =
  | {
      kind: 'posted'
      id: string
      url: string
      rateLimit?: RateLimitInfo | null
      /** Bluesky: the record's content hash, which a reply must name with its uri (kept on the row). */
      cid?: string
    }
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
   * Looks among the account's recent posts for one linking to `link`, or for the record `postKey` names (to
   * settle a post whose outcome is unknown). null: not there. Throws a SocialFailure when the account cannot be
   * read. Absent when the network does not let the account read its own posts (a Telegram bot cannot read
   * its channel): an unknown outcome is then flagged for a person at once.
   */
  findRecentPost?(link: string, options?: { postKey?: string }): Promise<FoundPost | null>
  /** Whether re-sending with the same idempotency or post key is safe now (the network would not post twice). */
  canResendSafely?(firstAttemptAt: Date): boolean
  /** A key for `postKey`, made once per distribution (see SocialPostInput). */
  makePostKey?(): string
  /**
   * «Probar conexión»: reads the account without posting and says whose it is and, when the network tells,
   * when its token expires. Throws a SocialFailure ('auth' when the credentials are refused).
   */
  checkConnection?(): Promise<ConnectionCheck>
  /**
   * Answers one of the account's posts (a correction note, a withdrawal notice). Absent where the network lets
   * no account answer: the task records it as not available there. Same errors and keys as `post`.
   */
  reply?(input: SocialReplyInput): Promise<SocialPostResult>
  /**
   * Deletes one of the account's posts. A post already gone counts as deleted (a retry after a lost answer
   * must not fail). Absent where the API cannot delete (Instagram): the task answers instead.
   */
  deletePost?(postId: string): Promise<void>
}

export interface SocialReplyInput {
  /** The network's id of the post answered (the original's `remoteId`). */
  toPostId: string
  /** Bluesky: the original's content hash, when the row kept it (read back from the account otherwise). */
  toPostCid?: string | null
  text: string
  /** As for a post: the item's link in `text`, counted as the network counts links. */
  link?: string
  idempotencyKey?: string
  postKey?: string
}

export interface ConnectionCheck {
  /** How the network names the account: «@municipio», «Municipio de Santa Lucía (página)». */
  account: string
  /** When the token stops working, when the network says (Meta page tokens); null: does not expire or unknown. */
  expiresAt: Date | null
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
