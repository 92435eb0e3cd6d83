import type { SocialFailureCategory } from '../SocialProvider'
import { SocialProviderError, type SocialProviderErrorOptions } from '../SocialProviderError'

/** The three networks behind one Meta app: a Facebook Page, an Instagram professional account, a Threads profile. */
export type MetaNetwork = 'facebook' | 'instagram' | 'threads'

/**
 * Which call failed. 'container' prepares an Instagram or Threads post and publishes nothing by itself; only
 * 'post' (Facebook photos/feed, Instagram media_publish, Threads threads_publish) can have made a public post.
 */
export type MetaRequestStage = 'read' | 'container' | 'post' | 'delete'

/** What went wrong, whichever network; the error's code is `<NETWORK>_<KIND>` (FACEBOOK_DUPLICATE…). */
const KIND_CATEGORY = {
  RATE_LIMITED: 'rate-limited',
  PUBLISHING_LIMIT: 'rate-limited',
  TOKEN_EXPIRED: 'auth',
  AUTH_FAILED: 'auth',
  PERMISSION_DENIED: 'auth',
  DUPLICATE: 'duplicate',
  UNAVAILABLE: 'unavailable',
  TIMEOUT: 'unavailable',
  NETWORK: 'unavailable',
  IMAGE_NOT_FETCHED: 'unavailable',
  CONTAINER_NOT_READY: 'unavailable',
  CONTAINER_FAILED: 'rejected',
  REJECTED: 'rejected',
  TEXT_TOO_LONG: 'rejected',
  IMAGE_REQUIRED: 'rejected',
  IMAGE_UNREADABLE: 'rejected',
} as const satisfies Record<string, SocialFailureCategory>

export type MetaFailureKind = keyof typeof KIND_CATEGORY
export type MetaProviderErrorCode = `${Uppercase<MetaNetwork>}_${MetaFailureKind}`

const CATEGORY = Object.fromEntries(
  (['FACEBOOK', 'INSTAGRAM', 'THREADS'] as const).flatMap((network) =>
    Object.entries(KIND_CATEGORY).map(([kind, category]) => [`${network}_${kind}`, category]),
  ),
) as Record<MetaProviderErrorCode, SocialFailureCategory>

export class MetaProviderError extends SocialProviderError<MetaProviderErrorCode, MetaRequestStage> {
  override readonly name = 'MetaProviderError'

  constructor(options: SocialProviderErrorOptions<MetaProviderErrorCode, MetaRequestStage>) {
    super(options, CATEGORY)
  }
}

/** The error code of `kind` on `network`. */
export const metaCode = (network: MetaNetwork, kind: MetaFailureKind): MetaProviderErrorCode =>
  `${network.toUpperCase() as Uppercase<MetaNetwork>}_${kind}`

/** How a message names each network, and the variable that holds its token. */
export const META_NAME: Record<MetaNetwork, string> = { facebook: 'Facebook', instagram: 'Instagram', threads: 'Threads' }
export const META_TOKEN_VARIABLE: Record<MetaNetwork, string> = {
  facebook: 'FACEBOOK_PAGE_ACCESS_TOKEN',
  instagram: 'INSTAGRAM_ACCESS_TOKEN',
  threads: 'THREADS_ACCESS_TOKEN',
}
/** The permissions a token needs to post and to read the account back. */
export const META_SCOPES: Record<MetaNetwork, string> = {
  facebook: 'pages_manage_posts y pages_read_engagement',
  instagram: 'instagram_basic, instagram_content_publish y pages_read_engagement',
  threads: 'threads_basic y threads_content_publish',
}
