import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_council_reports_kind" AS ENUM('month', 'year');
  CREATE TYPE "public"."enum_council_reports_status" AS ENUM('pending', 'ready', 'failed');
  CREATE TABLE "council_reports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"period" varchar NOT NULL,
  	"kind" "enum_council_reports_kind",
  	"status" "enum_council_reports_status" DEFAULT 'pending',
  	"generated_at" timestamp(3) with time zone,
  	"error" varchar,
  	"html" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "council_reports_id" integer;
  CREATE INDEX "council_reports_updated_at_idx" ON "council_reports" USING btree ("updated_at");
  CREATE INDEX "council_reports_created_at_idx" ON "council_reports" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_council_reports_fk" FOREIGN KEY ("council_reports_id") REFERENCES "public"."council_reports"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_council_reports_id_idx" ON "payload_locked_documents_rels" USING btree ("council_reports_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "council_reports" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "council_reports" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_council_reports_fk";
  
  DROP INDEX "payload_locked_documents_rels_council_reports_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "council_reports_id";
  DROP TYPE "public"."enum_council_reports_kind";
  DROP TYPE "public"."enum_council_reports_status";`)
}
