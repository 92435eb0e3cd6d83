import { CHANNEL_LABELS, distributionJob, socialSpec, type SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { getProducer } from '@pregon/core/boss'
import { poolOf, type Distribution, type SocialAccount } from '@pregon/cms/worker'
import type { Payload } from 'payload'
import type { PoolClient } from 'pg'
import type { TaskContext } from './TaskContext'

/**
 * The distribution ledger's few writes that must be atomic, in SQL: claiming a row for sending (at most one
 * sender, within the account's daily budget) and putting a row back to wait together with the job that will
 * take it up (so a waiting row always has its job, and a crash between the two leaves neither).
 */

async function inTransaction<T>(payload: Payload, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await poolOf(payload).connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

export type ClaimResult =
  | { kind: 'claimed'; attempts: number }
  | { kind: 'lost' }
  | { kind: 'over-budget'; used: number; until: Date }

/**
 * pending → sending, only if still pending (compare-and-set: two jobs for one row cannot both send) and, with
 * a budget, only if the account made fewer than `budget` attempts that may have posted in the last 24 hours.
 * The advisory lock makes the count and the claim one step for every worker process.
 */
export async function claimForSending({
  payload,
  distribution,
  jobId,
  budget,
  detail,
}: {
  payload: Payload
  distribution: Pick<Distribution, 'id' | 'channel' | 'account'>
  jobId: string | undefined
  budget: number | null
  detail: Record<string, unknown>
}): Promise<ClaimResult> {
  return inTransaction(payload, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`social:${distribution.channel}:${distribution.account}`])
    if (budget !== null) {
      const { rows } = await client.query<{ used: string; oldest: Date | null }>(
        `SELECT count(*) AS used, min(last_attempt_at) AS oldest FROM distributions
          WHERE channel = $1 AND account = $2 AND status IN ('sending', 'sent', 'unknown')
            AND last_attempt_at > now() - interval '24 hours'`,
        [distribution.channel, distribution.account],
      )
      const used = Number(rows[0]!.used)
      if (used >= budget && rows[0]!.oldest) {
        return { kind: 'over-budget', used, until: new Date(rows[0]!.oldest.getTime() + 24 * 60 * 60 * 1000) }
      }
    }
    const { rows } = await client.query<{ attempts: string }>(
      `UPDATE distributions
          SET status = 'sending', attempts = coalesce(attempts, 0) + 1, last_attempt_at = now(), sending_job_id = $2,
              next_attempt_at = NULL, waiting_reason = NULL, updated_at = now(),
              detail = coalesce(detail, '{}'::jsonb) || $3::jsonb
        WHERE id = $1 AND status = 'pending'
        RETURNING attempts`,
      [distribution.id, jobId ?? null, JSON.stringify(detail)],
    )
    return rows[0] ? { kind: 'claimed', attempts: Number(rows[0].attempts) } : { kind: 'lost' }
  })
}

/**
 * Leaves the row `status` (pending, or unknown while its outcome is looked up again) with the time and the
 * reason it waits, and enqueues, in the same transaction, the job that takes it up then. A new job, not a
 * retry: waiting for X's reset never uses up the job's retries.
 */
export async function scheduleAttempt({
  ctx,
  distribution,
  at,
  reason,
  status = 'pending',
  error = null,
  errorCode = null,
}: {
  ctx: TaskContext
  distribution: Pick<Distribution, 'id' | 'channel' | 'isUrgent'>
  at: Date
  reason: string
  status?: 'pending' | 'unknown'
  error?: string | null
  errorCode?: string | null
}): Promise<void> {
  const boss = await getProducer(ctx.config.database.url!)
  await inTransaction(ctx.payload, async (client) => {
    await client.query(
      `UPDATE distributions SET status = $2, next_attempt_at = $3, waiting_reason = $4, error = $5, error_code = $6,
              sending_job_id = NULL, is_retryable = false, updated_at = now()
        WHERE id = $1`,
      [distribution.id, status, at, reason.slice(0, 500), error, errorCode],
    )
    const job = distributionJob(distribution, { startAfter: at })
    await boss.send(job.queue, job.data, {
      db: { executeSql: (text: string, values: unknown[] = []) => client.query(text, values) },
      startAfter: at,
      ...(job.priority === undefined ? {} : { priority: job.priority }),
    })
  })
}

const configOf = (payload: Payload) => (payload.config.custom as { pregon: Readonly<Config> }).pregon

/** Whether the queue job holding a `sending` claim is still being worked on by a live worker. */
export async function isJobActive(payload: Payload, jobId: string): Promise<boolean> {
  const client = await poolOf(payload).connect()
  try {
    const { rows } = await client.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [jobId])
    return rows[0]?.state === 'active'
  } catch {
    return false
  } finally {
    client.release()
  }
}

