import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The admin's list of bulletins and programs reads the working copies (`latest` versions) newest first: Payload
 * orders by `version_published_at DESC, created_at DESC`. The plain index on `version_published_at` walks every
 * version, and a decade's drafts (versions without a publication date, which a descending scan meets first) are
 * most of them: at 50,000 bulletins × 5 versions the first page scanned ~193,000 versions and took 420 ms. Over
 * the latest versions only, in the list's own order, it reads the ten rows it shows (2 ms).
 *
 * Hand-written: Payload's `indexes` cannot express a partial index; its schema snapshot does not include these,
 * so later generated migrations leave them alone.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX IF NOT EXISTS "_bulletins_v_latest_list_idx" ON "_bulletins_v" ("version_published_at" DESC, "created_at" DESC) WHERE "latest";
  CREATE INDEX IF NOT EXISTS "_programs_v_latest_list_idx" ON "_programs_v" ("version_published_at" DESC, "created_at" DESC) WHERE "latest";`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "_bulletins_v_latest_list_idx";
  DROP INDEX IF EXISTS "_programs_v_latest_list_idx";`)
}
