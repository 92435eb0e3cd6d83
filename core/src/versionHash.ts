import { createHash } from 'node:crypto'
import { stringify } from 'safe-stable-stringify'

// What the workflow and Payload keep about an item, not what the public reads in it.
const SYSTEM_FIELDS = new Set([
  'id',
  'createdAt',
  'updatedAt',
  '_status',
  'workflowState',
  'approval',
  'editedBy',
  'needsReview',
  'withdrawal',
  'corrections',
  'publishAt',
  'publishedAt',
  'applicationStatus',
  'correction',
  'blackoutHold',
])

/** A relation read at any depth, by id: `7` and `{ id: 7, … }` are the same version. */
export const idOf = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(idOf) : value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0)

/**
 * Fingerprint of what the public gets of an item (bulletin or program): every content field, relations by id,
 * keys sorted (PostgreSQL's jsonb does not keep the order the rich text was written in). An approval is given
 * to it, so any change needs a new one; distribution rows are keyed by it, so one version never goes out
 * twice on a channel, and a worker can tell when the version it was asked to send is no longer current.
 */
export function versionHash(doc: object): string {
  const content = Object.fromEntries(
    Object.entries(doc)
      .filter(([key, value]) => !SYSTEM_FIELDS.has(key) && !isEmpty(value))
      .map(([key, value]) => [key, idOf(value)]),
  )
  // An open correction's public note is part of what the approver approves; a closed (empty) one is nothing.
  const correction = (doc as { correction?: { openedAt?: string | null; note?: string | null; isMinor?: boolean | null } | null }).correction
  if (correction?.openedAt) content.correction = { note: correction.note?.trim() ?? '', isMinor: Boolean(correction.isMinor) }
  return createHash('sha256').update(stringify(content) ?? '').digest('hex')
}
