import { createHash } from 'node:crypto'
import type { Pool } from 'pg'

export type ExpedienteKind = 'page' | 'feed-item' | 'social-post' | 'mailing'

/** One thing that went out, as `expediente_entries` keeps it (cms/migrations/20261202_020000_expediente.ts). */
export interface ExpedienteEntry {
  itemCollection: 'bulletins' | 'programs'
  itemId: number
  kind: ExpedienteKind
  /** `portal` and `rss` for pages and feed items, the network for a post, `email` for a mailing. */
  channel: string
  versionHash?: string | null
  account?: string | null
  distributionId?: number | null
  remoteId?: string | null
  url?: string | null
  text?: string | null
  imageSha256?: string | null
  /** The page HTML, the feed item XML, the raw RFC 822 message; none for a social post. */
  body?: Buffer | null
  recipients?: number | null
}

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')

/** JSON with its keys sorted at every level, so the same fields always give the same bytes (and digest). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined)
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * What a social post's digest covers when it has no body: these fields, as canonical JSON. The expediente's
 * `publicaciones.json` carries the same fields, so anyone can recompute it.
 */
export function socialPostFields(entry: ExpedienteEntry): Record<string, unknown> {
  return {
    itemCollection: entry.itemCollection,
    itemId: entry.itemId,
    channel: entry.channel,
    account: entry.account ?? null,
    remoteId: entry.remoteId ?? null,
    url: entry.url ?? null,
    text: entry.text ?? null,
    imageSha256: entry.imageSha256 ?? null,
  }
}

/** The entry's digest: of its body, or of its fields' canonical JSON when it has none. */
export const entryDigest = (entry: ExpedienteEntry): string => (entry.body ? sha256Hex(entry.body) : sha256Hex(canonicalJson(socialPostFields(entry))))

/**
 * Keeps one entry, INSERT only: the same thing recorded again (a retried job, an unchanged page) is a no-op.
 * True when it was new.
 */
export async function recordExpedienteEntry(pool: Pool, entry: ExpedienteEntry): Promise<boolean> {
  const result = await pool.query(
    `INSERT INTO "expediente_entries"
       ("item_collection", "item_id", "kind", "channel", "version_hash", "account", "distribution_id", "remote_id", "url", "text", "image_sha256", "body", "recipients", "sha256")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT ("item_collection", "item_id", "kind", "channel", "sha256") DO NOTHING`,
    [
      entry.itemCollection,
      entry.itemId,
      entry.kind,
      entry.channel,
      entry.versionHash ?? null,
      entry.account ?? null,
      entry.distributionId ?? null,
      entry.remoteId ?? null,
      entry.url ?? null,
      entry.text ?? null,
      entry.imageSha256 ?? null,
      entry.body ?? null,
      entry.recipients ?? null,
      entryDigest(entry),
    ],
  )
  return (result.rowCount ?? 0) > 0
}
