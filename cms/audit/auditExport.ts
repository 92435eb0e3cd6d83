import { stringify } from 'csv-stringify/sync'
import { csvSafeCast } from '@pregon/core/csvSafe'
import type { Payload, Where } from 'payload'
import type { AuditLog, User } from '../payload-types'

export const AUDIT_COLUMNS = [
  'at',
  'actorName',
  'actorEmail',
  'actorRole',
  'action',
  'itemCollection',
  'itemId',
  'itemTitle',
  'fromState',
  'toState',
  'versionHash',
  'reason',
  'channels',
] as const

export interface AuditQuery {
  from?: Date
  to?: Date
  itemCollection?: string
  itemId?: string
}

/** The record for a transparency request: every entry in the range, oldest first, read as the person asking. */
export async function findAuditEntries(payload: Payload, user: User | null, query: AuditQuery): Promise<AuditLog[]> {
  const and: Where[] = []
  if (query.from) and.push({ at: { greater_than_equal: query.from.toISOString() } })
  if (query.to) and.push({ at: { less_than: query.to.toISOString() } })
  if (query.itemCollection) and.push({ itemCollection: { equals: query.itemCollection } })
  if (query.itemId) and.push({ itemId: { equals: query.itemId } })
  const { docs } = await payload.find({
    collection: 'audit-log',
    where: { and },
    // Two steps taken as one («Aprobar y publicar») share their instant: the order they were written breaks the tie.
    sort: ['at', 'id'],
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user,
  })
  return docs
}

export function auditToCsv(entries: AuditLog[]): string {
  return stringify(
    entries.map((entry) => AUDIT_COLUMNS.map((column) => (column === 'channels' ? (entry.channels ? JSON.stringify(entry.channels) : '') : (entry[column] ?? '')))),
    // A BOM so Excel, which the transparency unit opens it with, reads the accents right; reasons and titles
    // people wrote open as text, never as formulas (csvSafe).
    { header: true, columns: [...AUDIT_COLUMNS], bom: true, cast: csvSafeCast },
  )
}
