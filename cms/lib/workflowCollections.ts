import { stringify } from 'safe-stable-stringify'
import { createHash } from 'node:crypto'
import { versionHash, type HashableBulletin } from './versionHash'

/** Collections that go through the editorial workflow. */
export const WORKFLOW_COLLECTIONS = ['bulletins', 'programs'] as const
export type WorkflowCollection = (typeof WORKFLOW_COLLECTIONS)[number]

// Fields the workflow and Payload keep about an item, not what the public reads in it.
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
  'record',
])

const idOf = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(idOf) : value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value

/**
 * The fingerprint an approval is given to. Bulletins keep their explicit, distribution-keyed hash; other
 * collections hash every content field (relations by id), so any change needs a new approval.
 */
export function contentHashOf(collection: string, doc: Record<string, unknown>): string {
  if (collection === 'bulletins') return versionHash(doc as HashableBulletin)
  const content = Object.fromEntries(
    Object.entries(doc)
      .filter(([key, value]) => !SYSTEM_FIELDS.has(key) && value !== null && value !== undefined)
      .map(([key, value]) => [key, idOf(value)]),
  )
  return createHash('sha256').update(stringify(content) ?? '').digest('hex')
}
