import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'
import { transactionDb, type TransactionDb } from '../../db/transactionDb'

/**
 * Which media the public may read: those a published bulletin or program shows (hero image, gallery,
 * attachments). Kept on each media row (`shown_publicly`, indexed) instead of worked out per request: the
 * access rule is then one indexed condition, whatever the size of the archive. An `id IN (…every public
 * photo…)` list grew with the archive and, past 65,535 photos, would not even fit in one PostgreSQL query.
 */
const SHOWN_BY_PUBLISHED_TEXT = `(
  EXISTS (SELECT 1 FROM bulletins b WHERE b.hero_image_id = m.id AND b._status = 'published')
  OR EXISTS (SELECT 1 FROM bulletins_rels r JOIN bulletins b ON b.id = r.parent_id WHERE r.media_id = m.id AND b._status = 'published')
  OR EXISTS (SELECT 1 FROM programs_rels r JOIN programs p ON p.id = r.parent_id WHERE r.media_id = m.id AND p._status = 'published')
)`
const SHOWN_BY_PUBLISHED = sql.raw(SHOWN_BY_PUBLISHED_TEXT)

/** Every media row's flag set from what is published now, as plain SQL (bulk loads that bypass Payload). */
export const REFRESH_ALL_MEDIA_VISIBILITY = `UPDATE media m SET shown_publicly = ${SHOWN_BY_PUBLISHED_TEXT}`

/** Sets the flag of these media from what is published now; writes only rows whose flag changes. */
function refreshMediaVisibilitySql(ids: readonly number[]): SQL {
  return sql`UPDATE media SET shown_publicly = v.shown
    FROM (SELECT m.id, ${SHOWN_BY_PUBLISHED} AS shown FROM media m WHERE m.id = ANY(${`{${ids.join(',')}}`}::int[])) v
    WHERE media.id = v.id AND media.shown_publicly IS DISTINCT FROM v.shown`
}

type ShowingCollection = 'bulletins' | 'programs'

/** The media an item's row (the published version, when it has one) shows, read from the tables themselves. */
function mediaOfItemSql(collection: ShowingCollection, id: number): SQL {
  const rels = sql`SELECT media_id AS id FROM ${sql.identifier(`${collection}_rels`)} WHERE parent_id = ${id} AND media_id IS NOT NULL`
  return collection === 'bulletins' ? sql`${rels} UNION SELECT hero_image_id FROM bulletins WHERE id = ${id} AND hero_image_id IS NOT NULL` : rels
}

async function mediaOfItem(db: TransactionDb, collection: ShowingCollection, id: number): Promise<number[]> {
  const { rows } = await db.execute(mediaOfItemSql(collection, id))
  return (rows as Array<{ id: number }>).map((row) => Number(row.id))
}

/** The request's transaction, so the flags commit or roll back with the change that moved them. */
async function dbOf(req: PayloadRequest): Promise<TransactionDb> {
  if ((await req.transactionID) !== undefined) return transactionDb(req)
  return (req.payload.db as unknown as { drizzle: TransactionDb }).drizzle
}

// Per item: a write may run other items' writes in the same request (and context).
const beforeKey = (collection: ShowingCollection, id: unknown) => `mediaShownBefore:${collection}:${String(id)}`

/**
 * Remembers what the item's row showed before the write: a publication that swaps a photo, or a withdrawal,
 * must hide the old one, and Payload's `previousDoc` may be a later draft rather than what the public had.
 */
export const rememberShownMedia =
  (collection: ShowingCollection): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, operation, req, context }) => {
    if (operation === 'update' && originalDoc?.id !== undefined) context[beforeKey(collection, originalDoc.id)] = await mediaOfItem(await dbOf(req), collection, Number(originalDoc.id))
    return data
  }

/** After the write: the media shown before or after it get their flag worked out again. */
export const refreshShownMedia =
  (collection: ShowingCollection): CollectionAfterChangeHook =>
  async ({ doc, req, context }) => {
    const db = await dbOf(req)
    const key = beforeKey(collection, doc.id)
    const before = (context[key] as number[] | undefined) ?? []
    delete context[key]
    const ids = [...new Set([...before, ...(await mediaOfItem(db, collection, Number(doc.id)))])]
    if (ids.length > 0) await db.execute(refreshMediaVisibilitySql(ids))
    return doc
  }
