import path from 'node:path'
import { composeXText } from '../providers/x/composeXText'
import { XProviderError } from '../providers/x/XProvider'
import { bulletinUrl, loadDistribution } from './loadDistribution'
import type { TaskContext } from './TaskContext'

export type PostToXOutcome = 'sent' | 'dry-run' | 'already-done' | 'interrupted' | 'gone' | 'failed' | 'retry'

/**
 * Posts one approved bulletin version to X, at most once. The row is marked `sending` (committed) before
 * the request leaves; a job that finds it still `sending` cannot know whether X got the post, so it is
 * flagged for a person instead of being retried blindly.
 */
export async function postToX(ctx: TaskContext, distributionId: number | string): Promise<PostToXOutcome> {
  const { payload, x, config, log } = ctx
  const target = await loadDistribution(payload, distributionId)
  const update = (data: Record<string, unknown>) =>
    payload.update({ collection: 'distributions', id: distributionId, data })

  if (target.kind === 'done') return 'already-done'
  if (target.kind === 'interrupted') {
    await update({
      status: 'failed',
      completedAt: new Date().toISOString(),
      error:
        'El intento anterior se interrumpió mientras se publicaba: no se sabe si llegó a X. Revisa la cuenta y, si no aparece, vuelve a publicarlo a mano.',
    })
    log.warn({ distributionId }, 'x post outcome unknown after interruption')
    return 'interrupted'
  }
  if (target.kind === 'gone') {
    await update({ status: 'skipped', completedAt: new Date().toISOString(), error: target.reason })
    return 'gone'
  }

  const { bulletin, hero, distribution } = target
  const text = composeXText({ title: bulletin.title, url: bulletinUrl(config.portal.url, bulletin), customText: bulletin.xText })
  // X's own crop (1600 × 900 around the focal point), or the original for media stored before crops existed.
  const file = hero?.sizes?.x?.filename ? hero.sizes.x : hero
  const image =
    hero && file?.filename ? { path: path.join(config.mediaDir, file.filename), mimeType: file.mimeType ?? 'image/jpeg', alt: hero.alt } : undefined

  if (x.mode === 'dry-run') {
    await x.post({ text, ...(image ? { image } : {}) })
    await update({
      status: 'skipped',
      attempts: (distribution.attempts ?? 0) + 1,
      completedAt: new Date().toISOString(),
      detail: { dryRun: true, text, image: image ? { filename: path.basename(image.path), alt: image.alt } : null },
      error: null,
    })
    log.info({ distributionId, bulletinId: bulletin.id }, 'x dry run recorded')
    return 'dry-run'
  }

  await update({ status: 'sending', attempts: (distribution.attempts ?? 0) + 1, detail: { text } })
  try {
    const result = await x.post({ text, ...(image ? { image } : {}) })
    if (result.kind !== 'posted') throw new Error('A live X provider answered like a dry run')
    await update({ status: 'sent', remoteId: result.id, remoteUrl: result.url, completedAt: new Date().toISOString(), error: null })
    log.info({ distributionId, bulletinId: bulletin.id, remoteId: result.id }, 'posted to x')
    return 'sent'
  } catch (error) {
    const err = error instanceof XProviderError ? error : null
    const isRetryable = err !== null && !err.isOutcomeUnknown && ['X_RATE_LIMITED', 'X_UNAVAILABLE'].includes(err.code)
    if (isRetryable) {
      // Nothing was published: back to pending, and the queue retries with backoff.
      await update({ status: 'pending', error: err.message })
      throw error
    }
    await update({
      status: 'failed',
      completedAt: new Date().toISOString(),
      error: err?.message ?? `Error inesperado al publicar en X: ${(error as Error).message}`,
    })
    log.error({ distributionId, code: err?.code, err: error }, 'x post failed')
    return 'failed'
  }
}
