import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_bulletins_distribute_to" AS ENUM('x', 'press-mailing');
  CREATE TYPE "public"."enum_bulletins_kind" AS ENUM('boletin', 'comunicado', 'aviso', 'posicionamiento');
  CREATE TYPE "public"."enum__bulletins_v_version_distribute_to" AS ENUM('x', 'press-mailing');
  CREATE TYPE "public"."enum__bulletins_v_version_kind" AS ENUM('boletin', 'comunicado', 'aviso', 'posicionamiento');
  CREATE TABLE "bulletins_distribute_to" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_bulletins_distribute_to",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_bulletins_v_version_distribute_to" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__bulletins_v_version_distribute_to",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "bulletins" ADD COLUMN "kind" "enum_bulletins_kind" DEFAULT 'boletin';
  ALTER TABLE "bulletins" ADD COLUMN "place" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "event_date" timestamp(3) with time zone;
  ALTER TABLE "bulletins" ADD COLUMN "spokesperson" varchar;
  ALTER TABLE "bulletins" ADD COLUMN "x_text" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_kind" "enum__bulletins_v_version_kind" DEFAULT 'boletin';
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_place" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_event_date" timestamp(3) with time zone;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_spokesperson" varchar;
  ALTER TABLE "_bulletins_v" ADD COLUMN "version_x_text" varchar;
  ALTER TABLE "bulletins_distribute_to" ADD CONSTRAINT "bulletins_distribute_to_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_version_distribute_to" ADD CONSTRAINT "_bulletins_v_version_distribute_to_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_bulletins_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_distribute_to_order_idx" ON "bulletins_distribute_to" USING btree ("order");
  CREATE INDEX "bulletins_distribute_to_parent_idx" ON "bulletins_distribute_to" USING btree ("parent_id");
  CREATE INDEX "_bulletins_v_version_distribute_to_order_idx" ON "_bulletins_v_version_distribute_to" USING btree ("order");
  CREATE INDEX "_bulletins_v_version_distribute_to_parent_idx" ON "_bulletins_v_version_distribute_to" USING btree ("parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "bulletins_distribute_to" CASCADE;
  DROP TABLE "_bulletins_v_version_distribute_to" CASCADE;
  ALTER TABLE "bulletins" DROP COLUMN "kind";
  ALTER TABLE "bulletins" DROP COLUMN "place";
  ALTER TABLE "bulletins" DROP COLUMN "event_date";
  ALTER TABLE "bulletins" DROP COLUMN "spokesperson";
  ALTER TABLE "bulletins" DROP COLUMN "x_text";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_kind";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_place";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_event_date";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_spokesperson";
  ALTER TABLE "_bulletins_v" DROP COLUMN "version_x_text";
  DROP TYPE "public"."enum_bulletins_distribute_to";
  DROP TYPE "public"."enum_bulletins_kind";
  DROP TYPE "public"."enum__bulletins_v_version_distribute_to";
  DROP TYPE "public"."enum__bulletins_v_version_kind";`)
}
