import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "bulletins_published_at_idx" ON "bulletins" USING btree ("published_at");
  CREATE INDEX "_status_publishedAt_idx" ON "bulletins" USING btree ("_status","published_at");
  CREATE INDEX "department__status_publishedAt_idx" ON "bulletins" USING btree ("department_id","_status","published_at");
  CREATE INDEX "_bulletins_v_version_version_published_at_idx" ON "_bulletins_v" USING btree ("version_published_at");
  CREATE INDEX "version__status_version_publishedAt_idx" ON "_bulletins_v" USING btree ("version__status","version_published_at");
  CREATE INDEX "version_department_version__status_version_publishedAt_idx" ON "_bulletins_v" USING btree ("version_department_id","version__status","version_published_at");
  CREATE INDEX "programs_published_at_idx" ON "programs" USING btree ("published_at");
  CREATE INDEX "_programs_v_version_version_published_at_idx" ON "_programs_v" USING btree ("version_published_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "bulletins_published_at_idx";
  DROP INDEX "_status_publishedAt_idx";
  DROP INDEX "department__status_publishedAt_idx";
  DROP INDEX "_bulletins_v_version_version_published_at_idx";
  DROP INDEX "version__status_version_publishedAt_idx";
  DROP INDEX "version_department_version__status_version_publishedAt_idx";
  DROP INDEX "programs_published_at_idx";
  DROP INDEX "_programs_v_version_version_published_at_idx";`)
}
