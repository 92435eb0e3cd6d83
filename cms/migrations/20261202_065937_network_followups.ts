import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_social_accounts_on_correction" AS ENUM('reply', 'none');
  CREATE TYPE "public"."enum_social_accounts_on_withdrawal" AS ENUM('reply', 'delete', 'none');
  ALTER TYPE "public"."enum_distributions_purpose" ADD VALUE 'withdrawal';
  ALTER TABLE "social_accounts" ADD COLUMN "on_correction" "enum_social_accounts_on_correction" DEFAULT 'reply';
  ALTER TABLE "social_accounts" ADD COLUMN "on_withdrawal" "enum_social_accounts_on_withdrawal" DEFAULT 'reply';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "distributions" ALTER COLUMN "purpose" SET DATA TYPE text;
  ALTER TABLE "distributions" ALTER COLUMN "purpose" SET DEFAULT 'publication'::text;
  DROP TYPE "public"."enum_distributions_purpose";
  CREATE TYPE "public"."enum_distributions_purpose" AS ENUM('publication', 'correction');
  ALTER TABLE "distributions" ALTER COLUMN "purpose" SET DEFAULT 'publication'::"public"."enum_distributions_purpose";
  ALTER TABLE "distributions" ALTER COLUMN "purpose" SET DATA TYPE "public"."enum_distributions_purpose" USING "purpose"::"public"."enum_distributions_purpose";
  ALTER TABLE "social_accounts" DROP COLUMN "on_correction";
  ALTER TABLE "social_accounts" DROP COLUMN "on_withdrawal";
  DROP TYPE "public"."enum_social_accounts_on_correction";
  DROP TYPE "public"."enum_social_accounts_on_withdrawal";`)
}
