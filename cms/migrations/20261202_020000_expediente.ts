import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The expediente: exactly what went out (Ley General de Archivos), kept for good. One row per distinct thing
 * published: a page of the portal (publication, correction, withdrawal notice, veda suspension), an item of a
 * feed, a social post (network id, link, text, the image's digest), a press mailing (its raw RFC 822 message).
 * Written only by the workers (workers/src/expediente), read by `GET /api/<collection>/:id/expediente`.
 *
 * Unlike Payload's versions (pruned at 100) and the portal's builds (the previous one kept), nothing here is
 * pruned: rows are INSERT-only, refused UPDATE, DELETE and TRUNCATE by triggers (as audit_log's), and the
 * application role `pregon_app` (20261202_010000_audit_chain) gets no UPDATE, DELETE or TRUNCATE on it either.
 * The unique key makes a repeated recording (a retried job, a rebuild of an unchanged page) a no-op.
 *
 * `sha256` is the hex digest of `body` (its bytes, as stored) or, for a social post without a body, of the
 * canonical JSON of its fields (workers/src/expediente/expedienteRow.ts says which).
 *
 * Hand-written: not a Payload collection; Payload's schema snapshot does not include it, so later generated
 * migrations leave it alone.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "expediente_entries" (
    "id" bigserial PRIMARY KEY NOT NULL,
    "item_collection" varchar NOT NULL,
    "item_id" integer NOT NULL,
    "version_hash" varchar,
    "kind" varchar NOT NULL CHECK ("kind" IN ('page', 'feed-item', 'social-post', 'mailing')),
    "channel" varchar NOT NULL DEFAULT '',
    "account" varchar,
    "distribution_id" integer,
    "recorded_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
    "remote_id" varchar,
    "url" varchar,
    "text" text,
    "image_sha256" char(64),
    "body" bytea,
    "recipients" integer,
    "sha256" char(64) NOT NULL,
    CONSTRAINT "expediente_entries_once" UNIQUE ("item_collection", "item_id", "kind", "channel", "sha256")
  );
  CREATE INDEX IF NOT EXISTS "expediente_entries_item_idx" ON "expediente_entries" ("item_collection", "item_id", "kind", "channel", "id");

  CREATE OR REPLACE FUNCTION "expediente_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'expediente_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;
  DROP TRIGGER IF EXISTS "expediente_append_only" ON "expediente_entries";
  CREATE TRIGGER "expediente_append_only" BEFORE UPDATE OR DELETE ON "expediente_entries"
    FOR EACH ROW EXECUTE FUNCTION "expediente_refuse_change"();
  DROP TRIGGER IF EXISTS "expediente_no_truncate" ON "expediente_entries";
  CREATE TRIGGER "expediente_no_truncate" BEFORE TRUNCATE ON "expediente_entries"
    FOR EACH STATEMENT EXECUTE FUNCTION "expediente_refuse_change"();

  DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pregon_app') THEN
      GRANT SELECT, INSERT ON "expediente_entries" TO "pregon_app";
      GRANT USAGE, SELECT ON SEQUENCE "expediente_entries_id_seq" TO "pregon_app";
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "expediente_entries" FROM "pregon_app";
    END IF;
  END $$;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE IF EXISTS "expediente_entries";
  DROP FUNCTION IF EXISTS "expediente_refuse_change"();`)
}
