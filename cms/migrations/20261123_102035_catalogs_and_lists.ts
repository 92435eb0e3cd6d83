import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_mailing_lists_audience" AS ENUM('press', 'subscribers');
  CREATE TYPE "public"."enum_site_settings_social_links_network" AS ENUM('x', 'facebook', 'instagram', 'youtube', 'mastodon', 'bluesky', 'tiktok');
  CREATE TABLE "press_contacts_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"departments_id" integer,
  	"mailing_lists_id" integer
  );
  
  CREATE TABLE "mailing_lists" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"audience" "enum_mailing_lists_audience" DEFAULT 'press' NOT NULL,
  	"description" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "site_settings_social_links" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"network" "enum_site_settings_social_links_network" NOT NULL,
  	"url" varchar NOT NULL
  );
  
  ALTER TABLE "departments" ADD COLUMN "head" varchar;
  ALTER TABLE "departments" ADD COLUMN "contact_email" varchar;
  ALTER TABLE "departments" ADD COLUMN "contact_phone" varchar;
  ALTER TABLE "departments" ADD COLUMN "description" varchar;
  ALTER TABLE "press_contacts" ADD COLUMN "phone" varchar;
  ALTER TABLE "press_contacts" ADD COLUMN "consent_at" timestamp(3) with time zone;
  ALTER TABLE "press_contacts" ADD COLUMN "consent_source" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "mailing_lists_id" integer;
  ALTER TABLE "site_settings" ADD COLUMN "logo_id" integer;
  ALTER TABLE "site_settings" ADD COLUMN "contact_email" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "contact_phone" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "address" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "privacy_notice_url" varchar;
  ALTER TABLE "press_contacts_rels" ADD CONSTRAINT "press_contacts_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."press_contacts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "press_contacts_rels" ADD CONSTRAINT "press_contacts_rels_departments_fk" FOREIGN KEY ("departments_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "press_contacts_rels" ADD CONSTRAINT "press_contacts_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "site_settings_social_links" ADD CONSTRAINT "site_settings_social_links_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."site_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "press_contacts_rels_order_idx" ON "press_contacts_rels" USING btree ("order");
  CREATE INDEX "press_contacts_rels_parent_idx" ON "press_contacts_rels" USING btree ("parent_id");
  CREATE INDEX "press_contacts_rels_path_idx" ON "press_contacts_rels" USING btree ("path");
  CREATE INDEX "press_contacts_rels_departments_id_idx" ON "press_contacts_rels" USING btree ("departments_id");
  CREATE INDEX "press_contacts_rels_mailing_lists_id_idx" ON "press_contacts_rels" USING btree ("mailing_lists_id");
  CREATE UNIQUE INDEX "mailing_lists_name_idx" ON "mailing_lists" USING btree ("name");
  CREATE UNIQUE INDEX "mailing_lists_slug_idx" ON "mailing_lists" USING btree ("slug");
  CREATE INDEX "mailing_lists_updated_at_idx" ON "mailing_lists" USING btree ("updated_at");
  CREATE INDEX "mailing_lists_created_at_idx" ON "mailing_lists" USING btree ("created_at");
  CREATE INDEX "site_settings_social_links_order_idx" ON "site_settings_social_links" USING btree ("_order");
  CREATE INDEX "site_settings_social_links_parent_id_idx" ON "site_settings_social_links" USING btree ("_parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_logo_id_media_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_mailing_lists_id_idx" ON "payload_locked_documents_rels" USING btree ("mailing_lists_id");
  CREATE INDEX "site_settings_logo_idx" ON "site_settings" USING btree ("logo_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "press_contacts_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "mailing_lists" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "site_settings_social_links" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "press_contacts_rels" CASCADE;
  DROP TABLE "mailing_lists" CASCADE;
  DROP TABLE "site_settings_social_links" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_mailing_lists_fk";
  
  ALTER TABLE "site_settings" DROP CONSTRAINT "site_settings_logo_id_media_id_fk";
  
  DROP INDEX "payload_locked_documents_rels_mailing_lists_id_idx";
  DROP INDEX "site_settings_logo_idx";
  ALTER TABLE "departments" DROP COLUMN "head";
  ALTER TABLE "departments" DROP COLUMN "contact_email";
  ALTER TABLE "departments" DROP COLUMN "contact_phone";
  ALTER TABLE "departments" DROP COLUMN "description";
  ALTER TABLE "press_contacts" DROP COLUMN "phone";
  ALTER TABLE "press_contacts" DROP COLUMN "consent_at";
  ALTER TABLE "press_contacts" DROP COLUMN "consent_source";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "mailing_lists_id";
  ALTER TABLE "site_settings" DROP COLUMN "logo_id";
  ALTER TABLE "site_settings" DROP COLUMN "contact_email";
  ALTER TABLE "site_settings" DROP COLUMN "contact_phone";
  ALTER TABLE "site_settings" DROP COLUMN "address";
  ALTER TABLE "site_settings" DROP COLUMN "privacy_notice_url";
  DROP TYPE "public"."enum_mailing_lists_audience";
  DROP TYPE "public"."enum_site_settings_social_links_network";`)
}
