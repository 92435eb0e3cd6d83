import type { Access } from 'payload'
import { roleOf } from './roles'

/** Admins manage every account; anyone else only their own. */
export const isAdminOrSelf: Access = ({ req }) => {
  if (roleOf(req) === 'admin') return true
  if (!req.user) return false
  return { id: { equals: req.user.id } }
}
