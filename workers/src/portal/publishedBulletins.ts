import type { Bulletin, Department } from '@pregon/cms/worker'
import { poolOf } from '@pregon/cms/worker'
import type { PortalBulletin } from '@pregon/site/content'
import type { Payload } from 'payload'
import { idOfRelation, portalMedia, withMedia } from './portalMedia'
import { readPlaceholders, toPortalBulletin } from './toPortalBulletin'

const FETCH_CHUNK = 500

/** What the rest of the export needs of a published bulletin besides its portal form. */
export type BulletinFacts = Pick<Bulletin, 'id' | 'classification' | 'alertUntil'>

/** One published bulletin as last exported, with what its portal form was built from. */
interface Exported {
  doc: BulletinFacts
  bulletin: PortalBulletin
  updatedAt: string
  /** Media and department the mapping read (populated at depth 1): a change to one of them maps the bulletin again. */
  mediaIds: number[]
  departmentId: number | null
}

interface Snapshot {
  /** Mappings depend on these too: another value maps everything again. */
  key: string
  byId: Map<string, Exported>
  mediaVersions: Map<number, string>
  departmentVersions: Map<number, string>
}

/**
 * The last export a worker process made, so that the next one fetches and maps only what changed since. It lives
 * in memory only: a worker that starts again makes one full export.
 */
export interface ExportMemory {
  snapshot: Snapshot | null
}

export const createExportMemory = (): ExportMemory => ({ snapshot: null })

const memories = new WeakMap<Payload, ExportMemory>()

/** The process's memory for this Payload instance (one per worker). */
export function memoryOf(payload: Payload): ExportMemory {
  let memory = memories.get(payload)
  if (!memory) {
    memory = createExportMemory()
    memories.set(payload, memory)
  }
  return memory
}

export interface BulletinChanges {
  /** No earlier export to build on (a worker's first, or a veda starting or ending): everything was mapped. */
  isFull: boolean
  /** Bulletins mapped in this export: new on the portal, or changed (their own record, media or department). */
  mapped: string[]
  /** Bulletins the last export had that are no longer published. */
  removed: string[]
}

/**
 * Published bulletins in the portal's form, newest first, building on `memory`: a light query (ids and
 * `updatedAt` of published bulletins, media and departments) says what changed since the last export; only
 * those are fetched, read as the public reads them (access control on, no user), and mapped; the others are
 * the very same objects as last time, so that the publisher can tell what changed by identity.
 *
 * The light query applies the public's rule (`publishedOrStaff`: published only) in SQL; it only chooses what
 * to fetch. What enters the portal for the first time is what Payload returns with access control on.
 */
export async function publishedBulletins({
  payload,
  memory,
  mediaDir,
  hidesOfficials,
}: {
  payload: Payload
  memory: ExportMemory
  mediaDir?: string
  hidesOfficials: boolean
}): Promise<{ found: Array<{ doc: BulletinFacts; bulletin: PortalBulletin }>; changes: BulletinChanges }> {
  const key = JSON.stringify({ mediaDir: mediaDir ?? null, hidesOfficials })
  const previous = memory.snapshot?.key === key ? memory.snapshot : null
  const pool = poolOf(payload)
  // Dependencies first: one changed after this read is seen as changed by the next export, never missed.
  const [media, departments, published] = await Promise.all([
    pool.query<{ id: number; updated_at: Date }>('SELECT id, updated_at FROM media'),
    pool.query<{ id: number; updated_at: Date }>('SELECT id, updated_at FROM departments'),
    pool.query<{ id: number; updated_at: Date }>(`SELECT id, updated_at FROM bulletins WHERE _status = 'published'`),
  ])
  const mediaVersions = versions(media.rows)
  const departmentVersions = versions(departments.rows)
  const changedMedia = previous ? changedIds(previous.mediaVersions, mediaVersions) : new Set<number>()
  const changedDepartments = previous ? changedIds(previous.departmentVersions, departmentVersions) : new Set<number>()

  const byId = new Map<string, Exported>()
  const toFetch: number[] = []
  for (const row of published.rows) {
    const id = String(row.id)
    const known = previous?.byId.get(id)
    const isCurrent =
      known !== undefined &&
      known.updatedAt === row.updated_at.toISOString() &&
      !known.mediaIds.some((mediaId) => changedMedia.has(mediaId)) &&
      !(known.departmentId !== null && changedDepartments.has(known.departmentId))
    if (isCurrent) byId.set(id, known)
    else toFetch.push(row.id)
  }
  for (let start = 0; start < toFetch.length; start += FETCH_CHUNK) {
    const ids = toFetch.slice(start, start + FETCH_CHUNK)
    const { docs: found } = await payload.find({
      collection: 'bulletins',
      overrideAccess: false,
      where: { and: [{ _status: { equals: 'published' } }, { id: { in: ids } }] },
      depth: 0,
      pagination: false,
    })
    const docs = await withMediaAndDepartment(payload, found)
    const placeholders = await readPlaceholders(mediaDir, docs)
    for (const doc of docs) byId.set(String(doc.id), toExported(doc, toPortalBulletin(doc, placeholders, { hidesOfficials })))
  }
  const entries = [...byId.values()].sort(newestFirst)
  memory.snapshot = { key, byId, mediaVersions, departmentVersions }
  return {
    found: entries.map(({ doc, bulletin }) => ({ doc, bulletin })),
    changes: {
      isFull: previous === null,
      mapped: toFetch.map(String).filter((id) => byId.has(id)),
      removed: previous ? [...previous.byId.keys()].filter((id) => !byId.has(id)) : [],
    },
  }
}

