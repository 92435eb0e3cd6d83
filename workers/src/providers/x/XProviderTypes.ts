import type { SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'

// Kept apart from XProvider.ts so that createLiveXProvider.ts can use these types without importing the
// factory that imports it back.

export type XPostInput = SocialPostInput
export type XPostResult = SocialPostResult

/** The seam between the postToX task and X: a live provider, or a dry run when no credentials are set. */
export interface XProvider extends SocialProvider {
  readonly channel: 'x'
}
