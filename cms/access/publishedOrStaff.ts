import type { Access } from 'payload'
import { roleOf } from './roles'

/** Staff read everything; the public (and any API call made for nobody) only what is published. */
export const publishedOrStaff: Access = ({ req }) => {
  if (roleOf(req) !== null) return true
  return { _status: { equals: 'published' } }
}
