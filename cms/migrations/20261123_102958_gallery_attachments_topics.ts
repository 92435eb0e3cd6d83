import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "bulletins_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "bulletins_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"departments_id" integer,
  	"media_id" integer
  );
  
  CREATE TABLE "_bulletins_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_bulletins_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"departments_id" integer,
  	"media_id" integer
  );
  
  ALTER TABLE "programs_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "_programs_v_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "bulletins_texts" ADD CONSTRAINT "bulletins_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bulletins_rels" ADD CONSTRAINT "bulletins_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bulletins_rels" ADD CONSTRAINT "bulletins_rels_departments_fk" FOREIGN KEY ("departments_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bulletins_rels" ADD CONSTRAINT "bulletins_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_texts" ADD CONSTRAINT "_bulletins_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_bulletins_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_rels" ADD CONSTRAINT "_bulletins_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_bulletins_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_rels" ADD CONSTRAINT "_bulletins_v_rels_departments_fk" FOREIGN KEY ("departments_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_rels" ADD CONSTRAINT "_bulletins_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_texts_order_parent" ON "bulletins_texts" USING btree ("order","parent_id");
  CREATE INDEX "bulletins_rels_order_idx" ON "bulletins_rels" USING btree ("order");
  CREATE INDEX "bulletins_rels_parent_idx" ON "bulletins_rels" USING btree ("parent_id");
  CREATE INDEX "bulletins_rels_path_idx" ON "bulletins_rels" USING btree ("path");
  CREATE INDEX "bulletins_rels_departments_id_idx" ON "bulletins_rels" USING btree ("departments_id");
  CREATE INDEX "bulletins_rels_media_id_idx" ON "bulletins_rels" USING btree ("media_id");
  CREATE INDEX "_bulletins_v_texts_order_parent" ON "_bulletins_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "_bulletins_v_rels_order_idx" ON "_bulletins_v_rels" USING btree ("order");
  CREATE INDEX "_bulletins_v_rels_parent_idx" ON "_bulletins_v_rels" USING btree ("parent_id");
  CREATE INDEX "_bulletins_v_rels_path_idx" ON "_bulletins_v_rels" USING btree ("path");
  CREATE INDEX "_bulletins_v_rels_departments_id_idx" ON "_bulletins_v_rels" USING btree ("departments_id");
  CREATE INDEX "_bulletins_v_rels_media_id_idx" ON "_bulletins_v_rels" USING btree ("media_id");
  ALTER TABLE "programs_rels" ADD CONSTRAINT "programs_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_programs_v_rels" ADD CONSTRAINT "_programs_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "programs_rels_media_id_idx" ON "programs_rels" USING btree ("media_id");
  CREATE INDEX "_programs_v_rels_media_id_idx" ON "_programs_v_rels" USING btree ("media_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bulletins_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bulletins_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bulletins_v_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bulletins_v_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "bulletins_texts" CASCADE;
  DROP TABLE "bulletins_rels" CASCADE;
  DROP TABLE "_bulletins_v_texts" CASCADE;
  DROP TABLE "_bulletins_v_rels" CASCADE;
  ALTER TABLE "programs_rels" DROP CONSTRAINT "programs_rels_media_fk";
  
  ALTER TABLE "_programs_v_rels" DROP CONSTRAINT "_programs_v_rels_media_fk";
  
  DROP INDEX "programs_rels_media_id_idx";
  DROP INDEX "_programs_v_rels_media_id_idx";
  ALTER TABLE "programs_rels" DROP COLUMN "media_id";
  ALTER TABLE "_programs_v_rels" DROP COLUMN "media_id";`)
}
