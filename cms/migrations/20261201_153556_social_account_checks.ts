import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "social_accounts" ADD COLUMN "checked_account" varchar;
  ALTER TABLE "social_accounts" ADD COLUMN "checked_at" timestamp(3) with time zone;
  ALTER TABLE "social_accounts" ADD COLUMN "token_expires_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "social_accounts" DROP COLUMN "checked_account";
  ALTER TABLE "social_accounts" DROP COLUMN "checked_at";
  ALTER TABLE "social_accounts" DROP COLUMN "token_expires_at";`)
}
