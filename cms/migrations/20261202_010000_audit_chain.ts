import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The record cannot be quietly changed (1/2): a hash chain over `audit_log`, computed by the database.
 *
 * Every row gets `chain_seq` (1, 2, 3… with no gaps: its place in the chain), `prev_hash` (the previous row's
 * `hash`, NULL for the first) and
 *
 *   hash = hex(sha256(utf8(coalesce(prev_hash, '') || canonical)))
 *
 * where `canonical` is the text of a jsonb object holding every column of the row except `chain_seq`,
 * `prev_hash` and `hash`, with the columns whose value is NULL left out, rendered with TimeZone = UTC
 * (timestamps read `2026-12-01T10:00:00.123+00:00`). jsonb's text form is canonical (keys sorted, fixed
 * spacing), so cms/audit/verifyAuditChain.ts recomputes exactly the same bytes without trusting this
 * function. Leaving NULLs out means a later migration may add a nullable column without a default without
 * breaking older rows' hashes; a column added with a default, renamed or retyped would change them.
 *
 * A BEFORE INSERT trigger sets the three columns, so no application path can skip them and values given by
 * the inserter are ignored. It takes a transaction-level advisory lock first: inserts into the record are
 * serialized, each one chained to the last committed row. The order is `chain_seq`, not `id`: ids are drawn
 * from the sequence before the trigger runs, so two concurrent transactions can commit in the other order.
 *
 * The record's existing rows are chained here in id order, with the append-only trigger disabled for that
 * backfill only (the migration runs as the tables' owner).
 *
 * (2/2) A role `pregon_app` that may read and insert into the record but not change it (no UPDATE, DELETE,
 * TRUNCATE, and as a non-owner it cannot disable the triggers), with the same rights as today on every
 * other table, for tables created by later migrations too. It is created NOLOGIN when the migrating user may
 * create roles (the embedded database); on an external database whose owner may not, the IT person creates
 * it (README, «The record cannot be quietly changed») and this step only grants. Roles belong to the whole
 * server: the down migration revokes but does not drop it.
 *
 * Hand-written: `chain_seq`, `prev_hash` and `hash` are not Payload fields, and Payload's schema snapshot
 * does not include them, so later generated migrations leave them alone.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "audit_log" ADD COLUMN IF NOT EXISTS "chain_seq" bigint;
  ALTER TABLE "audit_log" ADD COLUMN IF NOT EXISTS "prev_hash" char(64);
  ALTER TABLE "audit_log" ADD COLUMN IF NOT EXISTS "hash" char(64);
  CREATE UNIQUE INDEX IF NOT EXISTS "audit_log_chain_seq_idx" ON "audit_log" ("chain_seq");

  CREATE OR REPLACE FUNCTION "audit_log_canonical"("entry" "audit_log") RETURNS text
    LANGUAGE sql STABLE SET timezone TO 'UTC' AS $$
      SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb)::text
        FROM jsonb_each(to_jsonb("entry")) AS e
       WHERE e.key NOT IN ('chain_seq', 'prev_hash', 'hash') AND e.value <> 'null'::jsonb
    $$;

  CREATE OR REPLACE FUNCTION "audit_log_chain"() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      last record;
    BEGIN
      -- One writer of the chain at a time, until its transaction ends: the next one sees its row.
      PERFORM pg_advisory_xact_lock(hashtextextended('pregon:audit_log_chain', 0));
      SELECT a.chain_seq, a.hash INTO last FROM "audit_log" a
       WHERE a.chain_seq IS NOT NULL ORDER BY a.chain_seq DESC LIMIT 1;
      NEW.chain_seq := COALESCE(last.chain_seq, 0) + 1;
      NEW.prev_hash := last.hash;
      NEW.hash := encode(sha256(convert_to(COALESCE(NEW.prev_hash, '') || "audit_log_canonical"(NEW), 'UTF8')), 'hex');
      RETURN NEW;
    END;
    $$;

  DROP TRIGGER IF EXISTS "audit_log_chain" ON "audit_log";

  -- Backfill: chain the rows already in the record, in id order.
  ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";
  DO $$
  DECLARE
    entry "audit_log";
    seq bigint := 0;
    previous char(64) := NULL;
    this_hash char(64);
  BEGIN
    FOR entry IN SELECT * FROM "audit_log" ORDER BY "id" LOOP
      seq := seq + 1;
      this_hash := encode(sha256(convert_to(COALESCE(previous, '') || "audit_log_canonical"(entry), 'UTF8')), 'hex');
      UPDATE "audit_log" SET "chain_seq" = seq, "prev_hash" = previous, "hash" = this_hash WHERE "id" = entry.id;
      previous := this_hash;
    END LOOP;
  END $$;
  ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";

  CREATE TRIGGER "audit_log_chain" BEFORE INSERT ON "audit_log"
    FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();

  DO $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pregon_app') THEN
      IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'pregon_app does not exist and % may not create roles: create it (README), then grant as this migration does', current_user;
        RETURN;
      END IF;
      BEGIN
        CREATE ROLE "pregon_app" NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- Another database on this server created it meanwhile (tests migrate several at once).
      END;
    END IF;
    GRANT USAGE ON SCHEMA public TO "pregon_app";
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "pregon_app";
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "pregon_app";
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_log" FROM "pregon_app";
    -- Tables and sequences later migrations create (as this same owner) are granted too.
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "pregon_app";
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "pregon_app";
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
      GRANT USAGE ON SCHEMA pgboss TO "pregon_app";
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO "pregon_app";
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO "pregon_app";
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO "pregon_app";
      ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "pregon_app";
      ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "pregon_app";
    END IF;
  END $$;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pregon_app') THEN
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "pregon_app";
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "pregon_app";
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "pregon_app";
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "pregon_app";
      REVOKE ALL ON SCHEMA public FROM "pregon_app";
      IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
        ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss REVOKE ALL ON TABLES FROM "pregon_app";
        ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss REVOKE ALL ON SEQUENCES FROM "pregon_app";
        REVOKE ALL ON ALL TABLES IN SCHEMA pgboss FROM "pregon_app";
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA pgboss FROM "pregon_app";
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pgboss FROM "pregon_app";
        REVOKE ALL ON SCHEMA pgboss FROM "pregon_app";
      END IF;
    END IF;
  END $$;
  DROP TRIGGER IF EXISTS "audit_log_chain" ON "audit_log";
  DROP FUNCTION IF EXISTS "audit_log_chain"();
  DROP FUNCTION IF EXISTS "audit_log_canonical"("audit_log");
  DROP INDEX IF EXISTS "audit_log_chain_seq_idx";
  -- Dropping columns rewrites no row, but it is an ALTER, not an UPDATE: the append-only trigger allows it.
  ALTER TABLE "audit_log" DROP COLUMN IF EXISTS "hash";
  ALTER TABLE "audit_log" DROP COLUMN IF EXISTS "prev_hash";
  ALTER TABLE "audit_log" DROP COLUMN IF EXISTS "chain_seq";`)
}
