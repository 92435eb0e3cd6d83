import { classifySmtpError } from './classifySmtpError'
import { createRateLimiter } from './createRateLimiter'
import { createLedgerRecorder, type LedgerTable, type Outcome, type QueuedDelivery } from './deliveryLedger'
import { openMailingJournal, removeMailingJournal } from './openMailingJournal'
import type { ComposedMessage } from './composePressMessages'
import type { TaskContext } from '../tasks/TaskContext'
import type { Pool } from 'pg'
import { countDeliveries, type DeliveryCounts, type LedgerScope } from '@pregon/core/deliveries'

const PAGE = 500
const PAUSE_POLL_MS = 500

/** Outcomes that may wait to be written while lanes go on: a crash can leave these and the messages in flight unknown. */
export const maxUnrecordedFor = (connections: number) => 2 * connections

/** One mailing's ledger, as the lanes see it: press or citizens, a distribution or a digest. */
export interface LaneMailing {
  ctx: TaskContext
  pool: Pool
  table: LedgerTable
  /** This mailing's journal on this host (openMailingJournal). */
  journalFile: string
  /** Ids for the logs (no personal data). */
  logFields: Record<string, unknown>
  /** The next page of recipients whose turn has come, in id order after `afterId`. */
  nextPending(afterId: number, limit: number): Promise<QueuedDelivery[]>
  compose(delivery: QueuedDelivery): Promise<ComposedMessage>
  /** A permanent refusal of the address (5xx): never mailed again until someone checks it. */
  markBounced(delivery: QueuedDelivery, reason: string): Promise<void>
  /** Recipients who left (unsubscribed, bounced, deleted) before their turn. */
  suppressInactive(): Promise<number>
  nextRetryAt(): Promise<Date | null>
  /** Whether someone paused it (polled twice a second); absent: it cannot be paused. */
  isPaused?(): Promise<boolean>
}

/**
 * Passes over a mailing's ledger until nothing is due (4xx retries wait for their time). Lanes send, each
 * message's final dot (before which no SMTP server accepts a message) held back until a line in this host's
 * journal says "this one may now be accepted"; answers are written to the ledger in batches while sending
 * goes on, never more than `maxUnrecordedFor(connections)` behind. After a crash, a row still pending whose
 * attempt is in the journal may have arrived (flagged unknown, never re-sent); one not in it certainly did not.
 */
export async function sendThroughLanes(mailing: LaneMailing): Promise<'done' | 'paused'> {
  let paused = false
  const poll = mailing.isPaused
    ? setInterval(() => {
        mailing.isPaused!()
          .then((isPaused) => {
            if (isPaused) paused = true
          })
          .catch((error: unknown) => mailing.ctx.log.warn({ err: error, ...mailing.logFields }, 'could not check for a pause'))
      }, PAUSE_POLL_MS)
    : null
  try {
    for (;;) {
      await sendPass(mailing, () => paused)
      if (paused) return 'paused'
      await mailing.suppressInactive()
      const retryAt = await mailing.nextRetryAt()
      if (!retryAt) return 'done'
      while (!paused && Date.now() < retryAt.getTime()) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(PAUSE_POLL_MS, retryAt.getTime() - Date.now())))
      }
      if (paused) return 'paused'
    }
  } finally {
    if (poll) clearInterval(poll)
  }
}

async function sendPass(mailing: LaneMailing, isPaused: () => boolean): Promise<void> {
  const { ctx, pool } = mailing
  const { mailer, config } = ctx
  const queue: QueuedDelivery[] = []
  let afterId = 0
  let exhausted = false
  let fetching: Promise<void> | null = null
  async function take(): Promise<QueuedDelivery | null> {
    while (queue.length === 0 && !exhausted) {
      fetching ??= mailing
        .nextPending(afterId, PAGE)
        .then((rows) => {
          if (rows.length === 0) exhausted = true
          else {
            queue.push(...rows)
            afterId = rows.at(-1)!.id
          }
        })
        .finally(() => {
          fetching = null
        })
      await fetching
    }
    return queue.shift() ?? null
  }
  const limiter = createRateLimiter(config.mail.ratePerSecond)
  const maxUnrecorded = maxUnrecordedFor(mailer.connections)
  // Half the allowed backlog per statement: the other half keeps the lanes going while it is written.
  const recorder = createLedgerRecorder(pool, mailing.table, { gatherUpTo: Math.max(1, Math.floor(maxUnrecorded / 2)) })
  const journal = openMailingJournal(mailing.journalFile)

  /** One message: its final dot is released only after the journal says it may be accepted from now on. */
  async function deliver(delivery: QueuedDelivery): Promise<Outcome> {
    const attempt = delivery.attempts + 1
    try {
      const message = await mailing.compose(delivery)
      const { messageId, response } = await mailer.send(message, {
        beforeAcceptance: async () => {
          journal.release(delivery.id, attempt)
          return true
        },
      })
      return { status: 'sent', messageId, responseCode: Number.parseInt(response, 10) || null }
    } catch (error) {
      const outcome = classifySmtpError({ error, attempt, maxAttempts: config.mail.maxAttempts, retryDelayMs: config.mail.retryDelayMs })
      if (outcome.status === 'bounced') await mailing.markBounced(delivery, outcome.error)
      ctx.log.warn({ ...mailing.logFields, deliveryId: delivery.id, status: outcome.status, responseCode: outcome.responseCode }, 'delivery not accepted')
      return outcome
    }
  }

  async function lane(): Promise<void> {
    for (;;) {
      const next = isPaused() ? null : await take()
      if (!next) return
      // Bounds what a crash can leave unknown: accepted messages whose outcome is not written yet.
      await recorder.settle(maxUnrecorded)
      await limiter.take()
      recorder.record(next.id, await deliver(next))
    }
  }
  try {
    // Twice as many lanes as connections: the next message is composed and queued at the pool while the
    // previous one is on the wire, so no connection waits. A queued message is not released (journaled) until
    // its connection reads it.
    await Promise.all(Array.from({ length: 2 * mailer.connections }, lane))
    await recorder.settle()
  } finally {
    journal.close()
  }
}

/** How a mailing ends once nothing is due, written on its own row (a distribution or a digest). */
export interface MailingEnd {
  /** `sent` when something arrived or nothing went wrong, `failed` otherwise. */
  status: 'sent' | 'failed'
  /** What a person should check, when something was not confirmed. */
  error: string | null
  counts: DeliveryCounts
}

/**
 * After the lanes: counts the ledger, writes the mailing's end (`describeProblems` says in Spanish what to
 * check when some deliveries bounced, failed or are unknown) and drops its journal, no longer needed.
 */
export async function finishThroughLanes({
  pool,
  scope,
  journalFile,
  describeProblems,
  writeEnd,
}: {
  pool: Pool
  scope: LedgerScope
  journalFile: string
  describeProblems(counts: DeliveryCounts, problems: number): string
  writeEnd(end: MailingEnd): Promise<void>
}): Promise<DeliveryCounts> {
  const counts = await countDeliveries(pool, scope.id, scope)
  const problems = counts.failed + counts.bounced + counts.unknown
  await writeEnd({ status: counts.sent > 0 || problems === 0 ? 'sent' : 'failed', error: problems > 0 ? describeProblems(counts, problems) : null, counts })
  removeMailingJournal(journalFile)
  return counts
}
