import type { Pool } from 'pg'
import type { Payload } from 'payload'

/** The PostgreSQL pool under Payload's adapter, for SQL the Local API cannot express (counts, locks, ledgers). */
export function poolOf(payload: Payload): Pool {
  return (payload.db as unknown as { pool: Pool }).pool
}
