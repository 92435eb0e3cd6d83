import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_programs_issuing_level" AS ENUM('federal', 'estatal', 'municipal');
  CREATE TYPE "public"."enum_programs_workflow_state" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn');
  CREATE TYPE "public"."enum_programs_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__programs_v_version_issuing_level" AS ENUM('federal', 'estatal', 'municipal');
  CREATE TYPE "public"."enum__programs_v_version_workflow_state" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn');
  CREATE TYPE "public"."enum__programs_v_version_status" AS ENUM('draft', 'published');
  CREATE TABLE "programs_requirements" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"item" varchar
  );
  
  CREATE TABLE "programs_documents" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"item" varchar
  );
  
  CREATE TABLE "programs_corrections" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone,
  	"note" varchar
  );
  
  CREATE TABLE "programs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"issuing_level" "enum_programs_issuing_level" DEFAULT 'municipal',
  	"agency" varchar,
  	"summary" varchar,
  	"eligibility" varchar,
  	"how_to_apply" varchar,
  	"opens_at" timestamp(3) with time zone,
  	"closes_at" timestamp(3) with time zone,
  	"contact" varchar,
  	"workflow_state" "enum_programs_workflow_state" DEFAULT 'draft',
  	"publish_at" timestamp(3) with time zone,
  	"approval_hash" varchar,
  	"approval_by_name" varchar,
  	"approval_by_id" varchar,
  	"approval_at" timestamp(3) with time zone,
  	"edited_by" jsonb,
  	"needs_review" boolean DEFAULT false,
  	"withdrawal_at" timestamp(3) with time zone,
  	"withdrawal_reason" varchar,
  	"published_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_programs_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "programs_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"bulletins_id" integer
  );
  
  CREATE TABLE "_programs_v_version_requirements" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"item" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_programs_v_version_documents" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"item" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_programs_v_version_corrections" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone,
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_programs_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_issuing_level" "enum__programs_v_version_issuing_level" DEFAULT 'municipal',
  	"version_agency" varchar,
  	"version_summary" varchar,
  	"version_eligibility" varchar,
  	"version_how_to_apply" varchar,
  	"version_opens_at" timestamp(3) with time zone,
  	"version_closes_at" timestamp(3) with time zone,
  	"version_contact" varchar,
  	"version_workflow_state" "enum__programs_v_version_workflow_state" DEFAULT 'draft',
  	"version_publish_at" timestamp(3) with time zone,
  	"version_approval_hash" varchar,
  	"version_approval_by_name" varchar,
  	"version_approval_by_id" varchar,
  	"version_approval_at" timestamp(3) with time zone,
  	"version_edited_by" jsonb,
  	"version_needs_review" boolean DEFAULT false,
  	"version_withdrawal_at" timestamp(3) with time zone,
  	"version_withdrawal_reason" varchar,
  	"version_published_at" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__programs_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_programs_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"bulletins_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "programs_id" integer;
  ALTER TABLE "programs_requirements" ADD CONSTRAINT "programs_requirements_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "programs_documents" ADD CONSTRAINT "programs_documents_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "programs_corrections" ADD CONSTRAINT "programs_corrections_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "programs_rels" ADD CONSTRAINT "programs_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "programs_rels" ADD CONSTRAINT "programs_rels_bulletins_fk" FOREIGN KEY ("bulletins_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_version_requirements" ADD CONSTRAINT "_programs_v_version_requirements_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_programs_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_version_documents" ADD CONSTRAINT "_programs_v_version_documents_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_programs_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_version_corrections" ADD CONSTRAINT "_programs_v_version_corrections_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_programs_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v" ADD CONSTRAINT "_programs_v_parent_id_programs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_programs_v_rels" ADD CONSTRAINT "_programs_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_programs_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_rels" ADD CONSTRAINT "_programs_v_rels_bulletins_fk" FOREIGN KEY ("bulletins_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "programs_requirements_order_idx" ON "programs_requirements" USING btree ("_order");
  CREATE INDEX "programs_requirements_parent_id_idx" ON "programs_requirements" USING btree ("_parent_id");
  CREATE INDEX "programs_documents_order_idx" ON "programs_documents" USING btree ("_order");
  CREATE INDEX "programs_documents_parent_id_idx" ON "programs_documents" USING btree ("_parent_id");
  CREATE INDEX "programs_corrections_order_idx" ON "programs_corrections" USING btree ("_order");
  CREATE INDEX "programs_corrections_parent_id_idx" ON "programs_corrections" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "programs_slug_idx" ON "programs" USING btree ("slug");
  CREATE INDEX "programs_workflow_state_idx" ON "programs" USING btree ("workflow_state");
  CREATE INDEX "programs_updated_at_idx" ON "programs" USING btree ("updated_at");
  CREATE INDEX "programs_created_at_idx" ON "programs" USING btree ("created_at");
  CREATE INDEX "programs__status_idx" ON "programs" USING btree ("_status");
  CREATE INDEX "programs_rels_order_idx" ON "programs_rels" USING btree ("order");
  CREATE INDEX "programs_rels_parent_idx" ON "programs_rels" USING btree ("parent_id");
  CREATE INDEX "programs_rels_path_idx" ON "programs_rels" USING btree ("path");
  CREATE INDEX "programs_rels_bulletins_id_idx" ON "programs_rels" USING btree ("bulletins_id");
  CREATE INDEX "_programs_v_version_requirements_order_idx" ON "_programs_v_version_requirements" USING btree ("_order");
  CREATE INDEX "_programs_v_version_requirements_parent_id_idx" ON "_programs_v_version_requirements" USING btree ("_parent_id");
  CREATE INDEX "_programs_v_version_documents_order_idx" ON "_programs_v_version_documents" USING btree ("_order");
  CREATE INDEX "_programs_v_version_documents_parent_id_idx" ON "_programs_v_version_documents" USING btree ("_parent_id");
  CREATE INDEX "_programs_v_version_corrections_order_idx" ON "_programs_v_version_corrections" USING btree ("_order");
  CREATE INDEX "_programs_v_version_corrections_parent_id_idx" ON "_programs_v_version_corrections" USING btree ("_parent_id");
  CREATE INDEX "_programs_v_parent_idx" ON "_programs_v" USING btree ("parent_id");
  CREATE INDEX "_programs_v_version_version_slug_idx" ON "_programs_v" USING btree ("version_slug");
  CREATE INDEX "_programs_v_version_version_workflow_state_idx" ON "_programs_v" USING btree ("version_workflow_state");
  CREATE INDEX "_programs_v_version_version_updated_at_idx" ON "_programs_v" USING btree ("version_updated_at");
  CREATE INDEX "_programs_v_version_version_created_at_idx" ON "_programs_v" USING btree ("version_created_at");
  CREATE INDEX "_programs_v_version_version__status_idx" ON "_programs_v" USING btree ("version__status");
  CREATE INDEX "_programs_v_created_at_idx" ON "_programs_v" USING btree ("created_at");
  CREATE INDEX "_programs_v_updated_at_idx" ON "_programs_v" USING btree ("updated_at");
  CREATE INDEX "_programs_v_latest_idx" ON "_programs_v" USING btree ("latest");
  CREATE INDEX "_programs_v_rels_order_idx" ON "_programs_v_rels" USING btree ("order");
  CREATE INDEX "_programs_v_rels_parent_idx" ON "_programs_v_rels" USING btree ("parent_id");
  CREATE INDEX "_programs_v_rels_path_idx" ON "_programs_v_rels" USING btree ("path");
  CREATE INDEX "_programs_v_rels_bulletins_id_idx" ON "_programs_v_rels" USING btree ("bulletins_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_programs_fk" FOREIGN KEY ("programs_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_programs_id_idx" ON "payload_locked_documents_rels" USING btree ("programs_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "programs_requirements" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "programs_documents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "programs_corrections" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "programs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "programs_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v_version_requirements" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v_version_documents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v_version_corrections" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "programs_requirements" CASCADE;
  DROP TABLE "programs_documents" CASCADE;
  DROP TABLE "programs_corrections" CASCADE;
  DROP TABLE "programs" CASCADE;
  DROP TABLE "programs_rels" CASCADE;
  DROP TABLE "_programs_v_version_requirements" CASCADE;
  DROP TABLE "_programs_v_version_documents" CASCADE;
  DROP TABLE "_programs_v_version_corrections" CASCADE;
  DROP TABLE "_programs_v" CASCADE;
  DROP TABLE "_programs_v_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_programs_fk";
  
  DROP INDEX "payload_locked_documents_rels_programs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "programs_id";
  DROP TYPE "public"."enum_programs_issuing_level";
  DROP TYPE "public"."enum_programs_workflow_state";
  DROP TYPE "public"."enum_programs_status";
  DROP TYPE "public"."enum__programs_v_version_issuing_level";
  DROP TYPE "public"."enum__programs_v_version_workflow_state";
  DROP TYPE "public"."enum__programs_v_version_status";`)
}
