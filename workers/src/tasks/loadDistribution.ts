import { CHANNEL_CATALOGUE } from '@pregon/core/channels'
import { distributedItemOf, itemNounAtStart, programPostTexts, type DistributedCollection } from '@pregon/core/distributedItem'
import { periodsFrom, poolOf, type Bulletin, type Distribution, type Media, type Program } from '@pregon/cms/worker'
import type { Payload, Where } from 'payload'
import { idOf, versionHash } from '@pregon/core/versionHash'
import { isExcepted, periodAt, type BlackoutSubject } from '@pregon/core/law/blackout'

/** The item a row sends, by kind: a bulletin (with its own texts per network) or a program (convocatoria). */
export type DistributedItem = { collection: 'bulletins'; item: Bulletin } | { collection: 'programs'; item: Program }

export type DistributionTarget =
  | { kind: 'done'; distribution: Distribution }
  | { kind: 'interrupted'; distribution: Distribution }
  | { kind: 'gone'; distribution: Distribution; reason: string }
  | ({ kind: 'ready'; distribution: Distribution; hero: Media | null; embargoUntil: Date | null } & DistributedItem)

/** A social post's target: also the words each network gets besides the title (custom texts by field name). */
export type PostTarget = Exclude<DistributionTarget, { kind: 'ready' }> | Extract<DistributionTarget, { kind: 'ready' }> & { postTexts: Readonly<Record<string, unknown>> }

const GONE = {
  unpublished: (collection: DistributedCollection) => `${itemNounAtStart(collection)} ya no está publicado; no se difundió.`,
  changed: (collection: DistributedCollection) => `${itemNounAtStart(collection)} cambió después de aprobarse; esta versión ya no se difunde.`,
  deleted: 'Lo que esta difusión enviaba ya no existe; no se difundió.',
  blackout: (collection: DistributedCollection, period: string) =>
    `Empezó el periodo de veda electoral «${period}» antes de que saliera: no se difundió. ${itemNounAtStart(collection)} no es una excepción de veda; si debe salir (salud, educación, protección civil o autoridad electoral), corrígelo con la excepción y su justificación y vuelve a aprobarlo.`,
}

/** Why an item that was fine to approve may not go out now: a veda began, and it is no exception. */
async function blackoutReason(payload: Payload, collection: DistributedCollection, item: BlackoutSubject): Promise<string | null> {
  if (isExcepted(item)) return null
  // Read at each send: a period that began after approval stops what had not left.
  const now = new Date()
  const period = periodAt(await periodsFrom(payload, now), now)
  return period ? GONE.blackout(collection, period.name) : null
}

/**
 * Workers take ids, re-read and re-check: the row may be finished already (a retried job), interrupted
 * by a crash mid-send, or the item may have been unpublished or changed since it was approved.
 */
export async function loadDistribution(payload: Payload, distributionId: number | string): Promise<DistributionTarget> {
  const distribution = await payload.findByID({ collection: 'distributions', id: distributionId, depth: 0 })
  if (['sent', 'failed', 'skipped'].includes(distribution.status)) return { kind: 'done', distribution }
  if (distribution.status === 'sending') return { kind: 'interrupted', distribution }

  const named = distributedItemOf(distribution)
  if (!named) return { kind: 'gone', distribution, reason: GONE.deleted }
  if (named.collection === 'programs') {
    // Programs have no embargo: only the published version goes out.
    const found = await payload.find({ collection: 'programs', where: { and: [{ id: { equals: named.id } }, { _status: { equals: 'published' } }] }, depth: 1, limit: 1 })
    const program = found.docs[0]
    if (!program) return { kind: 'gone', distribution, reason: GONE.unpublished('programs') }
    if (versionHash(program) !== distribution.versionHash) return { kind: 'gone', distribution, reason: GONE.changed('programs') }
    const inBlackout = await blackoutReason(payload, 'programs', program)
    if (inBlackout) return { kind: 'gone', distribution, reason: inBlackout }
    return { kind: 'ready', distribution, collection: 'programs', item: program, hero: null, embargoUntil: null }
  }
  const bulletinId = named.id
  // Only the published version is ever sent (read as the system: the post needs internal fields, e.g. xText).
  const found = await payload.find({
    collection: 'bulletins',
    where: { and: [{ id: { equals: bulletinId } }, { _status: { equals: 'published' } }] },
    depth: 1,
    limit: 1,
  })
  const bulletin = found.docs[0] ?? (CHANNEL_CATALOGUE[distribution.channel].isBeforeEmbargo ? await embargoedVersion(payload, bulletinId, distribution) : undefined)
  if (!bulletin) return { kind: 'gone', distribution, reason: GONE.unpublished('bulletins') }
  if (versionHash(bulletin) !== distribution.versionHash) return { kind: 'gone', distribution, reason: GONE.changed('bulletins') }
  const inBlackout = await blackoutReason(payload, 'bulletins', bulletin)
  if (inBlackout) return { kind: 'gone', distribution, reason: inBlackout }
  const hero = bulletin.heroImage && typeof bulletin.heroImage === 'object' ? (bulletin.heroImage as Media) : null
  const embargoUntil = found.docs[0] ? null : new Date(bulletin.embargoUntil!)
  return { kind: 'ready', distribution, collection: 'bulletins', item: bulletin, hero, embargoUntil }
}

