import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

export interface TransactionDb {
  execute(query: SQL): Promise<{ rows: unknown[] }>
}

interface DrizzleSession {
  db: TransactionDb
}

export class OutboxError extends Error {
  readonly code = 'JOBS_NO_TRANSACTION'
}

/**
 * The drizzle connection of the request's open transaction, to run SQL that must commit or roll back with
 * Payload's own writes (the outbox's jobs, row locks).
 */
export async function transactionDb(req: PayloadRequest): Promise<TransactionDb> {
  const transactionID = await req.transactionID
  const sessions = (req.payload.db as unknown as { sessions?: Record<string, DrizzleSession> }).sessions
  const session = transactionID === undefined ? undefined : sessions?.[String(transactionID)]
  if (!session) throw new OutboxError('This must run inside the transaction of the change it belongs to.')
  return session.db
}
