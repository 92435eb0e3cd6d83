import { postToNetwork, type PostOptions, type SocialOutcome } from './postToNetwork'
import type { TaskContext } from './TaskContext'

/** Posts one approved bulletin version to the office's Mastodon account, at most once (see postToNetwork). */
export function postToMastodon(ctx: TaskContext, distributionId: number | string, options: PostOptions = {}): Promise<SocialOutcome> {
  return postToNetwork(ctx, 'mastodon', distributionId, options)
}
