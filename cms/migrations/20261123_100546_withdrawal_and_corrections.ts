import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "bulletins_corrections" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone,
  	"note" varchar
  );
  
  CREATE TABLE "_bulletins_v_version_corrections" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone,
  	"note" varchar,
  	"_uuid" varchar
  );
  
  ALTER TABLE "bulletins" ADD COLUMN "withdrawal_at" timestamp(3) with time zone;
  ALTER TABLE "bulletins" ADD COLUMN "withdrawal_reason" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_withdrawal_at" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_withdrawal_reason" varchar;
  ALTER TABLE "bulletins_corrections" ADD CONSTRAINT "bulletins_corrections_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_version_corrections" ADD CONSTRAINT "_bulletins_v_version_corrections_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_bulletins_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_corrections_order_idx" ON "bulletins_corrections" USING btree ("_order");
  CREATE INDEX "bulletins_corrections_parent_id_idx" ON "bulletins_corrections" USING btree ("_parent_id");
  CREATE INDEX "_bulletins_v_version_corrections_order_idx" ON "_bulletins_v_version_corrections" USING btree ("_order");
  CREATE INDEX "_bulletins_v_version_corrections_parent_id_idx" ON "_bulletins_v_version_corrections" USING btree ("_parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "bulletins_corrections" CASCADE;
  DROP TABLE "_bulletins_v_version_corrections" CASCADE;
  ALTER TABLE "bulletins" DROP COLUMN "withdrawal_at";
  ALTER TABLE "bulletins" DROP COLUMN "withdrawal_reason";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_withdrawal_at";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_withdrawal_reason";`)
}
