import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_advertising_orders_medium" AS ENUM('impreso', 'digital', 'radio', 'television', 'exterior', 'redes', 'otro');
  CREATE TABLE "advertising_orders" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"outlet_id" integer NOT NULL,
  	"medium" "enum_advertising_orders_medium" NOT NULL,
  	"provider" varchar NOT NULL,
  	"campaign" varchar NOT NULL,
  	"contract" varchar NOT NULL,
  	"amount" numeric NOT NULL,
  	"period_start" timestamp(3) with time zone NOT NULL,
  	"period_end" timestamp(3) with time zone NOT NULL,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "advertising_orders_id" integer;
  ALTER TABLE "advertising_orders" ADD CONSTRAINT "advertising_orders_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "advertising_orders_outlet_idx" ON "advertising_orders" USING btree ("outlet_id");
  CREATE INDEX "advertising_orders_period_start_idx" ON "advertising_orders" USING btree ("period_start");
  CREATE INDEX "advertising_orders_period_end_idx" ON "advertising_orders" USING btree ("period_end");
  CREATE INDEX "advertising_orders_updated_at_idx" ON "advertising_orders" USING btree ("updated_at");
  CREATE INDEX "advertising_orders_created_at_idx" ON "advertising_orders" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_advertising_orders_fk" FOREIGN KEY ("advertising_orders_id") REFERENCES "public"."advertising_orders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_advertising_orders_id_idx" ON "payload_locked_documents_rels" USING btree ("advertising_orders_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "advertising_orders" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "advertising_orders" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_advertising_orders_fk";
  
  DROP INDEX "payload_locked_documents_rels_advertising_orders_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "advertising_orders_id";
  DROP TYPE "public"."enum_advertising_orders_medium";`)
}
