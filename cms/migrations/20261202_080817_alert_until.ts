import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bulletins" ADD COLUMN "alert_until" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_alert_until" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bulletins" DROP COLUMN "alert_until";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_alert_until";`)
}
