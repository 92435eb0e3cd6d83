import { getPayload, type Payload } from 'payload'
import config from '../payload.config'
import { migrations } from '../migrations'

/**
 * Payload's Local API for scripts, workers and tests, with every committed migration applied
 * (Payload itself runs them at connect only when NODE_ENV=production).
 */
export async function bootPayload(): Promise<Payload> {
  const payload = await getPayload({ config })
  await payload.db.migrate({ migrations })
  return payload
}
