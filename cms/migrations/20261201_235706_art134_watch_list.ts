import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_media_shows_public_servant" AS ENUM('no', 'si');
  CREATE TABLE "site_settings_public_servants" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL
  );
  
  CREATE TABLE "site_settings_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "media" ADD COLUMN "shows_public_servant" "enum_media_shows_public_servant";
  ALTER TABLE "site_settings_public_servants" ADD CONSTRAINT "site_settings_public_servants_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."site_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "site_settings_texts" ADD CONSTRAINT "site_settings_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."site_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "site_settings_public_servants_order_idx" ON "site_settings_public_servants" USING btree ("_order");
  CREATE INDEX "site_settings_public_servants_parent_id_idx" ON "site_settings_public_servants" USING btree ("_parent_id");
  CREATE INDEX "site_settings_texts_order_parent" ON "site_settings_texts" USING btree ("order","parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "site_settings_public_servants" CASCADE;
  DROP TABLE "site_settings_texts" CASCADE;
  ALTER TABLE "media" DROP COLUMN "shows_public_servant";
  DROP TYPE "public"."enum_media_shows_public_servant";`)
}
