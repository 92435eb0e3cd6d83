import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_subscribers_kinds" AS ENUM('boletin', 'comunicado', 'aviso', 'posicionamiento');
  CREATE TYPE "public"."enum_subscribers_status" AS ENUM('pending', 'active', 'unsubscribed', 'bounced');
  CREATE TYPE "public"."enum_subscribers_frequency" AS ENUM('immediate', 'daily', 'weekly');
  CREATE TYPE "public"."enum_subscriber_digests_frequency" AS ENUM('daily', 'weekly');
  CREATE TYPE "public"."enum_subscriber_digests_status" AS ENUM('pending', 'sending', 'sent', 'failed');
  CREATE TYPE "public"."enum_subscriber_deliveries_status" AS ENUM('pending', 'sent', 'bounced', 'failed', 'unknown', 'suppressed');
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'subscribers';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'subscribers';
  ALTER TYPE "public"."enum_programs_distribute_to" ADD VALUE 'subscribers';
  ALTER TYPE "public"."enum__programs_v_version_distribute_to" ADD VALUE 'subscribers';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'subscribers';
  CREATE TABLE "subscribers_kinds" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_subscribers_kinds",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "subscribers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"email" varchar NOT NULL,
  	"status" "enum_subscribers_status" DEFAULT 'pending' NOT NULL,
  	"frequency" "enum_subscribers_frequency" DEFAULT 'immediate' NOT NULL,
  	"include_bulletins" boolean DEFAULT true,
  	"include_programs" boolean DEFAULT true,
  	"emergencies" boolean DEFAULT true,
  	"privacy_version" varchar,
  	"privacy_accepted_at" timestamp(3) with time zone,
  	"requested_at" timestamp(3) with time zone,
  	"confirmed_at" timestamp(3) with time zone,
  	"unsubscribed_at" timestamp(3) with time zone,
  	"pending_choice" jsonb,
  	"confirmations_sent" numeric DEFAULT 0,
  	"last_confirmation_at" timestamp(3) with time zone,
  	"bounce_at" timestamp(3) with time zone,
  	"bounce_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "subscribers_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"departments_id" integer
  );
  
  CREATE TABLE "subscriber_digests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"frequency" "enum_subscriber_digests_frequency" NOT NULL,
  	"period_start" timestamp(3) with time zone NOT NULL,
  	"period_end" timestamp(3) with time zone NOT NULL,
  	"status" "enum_subscriber_digests_status" DEFAULT 'pending' NOT NULL,
  	"detail" jsonb,
  	"error" varchar,
  	"completed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "subscriber_deliveries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"distribution_id" integer,
  	"digest_id" integer,
  	"subscriber_id" integer,
  	"email" varchar,
  	"content_key" varchar,
  	"status" "enum_subscriber_deliveries_status" DEFAULT 'pending' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"next_attempt_at" timestamp(3) with time zone,
  	"sent_at" timestamp(3) with time zone,
  	"response_code" numeric,
  	"message_id" varchar,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscribers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscriber_digests_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscriber_deliveries_id" integer;
  ALTER TABLE "site_settings" ADD COLUMN "privacy_notice_version" varchar DEFAULT '1';
  ALTER TABLE "subscribers_kinds" ADD CONSTRAINT "subscribers_kinds_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_rels" ADD CONSTRAINT "subscribers_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_rels" ADD CONSTRAINT "subscribers_rels_departments_fk" FOREIGN KEY ("departments_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_distribution_id_distributions_id_fk" FOREIGN KEY ("distribution_id") REFERENCES "public"."distributions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_digest_id_subscriber_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."subscriber_digests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscribers_kinds_order_idx" ON "subscribers_kinds" USING btree ("order");
  CREATE INDEX "subscribers_kinds_parent_idx" ON "subscribers_kinds" USING btree ("parent_id");
  CREATE UNIQUE INDEX "subscribers_email_idx" ON "subscribers" USING btree ("email");
  CREATE INDEX "subscribers_updated_at_idx" ON "subscribers" USING btree ("updated_at");
  CREATE INDEX "subscribers_created_at_idx" ON "subscribers" USING btree ("created_at");
  CREATE INDEX "status_frequency_idx" ON "subscribers" USING btree ("status","frequency");
  CREATE INDEX "subscribers_rels_order_idx" ON "subscribers_rels" USING btree ("order");
  CREATE INDEX "subscribers_rels_parent_idx" ON "subscribers_rels" USING btree ("parent_id");
  CREATE INDEX "subscribers_rels_path_idx" ON "subscribers_rels" USING btree ("path");
  CREATE INDEX "subscribers_rels_departments_id_idx" ON "subscribers_rels" USING btree ("departments_id");
  CREATE INDEX "subscriber_digests_updated_at_idx" ON "subscriber_digests" USING btree ("updated_at");
  CREATE INDEX "subscriber_digests_created_at_idx" ON "subscriber_digests" USING btree ("created_at");
  CREATE UNIQUE INDEX "frequency_periodEnd_idx" ON "subscriber_digests" USING btree ("frequency","period_end");
  CREATE INDEX "subscriber_deliveries_distribution_idx" ON "subscriber_deliveries" USING btree ("distribution_id");
  CREATE INDEX "subscriber_deliveries_digest_idx" ON "subscriber_deliveries" USING btree ("digest_id");
  CREATE INDEX "subscriber_deliveries_subscriber_idx" ON "subscriber_deliveries" USING btree ("subscriber_id");
  CREATE INDEX "subscriber_deliveries_updated_at_idx" ON "subscriber_deliveries" USING btree ("updated_at");
  CREATE INDEX "subscriber_deliveries_created_at_idx" ON "subscriber_deliveries" USING btree ("created_at");
  CREATE UNIQUE INDEX "distribution_subscriber_idx" ON "subscriber_deliveries" USING btree ("distribution_id","subscriber_id");
  CREATE UNIQUE INDEX "digest_subscriber_idx" ON "subscriber_deliveries" USING btree ("digest_id","subscriber_id");
  CREATE INDEX "subscriber_status_idx" ON "subscriber_deliveries" USING btree ("subscriber_id","status");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscribers_fk" FOREIGN KEY ("subscribers_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscriber_digests_fk" FOREIGN KEY ("subscriber_digests_id") REFERENCES "public"."subscriber_digests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscriber_deliveries_fk" FOREIGN KEY ("subscriber_deliveries_id") REFERENCES "public"."subscriber_deliveries"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_subscribers_id_idx" ON "payload_locked_documents_rels" USING btree ("subscribers_id");
  CREATE INDEX "payload_locked_documents_rels_subscriber_digests_id_idx" ON "payload_locked_documents_rels" USING btree ("subscriber_digests_id");
  CREATE INDEX "payload_locked_documents_rels_subscriber_deliveries_id_idx" ON "payload_locked_documents_rels" USING btree ("subscriber_deliveries_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscribers_kinds" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscribers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscribers_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriber_digests" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriber_deliveries" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "subscribers_kinds" CASCADE;
  DROP TABLE "subscribers" CASCADE;
  DROP TABLE "subscribers_rels" CASCADE;
  DROP TABLE "subscriber_digests" CASCADE;
  DROP TABLE "subscriber_deliveries" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscribers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscriber_digests_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscriber_deliveries_fk";
  
  ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_bulletins_distribute_to";
  CREATE TYPE "public"."enum_bulletins_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'instagram', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum_bulletins_distribute_to" USING "value"::"public"."enum_bulletins_distribute_to";
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum__bulletins_v_version_distribute_to";
  CREATE TYPE "public"."enum__bulletins_v_version_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'instagram', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum__bulletins_v_version_distribute_to" USING "value"::"public"."enum__bulletins_v_version_distribute_to";
  ALTER TABLE "programs_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_programs_distribute_to";
  CREATE TYPE "public"."enum_programs_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  ALTER TABLE "programs_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum_programs_distribute_to" USING "value"::"public"."enum_programs_distribute_to";
  ALTER TABLE "_programs_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum__programs_v_version_distribute_to";
  CREATE TYPE "public"."enum__programs_v_version_distribute_to" AS ENUM('x', 'mastodon', 'facebook', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  ALTER TABLE "_programs_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum__programs_v_version_distribute_to" USING "value"::"public"."enum__programs_v_version_distribute_to";
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_distributions_channel";
  CREATE TYPE "public"."enum_distributions_channel" AS ENUM('x', 'mastodon', 'facebook', 'instagram', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing');
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_distributions_channel" USING "channel"::"public"."enum_distributions_channel";
  DROP INDEX "payload_locked_documents_rels_subscribers_id_idx";
  DROP INDEX "payload_locked_documents_rels_subscriber_digests_id_idx";
  DROP INDEX "payload_locked_documents_rels_subscriber_deliveries_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscribers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscriber_digests_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscriber_deliveries_id";
  ALTER TABLE "site_settings" DROP COLUMN "privacy_notice_version";
  DROP TYPE "public"."enum_subscribers_kinds";
  DROP TYPE "public"."enum_subscribers_status";
  DROP TYPE "public"."enum_subscribers_frequency";
  DROP TYPE "public"."enum_subscriber_digests_frequency";
  DROP TYPE "public"."enum_subscriber_digests_status";
  DROP TYPE "public"."enum_subscriber_deliveries_status";`)
}
