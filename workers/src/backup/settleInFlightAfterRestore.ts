import fs from 'node:fs'
import type { Pool } from 'pg'
import { distributionJob, isChannel, isQueuedChannel, isSocialChannel } from '@pregon/core/channels'
import { getProducer, prepareQueues } from '@pregon/core/boss'
import { flagReleased } from '../mail/deliveryLedger'
import { journalHost, journalPath, readMailingJournal, removeMailingJournal } from '../mail/openMailingJournal'

export interface InFlightReport {
  /** Press mailings that were queued or sending: paused, for a person to resume from the admin. */
  pausedMailings: number[]
  /** Deliveries an archived journal says may have left: flagged «sin confirmar», never re-sent. */
  flaggedDeliveries: number
  /** Social posts that may have gone out after the backup: looked up on the account by the worker. */
  checkedPosts: number[]
  /** Waits (rate limits, daily budget, scheduled look-ups) whose queue job is re-created for the same time. */
  requeued: number[]
  /** Scheduled items whose time has passed: the worker publishes them within a minute of starting. */
  dueItems: Array<{ collection: 'bulletins' | 'programs'; id: number; title: string; publishAt: string }>
}

const restoredNote = (createdAt: Date) =>
  `Restaurado de un respaldo del ${createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * After a restore: the archive holds the ledgers but not the queue's jobs (pg-boss's schema is not backed
 * up), and whatever happened between the backup and the restore is unknown. Nothing that may already have
 * gone out is sent blindly:
 *  - press mailings queued or sending are paused with a note; resuming (admin) carries on from the ledger.
 *    A journal in the archive flags the deliveries it released «sin confirmar» first, and the mailing is
 *    re-homed to this machine so a worker here may resume it;
 *  - social posts queued or sending become «sin confirmar» and get a job now: the worker looks for the post on
 *    the account (found: sent; not found: X waits for a person, Mastodon resends with its idempotency key);
 *  - waits still in the future (rate limit, daily budget, scheduled look-up) certainly have not run: their job
 *    is re-created for the same time.
 * Run once, after the tables are loaded and before the worker starts (`npm run restore` does).
 */
export async function settleInFlightAfterRestore({
  pool,
  databaseUrl,
  dataDir,
  backupCreatedAt,
  now = new Date(),
}: {
  pool: Pool
  databaseUrl: string
  dataDir: string
  backupCreatedAt: Date
  now?: Date
}): Promise<InFlightReport> {
  const report: InFlightReport = { pausedMailings: [], flaggedDeliveries: 0, checkedPosts: [], requeued: [], dueItems: [] }
  const note = restoredNote(backupCreatedAt)
  const { rows } = await pool.query<{ id: number; channel: string; status: string; next_attempt_at: Date | null; is_urgent: boolean | null }>(
    `SELECT id, channel, status, next_attempt_at, is_urgent FROM distributions WHERE status IN ('pending', 'sending', 'unknown', 'paused') ORDER BY id`,
  )
  const jobs: Array<{ id: number; channel: string; isUrgent: boolean; at: Date }> = []
  for (const row of rows) {
    // A channel posted by hand (WhatsApp) has nothing in flight: its row waits for a person either way.
    if (!isChannel(row.channel) || !isQueuedChannel(row.channel)) continue
    if (!isSocialChannel(row.channel)) {
      report.flaggedDeliveries += await rehomeMailing(pool, dataDir, row.id)
      if (row.status === 'pending' || row.status === 'sending') {
        await pool.query(`UPDATE distributions SET status = 'paused', error = $2, updated_at = now() WHERE id = $1`, [
          row.id,
          `${note}: el envío estaba en curso y pudo avanzar después del respaldo. Revise la bandeja de salida o avise a prensa y reanúdelo desde aquí (nadie registrado como enviado recibe el mensaje otra vez).`,
        ])
        report.pausedMailings.push(row.id)
      }
      continue
    }
    const isFutureWait = row.next_attempt_at !== null && row.next_attempt_at.getTime() > now.getTime()
    if (row.status === 'pending' && isFutureWait) {
      jobs.push({ id: row.id, channel: row.channel, isUrgent: Boolean(row.is_urgent), at: row.next_attempt_at! })
      report.requeued.push(row.id)
    } else if (row.status === 'pending' || row.status === 'sending') {
      await pool.query(
        `UPDATE distributions SET status = 'unknown', sending_job_id = NULL, next_attempt_at = NULL, waiting_reason = NULL,
                error = $2, error_code = 'RESTORED_IN_FLIGHT', updated_at = now() WHERE id = $1`,
        [row.id, `${note}: pudo publicarse después del respaldo. Se busca en la cuenta antes de publicar de nuevo.`],
      )
      jobs.push({ id: row.id, channel: row.channel, isUrgent: Boolean(row.is_urgent), at: now })
      report.checkedPosts.push(row.id)
    } else if (row.status === 'unknown' && row.next_attempt_at !== null) {
      jobs.push({ id: row.id, channel: row.channel, isUrgent: Boolean(row.is_urgent), at: isFutureWait ? row.next_attempt_at : now })
      report.requeued.push(row.id)
    }
  }
  if (jobs.length > 0) {
    await prepareQueues(databaseUrl)
    const boss = await getProducer(databaseUrl)
    for (const { id, channel, isUrgent, at } of jobs) {
      if (!isChannel(channel) || !isQueuedChannel(channel)) continue
      const job = distributionJob({ id, channel, isUrgent }, { startAfter: at })
      await boss.send(job.queue, job.data, { startAfter: at, ...(job.priority === undefined ? {} : { priority: job.priority }) })
    }
  }
  report.dueItems = await dueScheduledItems(pool, now)
  return report
}

/**
 * A started mailing's journal only means something on the machine that wrote it: fold what it says into
 * the ledger now (released but unrecorded → «sin confirmar»), then let this machine's worker own the mailing.
 */
async function rehomeMailing(pool: Pool, dataDir: string, distributionId: number): Promise<number> {
  const file = journalPath(dataDir, distributionId)
  const flagged = fs.existsSync(file) ? await flagReleased(pool, { distributionId, released: readMailingJournal(file) }) : 0
  removeMailingJournal(file)
  await pool.query(
    `UPDATE distributions SET detail = jsonb_set(detail, '{journalHost}', to_jsonb($2::text)) WHERE id = $1 AND detail ? 'journalHost'`,
    [distributionId, journalHost()],
  )
  return flagged
}

async function dueScheduledItems(pool: Pool, now: Date): Promise<InFlightReport['dueItems']> {
  const due: InFlightReport['dueItems'] = []
  for (const collection of ['bulletins', 'programs'] as const) {
    const { rows } = await pool.query<{ id: number; title: string; publish_at: Date }>(
      `SELECT parent_id AS id, version_title AS title, version_publish_at AS publish_at FROM "_${collection}_v"
        WHERE latest AND version_workflow_state = 'scheduled' AND version_publish_at <= $1 ORDER BY version_publish_at`,
      [now],
    )
    due.push(...rows.map((row) => ({ collection, id: row.id, title: row.title, publishAt: row.publish_at.toISOString() })))
  }
  return due
}