/**
 * Records what the worker learnt about an account. The row of a main account is made the first time (named
 * after the environment); an account added in the admin has its row already, and one deleted stays deleted.
 */
export async function updateAccount(
  payload: Payload,
  { channel, account }: { channel: SocialChannel; account: string },
  data: Partial<Pick<SocialAccount, 'needsReconnect' | 'error' | 'errorAt' | 'rateLimitResetAt' | 'rateLimitRemaining' | 'checkedAt' | 'checkedAccount' | 'tokenExpiresAt'>>,
  { isMain = account === socialSpec(channel).account(configOf(payload)) }: { isMain?: boolean } = {},
): Promise<void> {
  const where = { channel: { equals: channel }, account: { equals: account } }
  for (let tries = 0; tries < 2; tries++) {
    const { docs } = await payload.find({ collection: 'social-accounts', where, limit: 1, depth: 0 })
    if (docs[0]) {
      await payload.update({ collection: 'social-accounts', id: docs[0].id, data, depth: 0 })
      return
    }
    if (!isMain) return
    try {
      await payload.create({
        collection: 'social-accounts',
        data: { channel, account, source: 'environment', label: `${CHANNEL_LABELS[channel]} · cuenta principal`, ...data },
        depth: 0,
      })
      return
    } catch (error) {
      // Another worker created it first: update it instead.
      if (tries > 0) throw error
    }
  }
}

/** What a send needs to know of the row's account before it posts: whether it must be reconnected, or waits for a rate limit. */
export interface AccountState {
  needsReconnect: boolean
  rateLimitResetAt: string | null
}

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/**
 * A ledger row as Payload reads it (depth 0), with its account's state, in one plain query: a send re-reads
 * both before each attempt, and with seven networks going out at once in one worker, two Payload reads per send
 * (the row, then the account) were a good part of the time from the commit to the posts.
 */
export async function readLedgerRow(payload: Payload, id: number | string): Promise<{ row: Distribution; account: AccountState | null }> {
  const { rows } = await poolOf(payload).query<{
    id: number
    bulletin_id: number | null
    program_id: number | null
    channel: Distribution['channel']
    account: string
    version_hash: string | null
    status: Distribution['status']
    purpose: Distribution['purpose']
    is_urgent: boolean | null
    summary: string | null
    detail: Distribution['detail']
    remote_id: string | null
    remote_url: string | null
    error: string | null
    error_code: string | null
    is_retryable: boolean | null
    next_attempt_at: Date | null
    waiting_reason: string | null
    attempts: string | null
    last_attempt_at: Date | null
    sending_job_id: string | null
    resolved_by_id: number | null
    completed_at: Date | null
    updated_at: Date
    created_at: Date
    account_found: boolean
    needs_reconnect: boolean | null
    rate_limit_reset_at: Date | null
  }>(
    `SELECT d.id, d.bulletin_id, d.program_id, d.channel::text AS channel, d.account, d.version_hash, d.status::text AS status,
            d.purpose::text AS purpose, d.is_urgent, d.summary, d.detail, d.remote_id, d.remote_url, d.error, d.error_code,
            d.is_retryable, d.next_attempt_at, d.waiting_reason, d.attempts::text AS attempts, d.last_attempt_at, d.sending_job_id,
            d.resolved_by_id, d.completed_at, d.updated_at, d.created_at,
            a.id IS NOT NULL AS account_found, a.needs_reconnect, a.rate_limit_reset_at
       FROM distributions d
       LEFT JOIN social_accounts a ON a.channel::text = d.channel::text AND a.account = d.account
      WHERE d.id = $1`,
    [Number(id)],
  )
  const found = rows[0]
  if (!found) throw Object.assign(new Error(`Distribution ${id} not found`), { status: 404 })
  const row: Distribution = {
    id: found.id,
    bulletin: found.bulletin_id,
    program: found.program_id,
    channel: found.channel,
    account: found.account,
    versionHash: found.version_hash,
    status: found.status,
    purpose: found.purpose,
    isUrgent: found.is_urgent,
    summary: found.summary,
    detail: found.detail,
    remoteId: found.remote_id,
    remoteUrl: found.remote_url,
    error: found.error,
    errorCode: found.error_code,
    isRetryable: found.is_retryable,
    nextAttemptAt: iso(found.next_attempt_at),
    waitingReason: found.waiting_reason,
    attempts: found.attempts === null ? null : Number(found.attempts),
    lastAttemptAt: iso(found.last_attempt_at),
    sendingJobId: found.sending_job_id,
    resolvedBy: found.resolved_by_id,
    completedAt: iso(found.completed_at),
    updatedAt: found.updated_at.toISOString(),
    createdAt: found.created_at.toISOString(),
  }
  const account = found.account_found ? { needsReconnect: Boolean(found.needs_reconnect), rateLimitResetAt: iso(found.rate_limit_reset_at) } : null
  return { row, account }
}
