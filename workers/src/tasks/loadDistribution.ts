import { CHANNEL_CATALOGUE } from '@pregon/core/channels'
import { poolOf, type Bulletin, type Distribution, type Media } from '@pregon/cms/worker'
import type { Payload } from 'payload'
import { versionHash } from '@pregon/core/versionHash'

export type DistributionTarget =
  | { kind: 'done'; distribution: Distribution }
  | { kind: 'interrupted'; distribution: Distribution }
  | { kind: 'gone'; distribution: Distribution; reason: string }
  | { kind: 'ready'; distribution: Distribution; bulletin: Bulletin; hero: Media | null; embargoUntil: Date | null }

const GONE = {
  unpublished: 'El boletín ya no está publicado; no se difundió.',
  changed: 'El boletín cambió después de aprobarse; esta versión ya no se difunde.',
}

/**
 * Workers take ids, re-read and re-check: the row may be finished already (a retried job), interrupted
 * by a crash mid-send, or the bulletin may have been unpublished or changed since it was approved.
 */
export async function loadDistribution(payload: Payload, distributionId: number | string): Promise<DistributionTarget> {
  const distribution = await payload.findByID({ collection: 'distributions', id: distributionId, depth: 0 })
  if (['sent', 'failed', 'skipped'].includes(distribution.status)) return { kind: 'done', distribution }
  if (distribution.status === 'sending') return { kind: 'interrupted', distribution }

  const bulletinId = idOf(distribution.bulletin)!
  // Only the published version is ever sent (read as the system: the post needs internal fields, e.g. xText).
  const found = await payload.find({
    collection: 'bulletins',
    where: { and: [{ id: { equals: bulletinId } }, { _status: { equals: 'published' } }] },
    depth: 1,
    limit: 1,
  })
  const bulletin = found.docs[0] ?? (CHANNEL_CATALOGUE[distribution.channel].isBeforeEmbargo ? await embargoedVersion(payload, bulletinId, distribution) : undefined)
  if (!bulletin) return { kind: 'gone', distribution, reason: GONE.unpublished }
  if (versionHash(bulletin) !== distribution.versionHash) return { kind: 'gone', distribution, reason: GONE.changed }
  const hero = bulletin.heroImage && typeof bulletin.heroImage === 'object' ? (bulletin.heroImage as Media) : null
  const embargoUntil = found.docs[0] ? null : new Date(bulletin.embargoUntil!)
  return { kind: 'ready', distribution, bulletin, hero, embargoUntil }
}

/** A published bulletin as the social posts of one publication read it: its content, hash and main photo. */
interface Publication {
  bulletin: Bulletin
  hash: string
  hero: Media | null
}

/** Reads in flight or done, per database, by bulletin and the moment its row was last written; a handful is plenty. */
const publicationsOf = new WeakMap<Payload, Map<string, Promise<Publication | null>>>()
const KEPT_PUBLICATIONS = 32

/**
 * The published bulletin a social post goes out with, read once for all the networks of a publication: the
 * seven jobs a publication queues arrive together and share one read. Shared only while the bulletin's row is
 * unchanged (its `updated_at`, read first and cheaply): a withdrawal or a correction is a new write, hence a
 * new read, so nothing withdrawn or changed is posted from memory. Lean: the content at depth 0 (the hash
 * takes relations by id) and the main photo alone, not every relation populated.
 */
export async function loadPublishedForPost(payload: Payload, distribution: Distribution): Promise<DistributionTarget> {
  const bulletinId = Number(idOf(distribution.bulletin))
  const { rows } = await poolOf(payload).query<{ stamp: string }>(
    `SELECT updated_at::text AS stamp FROM bulletins WHERE id = $1 AND _status = 'published'`,
    [bulletinId],
  )
  if (!rows[0]) return { kind: 'gone', distribution, reason: GONE.unpublished }
  const key = `${bulletinId}@${rows[0].stamp}`
  let publications = publicationsOf.get(payload)
  if (!publications) publicationsOf.set(payload, (publications = new Map()))
  let read = publications.get(key)
  if (!read) {
    read = readPublication(payload, bulletinId)
    publications.set(key, read)
    read.catch(() => publications!.delete(key))
    while (publications.size > KEPT_PUBLICATIONS) publications.delete(publications.keys().next().value!)
  }
  const publication = await read
  if (!publication) return { kind: 'gone', distribution, reason: GONE.unpublished }
  if (publication.hash !== distribution.versionHash) return { kind: 'gone', distribution, reason: GONE.changed }
  return { kind: 'ready', distribution, bulletin: publication.bulletin, hero: publication.hero, embargoUntil: null }
}

async function readPublication(payload: Payload, bulletinId: number): Promise<Publication | null> {
  const found = await payload.find({
    collection: 'bulletins',
    where: { and: [{ id: { equals: bulletinId } }, { _status: { equals: 'published' } }] },
    depth: 0,
    limit: 1,
    pagination: false,
  })
  const bulletin = found.docs[0]
  if (!bulletin) return null
  const heroId = idOf(bulletin.heroImage)
  const hero = heroId === null || heroId === undefined ? null : ((await payload.findByID({ collection: 'media', id: heroId as number, depth: 0, disableErrors: true })) as Media | null)
  return { bulletin, hash: versionHash(bulletin), hero }
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

const idOf = (value: unknown): number | string | null | undefined =>
  value && typeof value === 'object' ? (value as { id: number | string }).id : (value as number | string | null | undefined)
