import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" ADD COLUMN "shown_publicly" boolean DEFAULT false;
  CREATE INDEX "media_shown_publicly_idx" ON "media" USING btree ("shown_publicly");`)
  // What is published now shows these files (the rule of collections/Media/mediaVisibility.ts, as it was when
  // this migration was written: a migration does not change with later code).
  await db.execute(sql`
  UPDATE media m SET shown_publicly = (
    EXISTS (SELECT 1 FROM bulletins b WHERE b.hero_image_id = m.id AND b._status = 'published')
    OR EXISTS (SELECT 1 FROM bulletins_rels r JOIN bulletins b ON b.id = r.parent_id WHERE r.media_id = m.id AND b._status = 'published')
    OR EXISTS (SELECT 1 FROM programs_rels r JOIN programs p ON p.id = r.parent_id WHERE r.media_id = m.id AND p._status = 'published')
  );`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "media_shown_publicly_idx";
  ALTER TABLE "media" DROP COLUMN "shown_publicly";`)
}
