import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_programs_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  CREATE TYPE "public"."enum__programs_v_version_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  CREATE TABLE "programs_distribute_to" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_programs_distribute_to",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_programs_v_version_distribute_to" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__programs_v_version_distribute_to",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "distributions" ALTER COLUMN "bulletin_id" DROP NOT NULL;
  ALTER TABLE "programs_rels" ADD COLUMN "mailing_lists_id" integer;
  ALTER TABLE "_programs_v_rels" ADD COLUMN "mailing_lists_id" integer;
  ALTER TABLE "distributions" ADD COLUMN "program_id" integer;
  ALTER TABLE "programs_distribute_to" ADD CONSTRAINT "programs_distribute_to_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_version_distribute_to" ADD CONSTRAINT "_programs_v_version_distribute_to_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_programs_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "programs_distribute_to_order_idx" ON "programs_distribute_to" USING btree ("order");
  CREATE INDEX "programs_distribute_to_parent_idx" ON "programs_distribute_to" USING btree ("parent_id");
  CREATE INDEX "_programs_v_version_distribute_to_order_idx" ON "_programs_v_version_distribute_to" USING btree ("order");
  CREATE INDEX "_programs_v_version_distribute_to_parent_idx" ON "_programs_v_version_distribute_to" USING btree ("parent_id");
  ALTER TABLE "programs_rels" ADD CONSTRAINT "programs_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_rels" ADD CONSTRAINT "_programs_v_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "distributions" ADD CONSTRAINT "distributions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "programs_rels_mailing_lists_id_idx" ON "programs_rels" USING btree ("mailing_lists_id");
  CREATE INDEX "_programs_v_rels_mailing_lists_id_idx" ON "_programs_v_rels" USING btree ("mailing_lists_id");
  CREATE INDEX "distributions_program_idx" ON "distributions" USING btree ("program_id");
  CREATE UNIQUE INDEX "program_channel_account_versionHash_idx" ON "distributions" USING btree ("program_id","channel","account","version_hash");
  -- A row names exactly one bulletin or program. As before (bulletin_id was NOT NULL), an item that went out
  -- cannot be deleted from under its ledger: the foreign keys' SET NULL then fails this check.
  ALTER TABLE "distributions" ADD CONSTRAINT "distributions_one_item" CHECK (("bulletin_id" IS NULL) <> ("program_id" IS NULL));`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "distributions" DROP CONSTRAINT "distributions_one_item";
  DELETE FROM "distributions" WHERE "program_id" IS NOT NULL;
  ALTER TABLE "programs_distribute_to" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_programs_v_version_distribute_to" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "programs_distribute_to" CASCADE;
  DROP TABLE "_programs_v_version_distribute_to" CASCADE;
  ALTER TABLE "programs_rels" DROP CONSTRAINT "programs_rels_mailing_lists_fk";
  
  ALTER TABLE "_programs_v_rels" DROP CONSTRAINT "_programs_v_rels_mailing_lists_fk";
  
  ALTER TABLE "distributions" DROP CONSTRAINT "distributions_program_id_programs_id_fk";
  
  DROP INDEX "programs_rels_mailing_lists_id_idx";
  DROP INDEX "_programs_v_rels_mailing_lists_id_idx";
  DROP INDEX "distributions_program_idx";
  DROP INDEX "program_channel_account_versionHash_idx";
  ALTER TABLE "distributions" ALTER COLUMN "bulletin_id" SET NOT NULL;
  ALTER TABLE "programs_rels" DROP COLUMN "mailing_lists_id";
  ALTER TABLE "_programs_v_rels" DROP COLUMN "mailing_lists_id";
  ALTER TABLE "distributions" DROP COLUMN "program_id";
  DROP TYPE "public"."enum_programs_distribute_to";
  DROP TYPE "public"."enum__programs_v_version_distribute_to";`)
}
