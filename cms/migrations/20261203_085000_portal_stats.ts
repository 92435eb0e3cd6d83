import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Portal statistics without trackers (workers/src/stats): counts per day, never a person's trail.
 * - stats_days / stats_pages / stats_feeds: what the reports read, kept.
 * - stats_visitors: the day's salted visitor hashes, only to count each visitor once a day; pruned after two days.
 * - stats_salts: the random salt a proxy's log lines (which carry addresses) are hashed with, one per day; pruned
 *   with the visitors, after which nobody can tell whose hash was whose.
 * - stats_log_offsets: how far each log file has been read (by inode, so a rotated file is read from the start).
 *
 * Hand-written: these are the worker's tables, not Payload collections.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "stats_days" ("day" date PRIMARY KEY, "views" integer NOT NULL DEFAULT 0, "visitors" integer NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS "stats_pages" ("day" date NOT NULL, "path" varchar(512) NOT NULL, "views" integer NOT NULL DEFAULT 0, PRIMARY KEY ("day", "path"));
  CREATE TABLE IF NOT EXISTS "stats_feeds" ("day" date NOT NULL, "feed" varchar(512) NOT NULL, "reader" varchar(80) NOT NULL, "fetches" integer NOT NULL DEFAULT 0, "subscribers" integer, PRIMARY KEY ("day", "feed", "reader"));
  CREATE TABLE IF NOT EXISTS "stats_visitors" ("day" date NOT NULL, "visitor" varchar(24) NOT NULL, PRIMARY KEY ("day", "visitor"));
  CREATE TABLE IF NOT EXISTS "stats_salts" ("day" date PRIMARY KEY, "salt" bytea NOT NULL);
  CREATE TABLE IF NOT EXISTS "stats_log_offsets" ("file" text PRIMARY KEY, "inode" bigint NOT NULL, "offset" bigint NOT NULL, "read_at" timestamptz NOT NULL DEFAULT now());`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE IF EXISTS "stats_days";
  DROP TABLE IF EXISTS "stats_pages";
  DROP TABLE IF EXISTS "stats_feeds";
  DROP TABLE IF EXISTS "stats_visitors";
  DROP TABLE IF EXISTS "stats_salts";
  DROP TABLE IF EXISTS "stats_log_offsets";`)
}
