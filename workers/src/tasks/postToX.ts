import { postToNetwork, type PostOptions, type SocialOutcome } from './postToNetwork'
import type { TaskContext } from './TaskContext'

export type PostToXOutcome = SocialOutcome

/** Posts one approved bulletin version to the office's X account, at most once (see postToNetwork). */
export function postToX(ctx: TaskContext, distributionId: number | string, options: PostOptions = {}): Promise<PostToXOutcome> {
  return postToNetwork(ctx, 'x', distributionId, options)
}
