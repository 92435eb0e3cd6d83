import fs from 'node:fs/promises'
import path from 'node:path'
import { distributedItemOf } from '@pregon/core/distributedItem'
import { poolOf, type Distribution } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'
import { recordExpedienteEntry, sha256Hex } from './recordExpedienteEntry'

export interface SentPost {
  distribution: Distribution
  channel: string
  remoteId: string
  url: string | null | undefined
  /** The exact text sent; read from the row's `detail` when absent (a post found on the account after a lost answer). */
  text?: string | null
  /** The image file sent (its path on disk), when there was one; read from the row's `detail` when absent. */
  imagePath?: string | null
}

/**
 * Keeps a sent post in the expediente: the network's id and link, the exact text, and the SHA-256 of the image
 * file as it was on disk when it went out. Never throws: the post is out and its ledger row says so; a failure
 * to record it is logged as Pregón's error, and must not make the post look failed (and be sent again).
 */
export async function recordSocialPost(ctx: TaskContext, post: SentPost): Promise<void> {
  const { distribution, channel } = post
  try {
    const item = distributedItemOf(distribution)
    if (!item) return
    const detail = (distribution.detail ?? {}) as { text?: string; image?: { filename?: string } | null }
    const text = post.text ?? detail.text ?? null
    const imagePath = post.imagePath !== undefined ? post.imagePath : detail.image?.filename ? path.join(ctx.config.mediaDir, detail.image.filename) : null
    const imageSha256 = imagePath ? sha256Hex(await fs.readFile(imagePath)) : null
    await recordExpedienteEntry(poolOf(ctx.payload), {
      itemCollection: item.collection,
      itemId: item.id,
      kind: 'social-post',
      channel,
      account: distribution.account,
      distributionId: distribution.id,
      versionHash: distribution.versionHash ?? null,
      remoteId: post.remoteId,
      url: post.url ?? null,
      text,
      imageSha256,
    })
  } catch (error) {
    ctx.log.error({ err: error, distributionId: distribution.id, channel }, 'sent post not recorded in the expediente')
  }
}
