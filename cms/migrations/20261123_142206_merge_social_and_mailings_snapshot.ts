import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Changes nothing: the social-distribution and press-mailing migrations were created side by side, each from
 * the schema before the other. This one carries the snapshot of the schema with both (the .json beside it),
 * so the next `migrate:create` compares against the real schema instead of re-adding one of them.
 */
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
