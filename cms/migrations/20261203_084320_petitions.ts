import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_petitions_channel" AS ENUM('portal', 'facebook', 'whatsapp', 'instagram', 'x', 'tiktok', 'phone', 'in-person', 'other');
  CREATE TYPE "public"."enum_petitions_state" AS ENUM('recibida', 'turnada', 'atendida', 'cerrada');
  -- Folios (PET-<year>-<n>) come from their own sequence: never reused, not even after a rolled-back insert.
  CREATE SEQUENCE "petition_folio_seq";
  CREATE TABLE "petitions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"folio" varchar,
  	"channel" "enum_petitions_channel" DEFAULT 'facebook' NOT NULL,
  	"link" varchar,
  	"summary" varchar NOT NULL,
  	"text" varchar NOT NULL,
  	"place" varchar,
  	"name" varchar,
  	"email" varchar,
  	"phone" varchar,
  	"privacy_notice_version" varchar,
  	"department_id" integer,
  	"state" "enum_petitions_state" DEFAULT 'recibida' NOT NULL,
  	"due_date" timestamp(3) with time zone,
  	"response" varchar,
  	"received_at" timestamp(3) with time zone,
  	"turned_at" timestamp(3) with time zone,
  	"attended_at" timestamp(3) with time zone,
  	"closed_at" timestamp(3) with time zone,
  	"history" jsonb,
  	"department_notice" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "petitions_id" integer;
  ALTER TABLE "petitions" ADD CONSTRAINT "petitions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "petitions_folio_idx" ON "petitions" USING btree ("folio");
  CREATE INDEX "petitions_department_idx" ON "petitions" USING btree ("department_id");
  CREATE INDEX "petitions_state_idx" ON "petitions" USING btree ("state");
  CREATE INDEX "petitions_received_at_idx" ON "petitions" USING btree ("received_at");
  CREATE INDEX "petitions_updated_at_idx" ON "petitions" USING btree ("updated_at");
  CREATE INDEX "petitions_created_at_idx" ON "petitions" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_petitions_fk" FOREIGN KEY ("petitions_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_petitions_id_idx" ON "payload_locked_documents_rels" USING btree ("petitions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "petitions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "petitions" CASCADE;
  DROP SEQUENCE "petition_folio_seq";
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_petitions_fk";
  
  DROP INDEX "payload_locked_documents_rels_petitions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "petitions_id";
  DROP TYPE "public"."enum_petitions_channel";
  DROP TYPE "public"."enum_petitions_state";`)
}
