import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'
import type { PendingJob } from '@pregon/core/queues'
import { getProducer } from '@pregon/core/boss'
import { transactionDb } from './transactionDb'

export type { PendingJob }

export { OutboxError } from './transactionDb'

/**
 * Enqueues jobs on the connection of the request's open database transaction (outbox): the jobs commit
 * or roll back together with the change that caused them, so nothing published is forgotten and nothing
 * rolled back is sent.
 */
export async function enqueueInTransaction(req: PayloadRequest, jobs: PendingJob[]): Promise<void> {
  if (jobs.length === 0) return
  const session = { db: await transactionDb(req) }
  const databaseUrl = (req.payload.config.custom as { databaseUrl: string }).databaseUrl
  const boss = await getProducer(databaseUrl)
  const db = { executeSql: (text: string, values: unknown[] = []) => session.db.execute(toDrizzleSql(text, values)) }
  for (const job of jobs) {
    await boss.send(job.queue, job.data, {
      db,
      ...(job.priority === undefined ? {} : { priority: job.priority }),
      ...(job.startAfter === undefined ? {} : { startAfter: job.startAfter }),
    })
  }
}

/** pg-boss speaks `$1`-style SQL; the drizzle transaction takes SQL objects, so bind each placeholder. */
function toDrizzleSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = []
  let last = 0
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)))
    chunks.push(sql`${values[Number(match[1]) - 1]}`)
    last = match.index + match[0].length
  }
  chunks.push(sql.raw(text.slice(last)))
  return sql.join(chunks)
}