/** The bulletins with their media and department in place of their ids, as a read at depth 1 gives them. */
async function withMediaAndDepartment(payload: Payload, docs: Bulletin[]): Promise<Bulletin[]> {
  const departmentIds = [...new Set(docs.flatMap((doc) => idOfRelation(doc.department) ?? []))]
  const [media, departments] = await Promise.all([
    portalMedia(payload, docs.flatMap((doc) => [doc.heroImage, ...(doc.gallery ?? []), ...(doc.attachments ?? [])].flatMap((value) => idOfRelation(value) ?? []))),
    departmentIds.length === 0
      ? { docs: [] }
      : payload.find({ collection: 'departments', overrideAccess: false, where: { id: { in: departmentIds } }, select: { name: true, slug: true }, depth: 0, pagination: false }),
  ])
  const departmentById = new Map<number, Department>(departments.docs.map((doc) => [doc.id, doc as Department]))
  return docs.map((doc) => ({
    ...doc,
    heroImage: withMedia(media, doc.heroImage),
    gallery: doc.gallery?.map((value) => withMedia(media, value)),
    attachments: doc.attachments?.map((value) => withMedia(media, value)),
    department: departmentById.get(idOfRelation(doc.department) ?? -1) ?? doc.department,
  }))
}

const versions = (rows: Array<{ id: number; updated_at: Date }>) => new Map(rows.map((row) => [row.id, row.updated_at.toISOString()]))

/** Ids changed or gone since `before` (new ones concern no bulletin exported before: that bulletin changed too). */
function changedIds(before: ReadonlyMap<number, string>, after: ReadonlyMap<number, string>): Set<number> {
  const changed = new Set<number>()
  for (const [id, version] of before) if (after.get(id) !== version) changed.add(id)
  return changed
}

function toExported(doc: Bulletin, bulletin: PortalBulletin): Exported {
  return {
    doc: { id: doc.id, classification: doc.classification, alertUntil: doc.alertUntil },
    bulletin,
    updatedAt: new Date(doc.updatedAt).toISOString(),
    mediaIds: [doc.heroImage, ...(doc.gallery ?? []), ...(doc.attachments ?? [])].flatMap((value) => idOfRelation(value) ?? []),
    departmentId: idOfRelation(doc.department),
  }
}

/** The portal's order: newest publication first; the same instant, the higher id first (stable across exports). */
function newestFirst(a: Exported, b: Exported): number {
  if (a.bulletin.publishedAt !== b.bulletin.publishedAt) return a.bulletin.publishedAt < b.bulletin.publishedAt ? 1 : -1
  return Number(b.doc.id) - Number(a.doc.id)
}
