import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Operations tables, outside Payload's collections (no admin screens, no personal data): services'
 * heartbeats (worker, scheduler, backup), conditions that need a person (alerts, with the digest that told
 * the admins) and timing samples for the metrics (publish-to-live, portal builds). Hand-written: Payload's
 * schema snapshot does not include them, so later generated migrations leave them alone.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "ops_heartbeats" (
    "service" varchar NOT NULL,
    "instance" varchar NOT NULL,
    "beat_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
    PRIMARY KEY ("service", "instance")
  );
  CREATE TABLE IF NOT EXISTS "ops_alerts" (
    "key" varchar PRIMARY KEY NOT NULL,
    "kind" varchar NOT NULL,
    "message" text NOT NULL,
    "item_collection" varchar,
    "item_id" integer,
    "first_seen_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "last_seen_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "resolved_at" timestamp(3) with time zone,
    "notified_at" timestamp(3) with time zone
  );
  CREATE INDEX IF NOT EXISTS "ops_alerts_open_idx" ON "ops_alerts" ("resolved_at") WHERE "resolved_at" IS NULL;
  CREATE TABLE IF NOT EXISTS "ops_digests" (
    "id" serial PRIMARY KEY NOT NULL,
    "sent_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "recipients" integer NOT NULL,
    "alert_keys" text[] NOT NULL
  );
  CREATE TABLE IF NOT EXISTS "ops_measurements" (
    "id" bigserial PRIMARY KEY NOT NULL,
    "kind" varchar NOT NULL,
    "at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "seconds" double precision NOT NULL
  );
  CREATE INDEX IF NOT EXISTS "ops_measurements_kind_at_idx" ON "ops_measurements" ("kind", "at");
  -- The demo seed marks its end (cms/seed/seedDemo.ts); a database with users already had a finished seed.
  INSERT INTO "ops_heartbeats" ("service", "instance", "detail")
    SELECT 'demo-seed', 'demo', '{"markedByMigration": true}'::jsonb WHERE EXISTS (SELECT 1 FROM "users");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE IF EXISTS "ops_measurements";
  DROP TABLE IF EXISTS "ops_digests";
  DROP TABLE IF EXISTS "ops_alerts";
  DROP TABLE IF EXISTS "ops_heartbeats";`)
}