/** A published item as the social posts of one publication read it: its content, hash, main photo and words. */
type Publication = DistributedItem & {
  hash: string
  hero: Media | null
  postTexts: Readonly<Record<string, unknown>>
}

/** Reads in flight or done, per database, by item and the moment its row was last written; a handful is plenty. */
const publicationsOf = new WeakMap<Payload, Map<string, Promise<Publication | null>>>()
const KEPT_PUBLICATIONS = 32

/**
 * The published bulletin or program a social post goes out with, read once for all the networks of a
 * publication: the seven jobs a publication queues arrive together and share one read. Shared only while the
 * item's row is unchanged (its `updated_at`, read first and cheaply): a withdrawal or a correction is a new
 * write, hence a new read, so nothing withdrawn or changed is posted from memory. Lean: the content at depth 0
 * (the hash takes relations by id) and the main photo alone, not every relation populated.
 */
export async function loadPublishedForPost(payload: Payload, distribution: Distribution): Promise<PostTarget> {
  const named = distributedItemOf(distribution)
  if (!named) return { kind: 'gone', distribution, reason: GONE.deleted }
  const { rows } = await poolOf(payload).query<{ stamp: string }>(
    // The table name comes from a closed list (DISTRIBUTED_COLLECTIONS), never from input.
    `SELECT updated_at::text AS stamp FROM ${named.collection} WHERE id = $1 AND _status = 'published'`,
    [named.id],
  )
  if (!rows[0]) return { kind: 'gone', distribution, reason: GONE.unpublished(named.collection) }
  const key = `${named.collection}/${named.id}@${rows[0].stamp}`
  let publications = publicationsOf.get(payload)
  if (!publications) publicationsOf.set(payload, (publications = new Map()))
  let read = publications.get(key)
  if (!read) {
    read = readPublication(payload, named)
    publications.set(key, read)
    read.catch(() => publications!.delete(key))
    while (publications.size > KEPT_PUBLICATIONS) publications.delete(publications.keys().next().value!)
  }
  const publication = await read
  if (!publication) return { kind: 'gone', distribution, reason: GONE.unpublished(named.collection) }
  if (publication.hash !== distribution.versionHash) return { kind: 'gone', distribution, reason: GONE.changed(named.collection) }
  const inBlackout = await blackoutReason(payload, named.collection, publication.item)
  if (inBlackout) return { kind: 'gone', distribution, reason: inBlackout }
  return { kind: 'ready', distribution, embargoUntil: null, ...publication }
}

async function readPublication(payload: Payload, { collection, id }: { collection: DistributedCollection; id: number }): Promise<Publication | null> {
  const where: Where = { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] }
  if (collection === 'programs') {
    const [found, settings] = await Promise.all([
      payload.find({ collection: 'programs', where, depth: 0, limit: 1, pagination: false }),
      payload.findGlobal({ slug: 'site-settings', depth: 0 }),
    ])
    const program = found.docs[0]
    if (!program) return null
    // A program's words are made from it: its deadline, in the office's time zone, is what matters most.
    const postTexts = programPostTexts(program, settings.timeZone ?? 'America/Mexico_City')
    return { collection, item: program, hash: versionHash(program), hero: null, postTexts }
  }
  const found = await payload.find({ collection: 'bulletins', where, depth: 0, limit: 1, pagination: false })
  const bulletin = found.docs[0]
  if (!bulletin) return null
  const heroId = idOf(bulletin.heroImage) as number | null | undefined
  const hero = heroId === null || heroId === undefined ? null : ((await payload.findByID({ collection: 'media', id: heroId, depth: 0, disableErrors: true })) as Media | null)
  return { collection, item: bulletin, hash: versionHash(bulletin), hero, postTexts: bulletin as unknown as Record<string, unknown> }
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
