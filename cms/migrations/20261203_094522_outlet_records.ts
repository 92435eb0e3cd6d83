import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "press_contacts" ADD COLUMN "outlet_record_id" integer;
  ALTER TABLE "press_contacts" ADD CONSTRAINT "press_contacts_outlet_record_id_outlets_id_fk" FOREIGN KEY ("outlet_record_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "press_contacts_outlet_record_idx" ON "press_contacts" USING btree ("outlet_record_id");`)
  // The directory's outlets, typed as free text until now, become outlet records (one per name, whatever its case),
  // and each contact is linked to its own.
  await db.execute(sql`
  INSERT INTO "outlets" ("name", "updated_at", "created_at")
  SELECT DISTINCT ON (lower(trim("outlet"))) trim("outlet"), now(), now() FROM "press_contacts" c
   WHERE trim(coalesce("outlet", '')) <> '' AND NOT EXISTS (SELECT 1 FROM "outlets" o WHERE lower(o."name") = lower(trim(c."outlet")))
   ORDER BY lower(trim("outlet")), "id";
  UPDATE "press_contacts" c SET "outlet_record_id" = o."id" FROM "outlets" o WHERE lower(o."name") = lower(trim(c."outlet"));`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "press_contacts" DROP CONSTRAINT "press_contacts_outlet_record_id_outlets_id_fk";
  
  DROP INDEX "press_contacts_outlet_record_idx";
  ALTER TABLE "press_contacts" DROP COLUMN "outlet_record_id";`)
}
