import type { Access } from 'payload'
import { roleOf } from './roles'

/** Any signed-in member of the office (admin, approver, editor). */
export const isStaff: Access = ({ req }) => roleOf(req) !== null
