import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_distributions_status" ADD VALUE 'paused' BEFORE 'sent';
  ALTER TYPE "public"."enum_deliveries_status" ADD VALUE 'bounced' BEFORE 'failed';
  ALTER TYPE "public"."enum_deliveries_status" ADD VALUE 'unknown';
  ALTER TYPE "public"."enum_deliveries_status" ADD VALUE 'suppressed';
  CREATE TABLE "mailing_lists_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"departments_id" integer
  );
  
  ALTER TABLE "deliveries" ALTER COLUMN "contact_id" DROP NOT NULL;
  ALTER TABLE "bulletins_rels" ADD COLUMN "mailing_lists_id" integer;
  ALTER TABLE "_bulletins_v_rels" ADD COLUMN "mailing_lists_id" integer;
  ALTER TABLE "press_contacts" ADD COLUMN "unsubscribed_at" timestamp(3) with time zone;
  ALTER TABLE "press_contacts" ADD COLUMN "bounce_at" timestamp(3) with time zone;
  ALTER TABLE "press_contacts" ADD COLUMN "bounce_reason" varchar;
  ALTER TABLE "deliveries" ADD COLUMN "email" varchar;
  ALTER TABLE "deliveries" ADD COLUMN "attempts" numeric DEFAULT 0;
  ALTER TABLE "deliveries" ADD COLUMN "next_attempt_at" timestamp(3) with time zone;
  ALTER TABLE "deliveries" ADD COLUMN "sent_at" timestamp(3) with time zone;
  ALTER TABLE "deliveries" ADD COLUMN "response_code" numeric;
  ALTER TABLE "site_settings" ADD COLUMN "spokesperson_name" varchar;
  ALTER TABLE "site_settings" ADD COLUMN "spokesperson_email" varchar;
  ALTER TABLE "mailing_lists_rels" ADD CONSTRAINT "mailing_lists_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "mailing_lists_rels" ADD CONSTRAINT "mailing_lists_rels_departments_fk" FOREIGN KEY ("departments_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "mailing_lists_rels_order_idx" ON "mailing_lists_rels" USING btree ("order");
  CREATE INDEX "mailing_lists_rels_parent_idx" ON "mailing_lists_rels" USING btree ("parent_id");
  CREATE INDEX "mailing_lists_rels_path_idx" ON "mailing_lists_rels" USING btree ("path");
  CREATE INDEX "mailing_lists_rels_departments_id_idx" ON "mailing_lists_rels" USING btree ("departments_id");
  ALTER TABLE "bulletins_rels" ADD CONSTRAINT "bulletins_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bulletins_v_rels" ADD CONSTRAINT "_bulletins_v_rels_mailing_lists_fk" FOREIGN KEY ("mailing_lists_id") REFERENCES "public"."mailing_lists"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "bulletins_rels_mailing_lists_id_idx" ON "bulletins_rels" USING btree ("mailing_lists_id");
  CREATE INDEX "_bulletins_v_rels_mailing_lists_id_idx" ON "_bulletins_v_rels" USING btree ("mailing_lists_id");
  CREATE INDEX "distribution_status_idx" ON "deliveries" USING btree ("distribution_id","status");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "mailing_lists_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "mailing_lists_rels" CASCADE;
  ALTER TABLE "bulletins_rels" DROP CONSTRAINT "bulletins_rels_mailing_lists_fk";
  
  ALTER TABLE "_bulletins_v_rels" DROP CONSTRAINT "_bulletins_v_rels_mailing_lists_fk";
  
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_distributions_status";
  CREATE TYPE "public"."enum_distributions_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."enum_distributions_status";
  ALTER TABLE "distributions" ALTER COLUMN "status" SET DATA TYPE "public"."enum_distributions_status" USING "status"::"public"."enum_distributions_status";
  ALTER TABLE "deliveries" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "deliveries" ALTER COLUMN "status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_deliveries_status";
  CREATE TYPE "public"."enum_deliveries_status" AS ENUM('pending', 'sent', 'failed');
  ALTER TABLE "deliveries" ALTER COLUMN "status" SET DEFAULT 'pending'::"public"."enum_deliveries_status";
  ALTER TABLE "deliveries" ALTER COLUMN "status" SET DATA TYPE "public"."enum_deliveries_status" USING "status"::"public"."enum_deliveries_status";
  DROP INDEX "bulletins_rels_mailing_lists_id_idx";
  DROP INDEX "_bulletins_v_rels_mailing_lists_id_idx";
  DROP INDEX "distribution_status_idx";
  ALTER TABLE "deliveries" ALTER COLUMN "contact_id" SET NOT NULL;
  ALTER TABLE "bulletins_rels" DROP COLUMN "mailing_lists_id";
  ALTER TABLE "_bulletins_v_rels" DROP COLUMN "mailing_lists_id";
  ALTER TABLE "press_contacts" DROP COLUMN "unsubscribed_at";
  ALTER TABLE "press_contacts" DROP COLUMN "bounce_at";
  ALTER TABLE "press_contacts" DROP COLUMN "bounce_reason";
  ALTER TABLE "deliveries" DROP COLUMN "email";
  ALTER TABLE "deliveries" DROP COLUMN "attempts";
  ALTER TABLE "deliveries" DROP COLUMN "next_attempt_at";
  ALTER TABLE "deliveries" DROP COLUMN "sent_at";
  ALTER TABLE "deliveries" DROP COLUMN "response_code";
  ALTER TABLE "site_settings" DROP COLUMN "spokesperson_name";
  ALTER TABLE "site_settings" DROP COLUMN "spokesperson_email";`)
}
