import { CHANNEL_CATALOGUE } from '@pregon/core/channels'
import type { Bulletin, Distribution, Media } from '@pregon/cms/worker'
import type { Payload } from 'payload'
import { versionHash } from '@pregon/core/versionHash'

export type DistributionTarget =
  | { kind: 'done'; distribution: Distribution }
  | { kind: 'interrupted'; distribution: Distribution }
  | { kind: 'gone'; distribution: Distribution; reason: string }
  | { kind: 'ready'; distribution: Distribution; bulletin: Bulletin; hero: Media | null; embargoUntil: Date | null }

/**
 * Workers take ids, re-read and re-check: the row may be finished already (a retried job), interrupted
 * by a crash mid-send, or the bulletin may have been unpublished or changed since it was approved.
 */
export async function loadDistribution(payload: Payload, distributionId: number | string): Promise<DistributionTarget> {
  const distribution = await payload.findByID({ collection: 'distributions', id: distributionId, depth: 0 })
  if (['sent', 'failed', 'skipped'].includes(distribution.status)) return { kind: 'done', distribution }
  if (distribution.status === 'sending') return { kind: 'interrupted', distribution }

  const bulletinId = typeof distribution.bulletin === 'object' ? distribution.bulletin.id : distribution.bulletin
  // Only the published version is ever sent (read as the system: the post needs internal fields, e.g. xText).
  const found = await payload.find({
    collection: 'bulletins',
    where: { and: [{ id: { equals: bulletinId } }, { _status: { equals: 'published' } }] },
    depth: 1,
    limit: 1,
  })
  const bulletin = found.docs[0] ?? (CHANNEL_CATALOGUE[distribution.channel].isBeforeEmbargo ? await embargoedVersion(payload, bulletinId, distribution) : undefined)
  if (!bulletin) return { kind: 'gone', distribution, reason: 'El boletín ya no está publicado; no se difundió.' }
  if (versionHash(bulletin) !== distribution.versionHash) {
    return { kind: 'gone', distribution, reason: 'El boletín cambió después de aprobarse; esta versión ya no se difunde.' }
  }
  const hero = bulletin.heroImage && typeof bulletin.heroImage === 'object' ? (bulletin.heroImage as Media) : null
  const embargoUntil = found.docs[0] ? null : new Date(bulletin.embargoUntil!)
  return { kind: 'ready', distribution, bulletin, hero, embargoUntil }
}

/**
 * Journalists may get a bulletin before the public, under embargo: the version approved for it, read as
 * the system, and only while the embargo still holds (after the lift it must be public, or it is gone).
 */
async function embargoedVersion(payload: Payload, bulletinId: number | string, distribution: Distribution): Promise<Bulletin | undefined> {
  const working = await payload.findByID({ collection: 'bulletins', id: bulletinId, draft: true, depth: 1, disableErrors: true })
  if (!working?.embargoUntil || new Date(working.embargoUntil) <= new Date()) return undefined
  const isApprovedVersion = working.approval?.hash === distribution.versionHash && ['scheduled', 'approved'].includes(working.workflowState ?? '')
  return isApprovedVersion ? working : undefined
}
