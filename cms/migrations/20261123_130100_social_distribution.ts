import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_social_accounts_channel" AS ENUM('x', 'mastodon');
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'mastodon' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'mastodon' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'mastodon' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_status" ADD VALUE 'unknown' BEFORE 'skipped';
  CREATE TABLE "social_accounts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"channel" "enum_social_accounts_channel" NOT NULL,
  	"account" varchar NOT NULL,
  	"needs_reconnect" boolean DEFAULT false,
  	"error" varchar,
  	"error_at" timestamp(3) with time zone,
  	"rate_limit_reset_at" timestamp(3) with time zone,
  	"rate_limit_remaining" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "bulletin_channel_versionHash_idx";
  ALTER TABLE "distributions" ADD COLUMN "account" varchar DEFAULT 'principal' NOT NULL;
  ALTER TABLE "distributions" ADD COLUMN "is_urgent" boolean DEFAULT false;
  ALTER TABLE "distributions" ADD COLUMN "error_code" varchar;
  ALTER TABLE "distributions" ADD COLUMN "is_retryable" boolean DEFAULT false;
  ALTER TABLE "distributions" ADD COLUMN "next_attempt_at" timestamp(3) with time zone;
  ALTER TABLE "distributions" ADD COLUMN "waiting_reason" varchar;
  ALTER TABLE "distributions" ADD COLUMN "last_attempt_at" timestamp(3) with time zone;
  ALTER TABLE "distributions" ADD COLUMN "sending_job_id" varchar;
  ALTER TABLE "distributions" ADD COLUMN "resolved_by_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "social_accounts_id" integer;
  CREATE INDEX "social_accounts_updated_at_idx" ON "social_accounts" USING btree ("updated_at");
  CREATE INDEX "social_accounts_created_at_idx" ON "social_accounts" USING btree ("created_at");
  CREATE UNIQUE INDEX "channel_account_idx" ON "social_accounts" USING btree ("channel","account");
  ALTER TABLE "distributions" ADD CONSTRAINT "distributions_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_social_accounts_fk" FOREIGN KEY ("social_accounts_id") REFERENCES "public"."social_accounts"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "distributions_resolved_by_idx" ON "distributions" USING btree ("resolved_by_id");
  CREATE UNIQUE INDEX "bulletin_channel_account_versionHash_idx" ON "distributions" USING btree ("bulletin_id","channel","account","version_hash");
  CREATE INDEX "payload_locked_documents_rels_social_accounts_id_idx" ON "payload_locked_documents_rels" USING btree ("social_accounts_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "social_accounts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "social_accounts" CASCADE;
  ALTER TABLE "distributions" DROP CONSTRAINT "distributions_resolved_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_social_accounts_fk";
  
  ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_bulletins_distribute_to";
  CREATE TYPE "public"."enum_bulletins_distribute_to" AS ENUM('x', 'press-mailing');
  ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum_bulletins_distribute_to" USING "value"::"public"."enum_bulletins_distribute_to";
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum__bulletins_v_version_distribute_to";
  CREATE TYPE "public"."enum__bulletins_v_version_distribute_to" AS ENUM('x', 'press-mailing');
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum__bulletins_v_version_distribute_to" USING "value"::"public"."enum__bulletins_v_version_distribute_to";
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_distributions_channel";
  CREATE TYPE "public"."enum_distributions_channel" AS ENUM('x', 'press-mailing');
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_distributions_channel" USING "channel"::"public"."enum_distributions_channel";
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_distributions_status";
  CREATE TYPE "public"."enum_distributions_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."enum_distributions_status";
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DATA TYPE "public"."enum_distributions_status" USING "status"::"public"."enum_distributions_status";
  DROP INDEX "distributions_resolved_by_idx";
  DROP INDEX "bulletin_channel_account_versionHash_idx";
  DROP INDEX "payload_locked_documents_rels_social_accounts_id_idx";
  CREATE UNIQUE INDEX "bulletin_channel_versionHash_idx" ON "distributions" USING btree ("bulletin_id","channel","version_hash");
  ALTER TABLE "distributions" DROP COLUMN "account";
  ALTER TABLE "distributions" DROP COLUMN "is_urgent";
  ALTER TABLE "distributions" DROP COLUMN "error_code";
  ALTER TABLE "distributions" DROP COLUMN "is_retryable";
  ALTER TABLE "distributions" DROP COLUMN "next_attempt_at";
  ALTER TABLE "distributions" DROP COLUMN "waiting_reason";
  ALTER TABLE "distributions" DROP COLUMN "last_attempt_at";
  ALTER TABLE "distributions" DROP COLUMN "sending_job_id";
  ALTER TABLE "distributions" DROP COLUMN "resolved_by_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "social_accounts_id";
  DROP TYPE "public"."enum_social_accounts_channel";`)
}
