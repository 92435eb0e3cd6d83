import type { Access, PayloadRequest } from 'payload'
import { roleOf } from './roles'

// Per request: populating 1,000 bulletins checks media access 1,000 times with the same answer.
const publicIdsByRequest = new WeakMap<PayloadRequest, Promise<Array<number | string>>>()

/**
 * Staff see every upload; the public only images a published bulletin shows. A photo uploaded for a draft
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
    where: { _status: { equals: 'published' }, heroImage: { exists: true } },
    select: { heroImage: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const ids = docs.map((doc) => (typeof doc.heroImage === 'object' && doc.heroImage ? doc.heroImage.id : doc.heroImage))
  return [...new Set(ids.filter((id): id is number => id !== null && id !== undefined))]
}
