import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_bulletins_workflow_state" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn');
  CREATE TYPE "public"."enum__bulletins_v_version_workflow_state" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn');
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"summary" varchar NOT NULL,
  	"actor_id" varchar,
  	"actor_name" varchar,
  	"actor_email" varchar,
  	"actor_role" varchar,
  	"action" varchar NOT NULL,
  	"item_collection" varchar NOT NULL,
  	"item_id" varchar NOT NULL,
  	"item_title" varchar,
  	"from_state" varchar,
  	"to_state" varchar,
  	"version_hash" varchar,
  	"reason" varchar,
  	"channels" jsonb
  );
  
  ALTER TABLE "bulletins" ADD COLUMN "workflow_state" "enum_bulletins_workflow_state" DEFAULT 'draft';
  ALTER TABLE "bulletins" ADD COLUMN "publish_at" timestamp(3) with time zone;
  ALTER TABLE "bulletins" ADD COLUMN "approval_hash" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "approval_by_name" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "approval_by_id" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "approval_at" timestamp(3) with time zone;
  ALTER TABLE "bulletins" ADD COLUMN "edited_by" jsonb;
  ALTER TABLE "bulletins" ADD COLUMN "needs_review" boolean DEFAULT false;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_workflow_state" "enum__bulletins_v_version_workflow_state" DEFAULT 'draft';
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_publish_at" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_approval_hash" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_approval_by_name" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_approval_by_id" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_approval_at" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_edited_by" jsonb;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_needs_review" boolean DEFAULT false;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "audit_log_id" integer;
  CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");
  CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");
  CREATE INDEX "audit_log_item_id_idx" ON "audit_log" USING btree ("item_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_log_fk" FOREIGN KEY ("audit_log_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_workflow_state_idx" ON "bulletins" USING btree ("workflow_state");
  CREATE INDEX "_bulletins_v_version_version_workflow_state_idx" ON "_bulletins_v" USING btree ("version_workflow_state");
  CREATE INDEX "payload_locked_documents_rels_audit_log_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_log_id");`)

  // Items published before the workflow existed keep their public state.
  await db.execute(sql`
  UPDATE "bulletins" SET "workflow_state" = 'published' WHERE "_status" = 'published';
  UPDATE "_bulletins_v" SET "version_workflow_state" = 'published' WHERE "version__status" = 'published';`)

  // The record is append-only in the database itself, not only in Payload's access functions: even the
  // application's own database user cannot UPDATE, DELETE or TRUNCATE it.
  await db.execute(sql`
  CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;
  CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
    FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
  CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "audit_log" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "audit_log" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_audit_log_fk";
  
  DROP INDEX "bulletins_workflow_state_idx";
  DROP INDEX "_bulletins_v_version_version_workflow_state_idx";
  DROP INDEX "payload_locked_documents_rels_audit_log_id_idx";
  ALTER TABLE "bulletins" DROP COLUMN "workflow_state";
  ALTER TABLE "bulletins" DROP COLUMN "publish_at";
  ALTER TABLE "bulletins" DROP COLUMN "approval_hash";
  ALTER TABLE "bulletins" DROP COLUMN "approval_by_name";
  ALTER TABLE "bulletins" DROP COLUMN "approval_by_id";
  ALTER TABLE "bulletins" DROP COLUMN "approval_at";
  ALTER TABLE "bulletins" DROP COLUMN "edited_by";
  ALTER TABLE "bulletins" DROP COLUMN "needs_review";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_workflow_state";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_publish_at";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_approval_hash";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_approval_by_name";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_approval_by_id";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_approval_at";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_edited_by";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_needs_review";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "audit_log_id";
  DROP TYPE "public"."enum_bulletins_workflow_state";
  DROP TYPE "public"."enum__bulletins_v_version_workflow_state";
  DROP FUNCTION IF EXISTS "audit_log_refuse_change"();`)
}
