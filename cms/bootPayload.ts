import { getPayload, type Migration, type Payload } from 'payload'
import { buildPayloadConfig } from './buildPayloadConfig'
import type { Config } from '@pregon/core/loadConfig'
import { migrations } from './migrations'

/**
 * Payload's Local API for scripts, workers and tests, with every committed migration applied
 * (Payload itself runs them at connect only when NODE_ENV=production).
 */
export async function bootPayload(config: Readonly<Config>): Promise<Payload> {
  const payload = await getPayload({ config: buildPayloadConfig(config), key: config.database.url ?? 'default' })
  // Payload's generated list types `up`/`down` more narrowly than the adapter's `Migration`.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  return payload
}
