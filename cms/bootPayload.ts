import { getPayload, type Migration, type Payload } from 'payload'
import { buildPayloadConfig } from './buildPayloadConfig'
import type { Config } from '@pregon/core/loadConfig'
import { migrations } from './migrations'

/**
 * Payload's Local API for scripts, workers and tests. `migrate` applies every committed migration first:
 * only a connection as the tables' owner may (npm start's prepare step, restore, scripts); the application
 * itself connects as a role that cannot change the schema (core/src/appRole.ts), so services never migrate.
 */
export async function bootPayload(config: Readonly<Config>, { migrate = false }: { migrate?: boolean } = {}): Promise<Payload> {
  const payload = await getPayload({ config: buildPayloadConfig(config), key: config.database.url ?? 'default' })
  // Payload's generated list types `up`/`down` more narrowly than the adapter's `Migration`.
  if (migrate) await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  return payload
}
