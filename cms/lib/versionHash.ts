import { createHash } from 'node:crypto'
import { stringify } from 'safe-stable-stringify'

export interface HashableBulletin {
  title?: unknown
  slug?: unknown
  summary?: unknown
  body?: unknown
  heroImage?: unknown
  department?: unknown
  embargoUntil?: unknown
  xText?: unknown
  distributeTo?: unknown
  otherDepartments?: unknown
  topics?: unknown
  gallery?: unknown
  attachments?: unknown
}

const idOf = (value: unknown) =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : (value ?? null)

/**
 * Fingerprint of what the public sees of a bulletin. Distribution rows are keyed by it, so the same
 * version can never go out twice on a channel, and a worker can tell when the version it was asked to
 * send is no longer the current one.
 */
export function versionHash(bulletin: HashableBulletin): string {
  // Keys sorted: PostgreSQL's jsonb does not keep the order the editor's rich text was written in.
  const canonical = stringify([
    bulletin.title ?? null,
    bulletin.slug ?? null,
    bulletin.summary ?? null,
    bulletin.body ?? null,
    idOf(bulletin.heroImage),
    idOf(bulletin.department),
    // Only when set, so hashes of bulletins without an embargo stay what they were.
    ...(bulletin.embargoUntil ? [new Date(String(bulletin.embargoUntil)).toISOString()] : []),
    // What goes out on X and where it goes are approved too.
    ...(typeof bulletin.xText === 'string' && bulletin.xText.trim() ? [{ xText: bulletin.xText }] : []),
    ...(Array.isArray(bulletin.distributeTo) ? [{ distributeTo: [...bulletin.distributeTo].sort() }] : []),
    ...listsOf(bulletin, ['otherDepartments', 'topics', 'gallery', 'attachments']),
  ])
  return createHash('sha256').update(canonical ?? '').digest('hex')
}

/** Non-empty lists (relations by id), each tagged with its name; empty ones leave older hashes unchanged. */
function listsOf(bulletin: HashableBulletin, names: Array<keyof HashableBulletin>): Array<Record<string, unknown>> {
  return names.flatMap((name) => {
    const value = bulletin[name]
    return Array.isArray(value) && value.length > 0 ? [{ [name]: value.map(idOf) }] : []
  })
}
