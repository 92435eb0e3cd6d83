import type { Pool } from 'pg'

/** One row of `expediente_entries` (cms/migrations/20261202_020000_expediente.ts), as the export reads it. */
export interface ExpedienteRow {
  id: string
  kind: 'page' | 'feed-item' | 'social-post' | 'mailing'
  channel: string
  account: string | null
  distributionId: number | null
  versionHash: string | null
  recordedAt: Date
  remoteId: string | null
  url: string | null
  text: string | null
  imageSha256: string | null
  body: Buffer | null
  recipients: number | null
  sha256: string
}

/** Everything the expediente keeps of one item, oldest first. Written by the workers only (workers/src/expediente). */
export async function readExpediente(pool: Pool, { collection, id }: { collection: string; id: number }): Promise<ExpedienteRow[]> {
  const { rows } = await pool.query<ExpedienteRow>(
    `SELECT "id"::text AS "id", "kind", "channel", "account", "distribution_id" AS "distributionId", "version_hash" AS "versionHash",
            "recorded_at" AS "recordedAt", "remote_id" AS "remoteId", "url", "text", "image_sha256" AS "imageSha256", "body",
            "recipients", "sha256"
       FROM "expediente_entries"
      WHERE "item_collection" = $1 AND "item_id" = $2
      ORDER BY "recorded_at", "id"`,
    [collection, id],
  )
  return rows
}
