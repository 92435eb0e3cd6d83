import type { Access, FieldAccess } from 'payload'
import { roleOf } from './roles'

/** Any signed-in member of the office (admin, approver, editor). */
export const isStaff: Access = ({ req }) => roleOf(req) !== null

/**
 * A field only the office reads: the public shape of an item leaves it out on REST, GraphQL and the Local
 * API (for anyone not signed in), and Payload refuses it in an anonymous `where`.
 */
export const isStaffField: FieldAccess = ({ req }) => roleOf(req) !== null

/** `access` of an internal field: anyone who may edit the item may send it, only staff read it. */
export const staffOnly = { read: isStaffField } as const
