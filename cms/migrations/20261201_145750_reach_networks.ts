import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'facebook' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'instagram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'threads' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'bluesky' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'telegram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_bulletins_distribute_to" ADD VALUE 'whatsapp' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'facebook' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'instagram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'threads' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'bluesky' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'telegram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum__bulletins_v_version_distribute_to" ADD VALUE 'whatsapp' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'facebook' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'instagram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'threads' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'bluesky' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'telegram' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_distributions_channel" ADD VALUE 'whatsapp' BEFORE 'press-mailing';
  ALTER TYPE "public"."enum_social_accounts_channel" ADD VALUE 'facebook';
  ALTER TYPE "public"."enum_social_accounts_channel" ADD VALUE 'instagram';
  ALTER TYPE "public"."enum_social_accounts_channel" ADD VALUE 'threads';
  ALTER TYPE "public"."enum_social_accounts_channel" ADD VALUE 'bluesky';
  ALTER TYPE "public"."enum_social_accounts_channel" ADD VALUE 'telegram';
  ALTER TABLE "bulletins" ADD COLUMN "mastodon_text" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "facebook_text" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "instagram_text" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "threads_text" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "bluesky_text" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "telegram_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_mastodon_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_facebook_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_instagram_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_threads_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_bluesky_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_telegram_text" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_bulletins_distribute_to";
  CREATE TYPE "public"."enum_bulletins_distribute_to" AS ENUM('x', 'mastodon', 'press-mailing');
  ALTER TABLE "bulletins_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum_bulletins_distribute_to" USING "value"::"public"."enum_bulletins_distribute_to";
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum__bulletins_v_version_distribute_to";
  CREATE TYPE "public"."enum__bulletins_v_version_distribute_to" AS ENUM('x', 'mastodon', 'press-mailing');
  ALTER TABLE "_bulletins_v_version_distribute_to" ALTER COLUMN "value" SET DATA TYPE "public"."enum__bulletins_v_version_distribute_to" USING "value"::"public"."enum__bulletins_v_version_distribute_to";
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_distributions_channel";
  CREATE TYPE "public"."enum_distributions_channel" AS ENUM('x', 'mastodon', 'press-mailing');
  ALTER TABLE "distributions" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_distributions_channel" USING "channel"::"public"."enum_distributions_channel";
  ALTER TABLE "social_accounts" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_social_accounts_channel";
  CREATE TYPE "public"."enum_social_accounts_channel" AS ENUM('x', 'mastodon');
  ALTER TABLE "social_accounts" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_social_accounts_channel" USING "channel"::"public"."enum_social_accounts_channel";
  ALTER TABLE "bulletins" DROP COLUMN "mastodon_text";
  ALTER TABLE "bulletins" DROP COLUMN "facebook_text";
  ALTER TABLE "bulletins" DROP COLUMN "instagram_text";
  ALTER TABLE "bulletins" DROP COLUMN "threads_text";
  ALTER TABLE "bulletins" DROP COLUMN "bluesky_text";
  ALTER TABLE "bulletins" DROP COLUMN "telegram_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_mastodon_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_facebook_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_instagram_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_threads_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_bluesky_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_telegram_text";`)
}
