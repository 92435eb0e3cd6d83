import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_social_accounts_source" AS ENUM('environment', 'admin');
  CREATE TABLE "departments_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"social_accounts_id" integer
  );
  
  UPDATE "social_accounts" SET "label" = "channel" || ' · ' || "account" WHERE "label" IS NULL;
  ALTER TABLE "social_accounts" ALTER COLUMN "label" SET NOT NULL;
  ALTER TABLE "bulletins_rels" ADD COLUMN "social_accounts_id" integer;
  ALTER TABLE "_bulletins_v_rels" ADD COLUMN "social_accounts_id" integer;
  ALTER TABLE "social_accounts" ADD COLUMN "source" "enum_social_accounts_source" DEFAULT 'admin';
  ALTER TABLE "social_accounts" ADD COLUMN "is_active" boolean DEFAULT true;
  ALTER TABLE "social_accounts" ADD COLUMN "credentials_summary" varchar;
  ALTER TABLE "social_accounts" ADD COLUMN "credentials_saved_at" timestamp(3) with time zone;
  ALTER TABLE "social_accounts" ADD COLUMN "sealed_credentials" varchar;
  -- Until now the worker made every row, for the main account of a network (from the environment).
  UPDATE "social_accounts" SET "source" = 'environment';
  ALTER TABLE "departments_rels" ADD CONSTRAINT "departments_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "departments_rels" ADD CONSTRAINT "departments_rels_social_accounts_fk" FOREIGN KEY ("social_accounts_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "departments_rels_order_idx" ON "departments_rels" USING btree ("order");
  CREATE INDEX "departments_rels_parent_idx" ON "departments_rels" USING btree ("parent_id");
  CREATE INDEX "departments_rels_path_idx" ON "departments_rels" USING btree ("path");
  CREATE INDEX "departments_rels_social_accounts_id_idx" ON "departments_rels" USING btree ("social_accounts_id");
  ALTER TABLE "bulletins_rels" ADD CONSTRAINT "bulletins_rels_social_accounts_fk" FOREIGN KEY ("social_accounts_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_rels" ADD CONSTRAINT "_bulletins_v_rels_social_accounts_fk" FOREIGN KEY ("social_accounts_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_rels_social_accounts_id_idx" ON "bulletins_rels" USING btree ("social_accounts_id");
  CREATE INDEX "_bulletins_v_rels_social_accounts_id_idx" ON "_bulletins_v_rels" USING btree ("social_accounts_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "departments_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "departments_rels" CASCADE;
  ALTER TABLE "bulletins_rels" DROP CONSTRAINT "bulletins_rels_social_accounts_fk";
  
  ALTER TABLE "_bulletins_v_rels" DROP CONSTRAINT "_bulletins_v_rels_social_accounts_fk";
  
  DROP INDEX "bulletins_rels_social_accounts_id_idx";
  DROP INDEX "_bulletins_v_rels_social_accounts_id_idx";
  ALTER TABLE "social_accounts" ALTER COLUMN "label" DROP NOT NULL;
  ALTER TABLE "bulletins_rels" DROP COLUMN "social_accounts_id";
  ALTER TABLE "_bulletins_v_rels" DROP COLUMN "social_accounts_id";
  ALTER TABLE "social_accounts" DROP COLUMN "source";
  ALTER TABLE "social_accounts" DROP COLUMN "is_active";
  ALTER TABLE "social_accounts" DROP COLUMN "credentials_summary";
  ALTER TABLE "social_accounts" DROP COLUMN "credentials_saved_at";
  ALTER TABLE "social_accounts" DROP COLUMN "sealed_credentials";
  DROP TYPE "public"."enum_social_accounts_source";`)
}
