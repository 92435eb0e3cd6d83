import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_outlets_kind" AS ENUM('newspaper', 'digital', 'radio', 'tv', 'agency', 'other');
  CREATE TYPE "public"."enum_monitor_sources_health" AS ENUM('new', 'ok', 'error');
  CREATE TYPE "public"."enum_monitor_items_tone" AS ENUM('positiva', 'neutral', 'negativa');
  CREATE TYPE "public"."enum_monitor_items_relevance" AS ENUM('unreviewed', 'relevant', 'not-relevant');
  CREATE TYPE "public"."enum_synthesis_editions_status" AS ENUM('sending', 'sent', 'failed');
  CREATE TABLE "outlets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"kind" "enum_outlets_kind",
  	"website" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "monitor_sources" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"outlet_id" integer NOT NULL,
  	"url" varchar NOT NULL,
  	"active" boolean DEFAULT true,
  	"interval_minutes" numeric DEFAULT 30 NOT NULL,
  	"health" "enum_monitor_sources_health" DEFAULT 'new',
  	"last_error" varchar,
  	"notes" varchar,
  	"last_polled_at" timestamp(3) with time zone,
  	"last_success_at" timestamp(3) with time zone,
  	"next_poll_at" timestamp(3) with time zone,
  	"failures" numeric DEFAULT 0,
  	"items_last_poll" numeric,
  	"not_modified_count" numeric DEFAULT 0,
  	"etag" varchar,
  	"last_modified" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "monitor_items" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"url" varchar NOT NULL,
  	"summary" varchar,
  	"outlet_id" integer NOT NULL,
  	"source_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"first_seen_at" timestamp(3) with time zone NOT NULL,
  	"mentioned" boolean DEFAULT false,
  	"mentions" jsonb,
  	"department_id" integer,
  	"tone" "enum_monitor_items_tone",
  	"relevance" "enum_monitor_items_relevance" DEFAULT 'unreviewed' NOT NULL,
  	"picked_up_id" integer,
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "synthesis_editions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"status" "enum_synthesis_editions_status" DEFAULT 'sending' NOT NULL,
  	"period_start" timestamp(3) with time zone,
  	"period_end" timestamp(3) with time zone,
  	"item_count" numeric,
  	"sent_to" jsonb,
  	"sent_at" timestamp(3) with time zone,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "monitoring_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"synthesis_time" varchar DEFAULT '07:30' NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "monitoring_settings_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "outlets_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "monitor_sources_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "monitor_items_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "synthesis_editions_id" integer;
  ALTER TABLE "monitor_sources" ADD CONSTRAINT "monitor_sources_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_source_id_monitor_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."monitor_sources"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_picked_up_id_bulletins_id_fk" FOREIGN KEY ("picked_up_id") REFERENCES "public"."bulletins"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitor_items" ADD CONSTRAINT "monitor_items_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "monitoring_settings_texts" ADD CONSTRAINT "monitoring_settings_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."monitoring_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "outlets_name_idx" ON "outlets" USING btree ("name");
  CREATE INDEX "outlets_updated_at_idx" ON "outlets" USING btree ("updated_at");
  CREATE INDEX "outlets_created_at_idx" ON "outlets" USING btree ("created_at");
  CREATE INDEX "monitor_sources_outlet_idx" ON "monitor_sources" USING btree ("outlet_id");
  CREATE UNIQUE INDEX "monitor_sources_url_idx" ON "monitor_sources" USING btree ("url");
  CREATE INDEX "monitor_sources_health_idx" ON "monitor_sources" USING btree ("health");
  CREATE INDEX "monitor_sources_next_poll_at_idx" ON "monitor_sources" USING btree ("next_poll_at");
  CREATE INDEX "monitor_sources_updated_at_idx" ON "monitor_sources" USING btree ("updated_at");
  CREATE INDEX "monitor_sources_created_at_idx" ON "monitor_sources" USING btree ("created_at");
  CREATE UNIQUE INDEX "monitor_items_url_idx" ON "monitor_items" USING btree ("url");
  CREATE INDEX "monitor_items_outlet_idx" ON "monitor_items" USING btree ("outlet_id");
  CREATE INDEX "monitor_items_source_idx" ON "monitor_items" USING btree ("source_id");
  CREATE INDEX "monitor_items_first_seen_at_idx" ON "monitor_items" USING btree ("first_seen_at");
  CREATE INDEX "monitor_items_mentioned_idx" ON "monitor_items" USING btree ("mentioned");
  CREATE INDEX "monitor_items_department_idx" ON "monitor_items" USING btree ("department_id");
  CREATE INDEX "monitor_items_relevance_idx" ON "monitor_items" USING btree ("relevance");
  CREATE INDEX "monitor_items_picked_up_idx" ON "monitor_items" USING btree ("picked_up_id");
  CREATE INDEX "monitor_items_reviewed_by_idx" ON "monitor_items" USING btree ("reviewed_by_id");
  CREATE INDEX "monitor_items_updated_at_idx" ON "monitor_items" USING btree ("updated_at");
  CREATE INDEX "monitor_items_created_at_idx" ON "monitor_items" USING btree ("created_at");
  CREATE UNIQUE INDEX "synthesis_editions_day_idx" ON "synthesis_editions" USING btree ("day");
  CREATE INDEX "synthesis_editions_updated_at_idx" ON "synthesis_editions" USING btree ("updated_at");
  CREATE INDEX "synthesis_editions_created_at_idx" ON "synthesis_editions" USING btree ("created_at");
  CREATE INDEX "monitoring_settings_texts_order_parent" ON "monitoring_settings_texts" USING btree ("order","parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_outlets_fk" FOREIGN KEY ("outlets_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_monitor_sources_fk" FOREIGN KEY ("monitor_sources_id") REFERENCES "public"."monitor_sources"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_monitor_items_fk" FOREIGN KEY ("monitor_items_id") REFERENCES "public"."monitor_items"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_synthesis_editions_fk" FOREIGN KEY ("synthesis_editions_id") REFERENCES "public"."synthesis_editions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_outlets_id_idx" ON "payload_locked_documents_rels" USING btree ("outlets_id");
  CREATE INDEX "payload_locked_documents_rels_monitor_sources_id_idx" ON "payload_locked_documents_rels" USING btree ("monitor_sources_id");
  CREATE INDEX "payload_locked_documents_rels_monitor_items_id_idx" ON "payload_locked_documents_rels" USING btree ("monitor_items_id");
  CREATE INDEX "payload_locked_documents_rels_synthesis_editions_id_idx" ON "payload_locked_documents_rels" USING btree ("synthesis_editions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "outlets" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitor_sources" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitor_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "synthesis_editions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitoring_settings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "monitoring_settings_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "outlets" CASCADE;
  DROP TABLE "monitor_sources" CASCADE;
  DROP TABLE "monitor_items" CASCADE;
  DROP TABLE "synthesis_editions" CASCADE;
  DROP TABLE "monitoring_settings" CASCADE;
  DROP TABLE "monitoring_settings_texts" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_outlets_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_monitor_sources_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_monitor_items_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_synthesis_editions_fk";
  
  DROP INDEX "payload_locked_documents_rels_outlets_id_idx";
  DROP INDEX "payload_locked_documents_rels_monitor_sources_id_idx";
  DROP INDEX "payload_locked_documents_rels_monitor_items_id_idx";
  DROP INDEX "payload_locked_documents_rels_synthesis_editions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "outlets_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "monitor_sources_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "monitor_items_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "synthesis_editions_id";
  DROP TYPE "public"."enum_outlets_kind";
  DROP TYPE "public"."enum_monitor_sources_health";
  DROP TYPE "public"."enum_monitor_items_tone";
  DROP TYPE "public"."enum_monitor_items_relevance";
  DROP TYPE "public"."enum_synthesis_editions_status";`)
}
