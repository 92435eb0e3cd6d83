import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_distributions_purpose" AS ENUM('publication', 'correction');
  ALTER TABLE "bulletins" ADD COLUMN "withdrawal_notice" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "correction_note" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "correction_is_minor" boolean DEFAULT false;
  ALTER TABLE "bulletins" ADD COLUMN "correction_opened_at" timestamp(3) with time zone;
  ALTER TABLE "bulletins" ADD COLUMN "correction_opened_by_id" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "correction_opened_by_name" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_withdrawal_notice" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_correction_note" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_correction_is_minor" boolean DEFAULT false;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_correction_opened_at" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_correction_opened_by_id" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_correction_opened_by_name" varchar;
  ALTER TABLE "programs" ADD COLUMN "withdrawal_notice" varchar;
  ALTER TABLE "programs" ADD COLUMN "correction_note" varchar;
  ALTER TABLE "programs" ADD COLUMN "correction_is_minor" boolean DEFAULT false;
  ALTER TABLE "programs" ADD COLUMN "correction_opened_at" timestamp(3) with time zone;
  ALTER TABLE "programs" ADD COLUMN "correction_opened_by_id" varchar;
  ALTER TABLE "programs" ADD COLUMN "correction_opened_by_name" varchar;
  ALTER TABLE "_programs_v" ADD COLUMN "version_withdrawal_notice" varchar;
  ALTER TABLE "_programs_v" ADD COLUMN "version_correction_note" varchar;
  ALTER TABLE "_programs_v" ADD COLUMN "version_correction_is_minor" boolean DEFAULT false;
  ALTER TABLE "_programs_v" ADD COLUMN "version_correction_opened_at" timestamp(3) with time zone;
  ALTER TABLE "_programs_v" ADD COLUMN "version_correction_opened_by_id" varchar;
  ALTER TABLE "_programs_v" ADD COLUMN "version_correction_opened_by_name" varchar;
  ALTER TABLE "distributions" ADD COLUMN "purpose" "enum_distributions_purpose" DEFAULT 'publication';
  ALTER TABLE "users" ADD COLUMN "notify_by_email" boolean DEFAULT false;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bulletins" DROP COLUMN "withdrawal_notice";
  ALTER TABLE "bulletins" DROP COLUMN "correction_note";
  ALTER TABLE "bulletins" DROP COLUMN "correction_is_minor";
  ALTER TABLE "bulletins" DROP COLUMN "correction_opened_at";
  ALTER TABLE "bulletins" DROP COLUMN "correction_opened_by_id";
  ALTER TABLE "bulletins" DROP COLUMN "correction_opened_by_name";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_withdrawal_notice";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_correction_note";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_correction_is_minor";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_correction_opened_at";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_correction_opened_by_id";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_correction_opened_by_name";
  ALTER TABLE "programs" DROP COLUMN "withdrawal_notice";
  ALTER TABLE "programs" DROP COLUMN "correction_note";
  ALTER TABLE "programs" DROP COLUMN "correction_is_minor";
  ALTER TABLE "programs" DROP COLUMN "correction_opened_at";
  ALTER TABLE "programs" DROP COLUMN "correction_opened_by_id";
  ALTER TABLE "programs" DROP COLUMN "correction_opened_by_name";
  ALTER TABLE "_programs_v" DROP COLUMN "version_withdrawal_notice";
  ALTER TABLE "_programs_v" DROP COLUMN "version_correction_note";
  ALTER TABLE "_programs_v" DROP COLUMN "version_correction_is_minor";
  ALTER TABLE "_programs_v" DROP COLUMN "version_correction_opened_at";
  ALTER TABLE "_programs_v" DROP COLUMN "version_correction_opened_by_id";
  ALTER TABLE "_programs_v" DROP COLUMN "version_correction_opened_by_name";
  ALTER TABLE "distributions" DROP COLUMN "purpose";
  ALTER TABLE "users" DROP COLUMN "notify_by_email";
  DROP TYPE "public"."enum_distributions_purpose";`)
}
