import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_bulletins_classification" AS ENUM('informativo', 'campana', 'logros', 'emergencia');
  CREATE TYPE "public"."enum_bulletins_blackout_exception" AS ENUM('salud', 'educacion', 'proteccion-civil', 'autoridad-electoral');
  CREATE TYPE "public"."enum__bulletins_v_version_classification" AS ENUM('informativo', 'campana', 'logros', 'emergencia');
  CREATE TYPE "public"."enum__bulletins_v_version_blackout_exception" AS ENUM('salud', 'educacion', 'proteccion-civil', 'autoridad-electoral');
  CREATE TYPE "public"."enum_programs_classification" AS ENUM('informativo', 'campana', 'logros', 'emergencia');
  CREATE TYPE "public"."enum_programs_blackout_exception" AS ENUM('salud', 'educacion', 'proteccion-civil', 'autoridad-electoral');
  CREATE TYPE "public"."enum__programs_v_version_classification" AS ENUM('informativo', 'campana', 'logros', 'emergencia');
  CREATE TYPE "public"."enum__programs_v_version_blackout_exception" AS ENUM('salud', 'educacion', 'proteccion-civil', 'autoridad-electoral');
  CREATE TYPE "public"."enum_blackout_periods_kind" AS ENUM('federal', 'estatal', 'municipal', 'consulta', 'revocacion');
  CREATE TABLE "blackout_periods" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"kind" "enum_blackout_periods_kind" NOT NULL,
  	"starts_at" timestamp(3) with time zone NOT NULL,
  	"ends_at" timestamp(3) with time zone NOT NULL,
  	"territory" varchar NOT NULL,
  	"source_url" varchar,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "bulletins" ADD COLUMN "classification" "enum_bulletins_classification";
  ALTER TABLE "bulletins" ADD COLUMN "blackout_exception" "enum_bulletins_blackout_exception";
  ALTER TABLE "bulletins" ADD COLUMN "blackout_justification" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "blackout_hold" jsonb;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_classification" "enum__bulletins_v_version_classification";
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_blackout_exception" "enum__bulletins_v_version_blackout_exception";
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_blackout_justification" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_blackout_hold" jsonb;
  ALTER TABLE "programs" ADD COLUMN "classification" "enum_programs_classification";
  ALTER TABLE "programs" ADD COLUMN "blackout_exception" "enum_programs_blackout_exception";
  ALTER TABLE "programs" ADD COLUMN "blackout_justification" varchar;
  ALTER TABLE "programs" ADD COLUMN "blackout_hold" jsonb;
  ALTER TABLE "_programs_v" ADD COLUMN "version_classification" "enum__programs_v_version_classification";
  ALTER TABLE "_programs_v" ADD COLUMN "version_blackout_exception" "enum__programs_v_version_blackout_exception";
  ALTER TABLE "_programs_v" ADD COLUMN "version_blackout_justification" varchar;
  ALTER TABLE "_programs_v" ADD COLUMN "version_blackout_hold" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "blackout_periods_id" integer;
  CREATE INDEX "blackout_periods_starts_at_idx" ON "blackout_periods" USING btree ("starts_at");
  CREATE INDEX "blackout_periods_ends_at_idx" ON "blackout_periods" USING btree ("ends_at");
  CREATE INDEX "blackout_periods_updated_at_idx" ON "blackout_periods" USING btree ("updated_at");
  CREATE INDEX "blackout_periods_created_at_idx" ON "blackout_periods" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_blackout_periods_fk" FOREIGN KEY ("blackout_periods_id") REFERENCES "public"."blackout_periods"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_classification_idx" ON "bulletins" USING btree ("classification");
  CREATE INDEX "_bulletins_v_version_version_classification_idx" ON "_bulletins_v" USING btree ("version_classification");
  CREATE INDEX "programs_classification_idx" ON "programs" USING btree ("classification");
  CREATE INDEX "_programs_v_version_version_classification_idx" ON "_programs_v" USING btree ("version_classification");
  CREATE INDEX "payload_locked_documents_rels_blackout_periods_id_idx" ON "payload_locked_documents_rels" USING btree ("blackout_periods_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_blackout_periods_fk";
  ALTER TABLE "blackout_periods" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "blackout_periods" CASCADE;
  
  DROP INDEX "bulletins_classification_idx";
  DROP INDEX "_bulletins_v_version_version_classification_idx";
  DROP INDEX "programs_classification_idx";
  DROP INDEX "_programs_v_version_version_classification_idx";
  DROP INDEX "payload_locked_documents_rels_blackout_periods_id_idx";
  ALTER TABLE "bulletins" DROP COLUMN "classification";
  ALTER TABLE "bulletins" DROP COLUMN "blackout_exception";
  ALTER TABLE "bulletins" DROP COLUMN "blackout_justification";
  ALTER TABLE "bulletins" DROP COLUMN "blackout_hold";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_classification";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_blackout_exception";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_blackout_justification";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_blackout_hold";
  ALTER TABLE "programs" DROP COLUMN "classification";
  ALTER TABLE "programs" DROP COLUMN "blackout_exception";
  ALTER TABLE "programs" DROP COLUMN "blackout_justification";
  ALTER TABLE "programs" DROP COLUMN "blackout_hold";
  ALTER TABLE "_programs_v" DROP COLUMN "version_classification";
  ALTER TABLE "_programs_v" DROP COLUMN "version_blackout_exception";
  ALTER TABLE "_programs_v" DROP COLUMN "version_blackout_justification";
  ALTER TABLE "_programs_v" DROP COLUMN "version_blackout_hold";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "blackout_periods_id";
  DROP TYPE "public"."enum_bulletins_classification";
  DROP TYPE "public"."enum_bulletins_blackout_exception";
  DROP TYPE "public"."enum__bulletins_v_version_classification";
  DROP TYPE "public"."enum__bulletins_v_version_blackout_exception";
  DROP TYPE "public"."enum_programs_classification";
  DROP TYPE "public"."enum_programs_blackout_exception";
  DROP TYPE "public"."enum__programs_v_version_classification";
  DROP TYPE "public"."enum__programs_v_version_blackout_exception";
  DROP TYPE "public"."enum_blackout_periods_kind";`)
}
