import { beat } from '@pregon/core/ops/opsTables'
import { isPregonError } from '@pregon/core/PregonError'
import { poolOf } from '@pregon/cms/worker'
import type { TaskContext } from './TaskContext'
import { readMailbox, type MailboxRun } from '../bounces/readMailbox'

export type BounceMailboxReport = { kind: 'off' } | { kind: 'read'; run: MailboxRun } | { kind: 'failed'; code: string; message: string }

/**
 * The bounce mailbox sweep (queue `bounce-mailbox`, every BOUNCE_IMAP_INTERVAL_MINUTES and at worker start):
 * late bounces mark press contacts and subscribers bounced, mailto unsubscribes unsubscribe them. The
 * outcome is the `bounce-mailbox` heartbeat: a failure (login refused, server unreachable, timeout) is
 * recorded with its Spanish message, which the alerts and `npm run status` show, and the task returns: the
 * next run tries again, and the worker goes on.
 */
export async function readBounceMailbox(ctx: Pick<TaskContext, 'payload' | 'config' | 'log'>): Promise<BounceMailboxReport> {
  const mailbox = ctx.config.bounces.mailbox
  if (!mailbox) return { kind: 'off' }
  const pool = poolOf(ctx.payload)
  const log = ctx.log.child({ task: 'bounce-mailbox' })
  try {
    const run = await readMailbox({ mailbox, db: pool, secret: ctx.config.payloadSecret, log })
    await beat(pool, 'bounce-mailbox', 'main', { ok: true, ...run })
    if (run.read > 0) log.info(run, 'bounce mailbox read')
    return { kind: 'read', run }
  } catch (error) {
    const code = isPregonError(error) ? error.code : 'BOUNCE_MAILBOX_FAILED'
    const message = isPregonError(error) ? error.message : 'No se pudo leer el buzón de rebotes: revisa el registro del worker.'
    log.warn({ code, cause: (error as { details?: { cause?: string } }).details?.cause }, 'bounce mailbox not read')
    await beat(pool, 'bounce-mailbox', 'main', { ok: false, code, error: message }).catch(() => {})
    return { kind: 'failed', code, message }
  }
}
