import type { Media } from '@pregon/cms/worker'
import type { Payload } from 'payload'

/** The id of a relation as read at depth 0 or 1. */
export const idOfRelation = (value: unknown): number | null =>
  typeof value === 'number' ? value : typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number' ? (value as { id: number }).id : null

/**
 * The media that published items show, by id, for the portal's mapping. Read as the system: the public may read
 * exactly the media a published bulletin or program shows (publishedMediaOrStaff), and callers pass only those;
 * asking Payload to check it would read every published bulletin on each export. Only the fields the portal's
 * mapping reads are selected.
 */
export async function portalMedia(payload: Payload, ids: ReadonlyArray<number>): Promise<Map<number, Media>> {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'media',
    where: { id: { in: [...new Set(ids)] } },
    select: { alt: true, filename: true, filesize: true, mimeType: true, width: true, height: true, sizes: true, showsPublicServant: true },
    depth: 0,
    pagination: false,
  })
  return new Map(docs.map((doc) => [doc.id, doc as Media]))
}

/** `value` with the media in place of its id (as at depth 1); an id not found stays as it was. */
export const withMedia = <T>(media: ReadonlyMap<number, Media>, value: T): T | Media => media.get(idOfRelation(value) ?? -1) ?? value
