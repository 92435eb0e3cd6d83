import type { Access, PayloadRequest } from 'payload'
import { idOf } from '@pregon/core/versionHash'
import { roleOf } from './roles'

// Per request: populating 1,000 bulletins checks media access 1,000 times with the same answer.
const publicIdsByRequest = new WeakMap<PayloadRequest, Promise<Array<number | string>>>()

/**
 * Staff see every upload; the public only the images and documents a published bulletin shows. A photo uploaded for a draft
 * or an embargoed bulletin must not be reachable by guessing its file name.
 */
export const publishedMediaOrStaff: Access = async ({ req }) => {
  if (roleOf(req) !== null) return true
  let ids = publicIdsByRequest.get(req)
  if (!ids) {
    ids = publishedMediaIds(req)
    publicIdsByRequest.set(req, ids)
  }
  const list = await ids
  return list.length > 0 ? { id: { in: list } } : false
}

async function publishedMediaIds(req: PayloadRequest): Promise<Array<number | string>> {
  const { docs } = await req.payload.find({
    collection: 'bulletins',
    where: { _status: { equals: 'published' } },
    select: { heroImage: true, gallery: true, attachments: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const programs = await req.payload.find({
    collection: 'programs',
    where: { _status: { equals: 'published' } },
    select: { attachments: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const ids = [
    ...docs.flatMap((doc) => [doc.heroImage, ...(doc.gallery ?? []), ...(doc.attachments ?? [])]),
    ...programs.docs.flatMap((doc) => doc.attachments ?? []),
  ].map(idOf)
  return [...new Set(ids.filter((id): id is number => typeof id === 'number' || typeof id === 'string'))]
}
