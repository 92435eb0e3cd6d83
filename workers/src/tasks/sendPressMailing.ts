import type { Pool } from 'pg'
import { idOf } from '@pregon/core/versionHash'
import { poolOf, prepareProgramEmail, preparePressEmail } from '@pregon/cms/worker'
import { countDeliveries, type DeliveryCounts } from '@pregon/core/deliveries'
import {
  distributionStatus,
  finishMailing,
  lockMailing,
  markContactBounced,
  nextPending,
  nextRetryAt,
  flagReleased,
  startMailing,
  suppressInactive,
  unlockMailing,
} from '../mail/deliveryLedger'
import { finishThroughLanes, sendThroughLanes } from '../mail/sendThroughLanes'
import type { PressMessageTemplate } from '../mail/personalizePressEmail'
import { createPressMessageComposer } from '../mail/composePressMessages'
import { renderCorrectionEmail } from '../mail/renderCorrectionEmail'
import { journalHost, journalPath, readMailingJournal } from '../mail/openMailingJournal'
import { itemLink } from '@pregon/core/distributedItem'
import { loadDistribution, type DistributedItem } from './loadDistribution'
import type { TaskContext } from './TaskContext'
import { recordMailing } from '../expediente/recordMailing'

export interface MailingReport {
  /** busy: another worker holds this mailing; paused: someone paused it in the admin. */
  outcome: 'sent' | 'already-done' | 'gone' | 'paused' | 'busy'
  sent: number
  failed: number
  bounced: number
  unknown: number
  suppressed: number
  pending: number
}

const EMPTY: MailingReport = { outcome: 'sent', sent: 0, failed: 0, bounced: 0, unknown: 0, suppressed: 0, pending: 0 }

/**
 * Mails one approved bulletin or program to its press lists, exactly once per recipient. The audience is written to the
 * ledger first (one row per contact). Lanes then send, each message's final dot (before which no SMTP server
 * accepts a message) held back until a line in this host's mailing journal says "this one may now be
 * accepted"; answers are written to the ledger in batches while sending goes on. After a crash, a row still
 * `pending` whose attempt is not in the journal was certainly not accepted and is sent; one that is in the
 * journal may have arrived: it is flagged `unknown` for a person, never re-sent. At most the messages on the
 * wire plus `maxUnrecordedFor(connections)` answers can be in that state. Pause stops taking rows; resume
 * carries on from the ledger, so nobody is mailed twice.
 */
export async function sendPressMailing(ctx: TaskContext, distributionId: number | string): Promise<MailingReport> {
  const id = Number(distributionId)
  const pool = poolOf(ctx.payload)
  // A finished mailing stays finished: a retried job says so even while the run that finished it still holds the
  // lock (it records the mailing in the expediente after the status is written).
  if (isFinished(await distributionStatus(pool, id))) return { ...EMPTY, outcome: 'already-done' }
  const lock = await lockMailing(pool, id)
  if (!lock) return { ...EMPTY, outcome: 'busy' }
  try {
    for (;;) {
      const status = await distributionStatus(pool, id)
      if (isFinished(status)) return { ...EMPTY, outcome: 'already-done' }
      if (status === 'paused') return { ...(await report(pool, id)), outcome: 'paused' }
      if (status === 'pending' && !(await prepare(ctx, pool, id))) return { ...EMPTY, outcome: 'gone' }
      const { template, host } = await loadTemplate(ctx, id)
      if (status === 'sending') {
        if (host !== journalHost()) {
          // Only that machine's journal tells what its dead worker left in flight; guessing could mail twice.
          await ctx.payload.update({ collection: 'distributions', id, data: { error: `El envío se interrumpió en el servidor «${host}»: se reanuda cuando un worker de ese servidor vuelva a arrancar.` } })
          ctx.log.error({ distributionId: id, host }, 'press mailing interrupted on another host; leaving it to that host')
          return { ...EMPTY, outcome: 'busy' }
        }
        const released = readMailingJournal(journalPath(ctx.config.dataDir, id))
        const flagged = await flagReleased(pool, { distributionId: id, released })
        if (flagged > 0) ctx.log.warn({ distributionId: id, flagged }, 'press mailing resumed after an interruption; deliveries in flight flagged unknown')
      }
      const stopped = await sendPasses(ctx, pool, id, template)
      if (stopped === 'paused') {
        // Resumed while the lanes were stopping? Carry on in this run (the resume's own job found us busy).
        if ((await distributionStatus(pool, id)) === 'sending') continue
        return { ...(await report(pool, id)), outcome: 'paused' }
      }
      const counts = await finishThroughLanes({
        pool,
        scope: { table: 'deliveries', column: 'distribution_id', id },
        journalFile: journalPath(ctx.config.dataDir, id),
        describeProblems: problemSummary,
        writeEnd: (end) => finishMailing(pool, { distributionId: id, ...end }),
      })
      await recordMailing(ctx, { distributionId: id, template, recipients: counts.sent })
      ctx.log.info({ distributionId: id, ...counts }, 'press mailing finished')
      return { ...toReport(counts), outcome: 'sent' }
    }
  } finally {
    await unlockMailing(lock, id)
  }
}

function isFinished(status: string | null): boolean {
  return status === null || status === 'sent' || status === 'failed' || status === 'skipped'
}

/**
 * First run: re-check the item as approved, render the message once and write the audience. A correction
 * (purpose `correction`) is a short «Corrección» message to the contacts an earlier mailing of the bulletin reached.
 */
async function prepare(ctx: TaskContext, pool: Pool, id: number): Promise<boolean> {
  const target = await loadDistribution(ctx.payload, id)
  if (target.kind === 'done' || target.kind === 'interrupted') return true
  if (target.kind === 'gone') {
    await ctx.payload.update({ collection: 'distributions', id, data: { status: 'skipped', error: target.reason } })
    return false
  }
  const { embargoUntil, distribution } = target
  const url = itemLink(ctx.config.portal.url, target.collection, target.item.slug ?? '')
  if (distribution.purpose === 'correction') {
    const correction = (distribution.detail as { correction?: { note?: string } } | null)?.correction ?? {}
    const template = await correctionTemplate(ctx, target, url, correction.note ?? '')
    const recipients = await startMailing({
      pool,
      distributionId: id,
      listIds: null,
      received: { collection: target.collection, id: target.item.id },
      detail: { message: template, correction, journalHost: journalHost() },
    })
    ctx.log.info({ distributionId: id, recipients }, 'press correction mailing started')
    return true
  }
  if (target.collection === 'programs') {
    const program = target.item
    const template = await prepareProgramEmail({ payload: ctx.payload, config: ctx.config, program, url })
    return writeAudience(ctx, pool, id, template, program.pressLists, null)
  }
  const bulletin = target.item
  const template = await preparePressEmail({ payload: ctx.payload, config: ctx.config, bulletin, url, embargoUntil })
  return writeAudience(ctx, pool, id, template, bulletin.pressLists, embargoUntil)
}

/** The audience of a bulletin's or program's mailing: its press lists' active contacts, or the whole directory. */
async function writeAudience(ctx: TaskContext, pool: Pool, id: number, template: PressMessageTemplate, pressLists: unknown, embargoUntil: Date | null): Promise<boolean> {
  const lists = ((idOf(pressLists ?? []) as unknown[]) ?? []).map(Number)
  const recipients = await startMailing({
    pool,
    distributionId: id,
    listIds: lists.length > 0 ? lists : null,
    detail: { message: template, lists, embargoUntil: embargoUntil?.toISOString() ?? null, journalHost: journalHost() },
  })
  ctx.log.info({ distributionId: id, recipients, lists }, 'press mailing started')
  return true
}

async function correctionTemplate(ctx: TaskContext, { collection, item }: DistributedItem, url: string, note: string): Promise<PressMessageTemplate> {
  const settings = await ctx.payload.findGlobal({ slug: 'site-settings' })
  // The note as published, when the distribution was written without one.
  const published = note.trim() || (item.corrections ?? []).at(-1)?.note || ''
  const email = await renderCorrectionEmail({
    noun: collection === 'programs' ? 'la convocatoria' : 'el boletín',
    title: item.title,
    summary: item.summary,
    note: published,
    url,
    office: settings.officeName,
    municipality: settings.municipalityName,
    privacyNoticeUrl: settings.privacyNoticeUrl,
  })
  return { ...email, replyTo: settings.spokespersonEmail ?? settings.contactEmail ?? null }
}

/** The message exactly as rendered when the mailing started: a resumed mailing sends the same one. */
async function loadTemplate(ctx: TaskContext, id: number): Promise<{ template: PressMessageTemplate; host: string }> {
  const distribution = await ctx.payload.findByID({ collection: 'distributions', id, depth: 0 })
  const detail = distribution.detail as { message?: PressMessageTemplate; journalHost?: string } | null
  if (!detail?.message?.html) throw new Error(`Distribution ${id} is sending but has no rendered message`)
  if (!detail.journalHost) {
    // Sent again after it finished (unconfirmed messages re-queued): this host's journal holds the messages in flight from now on.
    await ctx.payload.update({ collection: 'distributions', id, data: { detail: { ...detail, journalHost: journalHost() } }, depth: 0 })
  }
  return { template: detail.message, host: detail.journalHost ?? journalHost() }
}

/** Passes over the ledger until nothing is due: 4xx retries wait for their time. */
async function sendPasses(ctx: TaskContext, pool: Pool, id: number, template: PressMessageTemplate): Promise<'done' | 'paused'> {
  const { mailer, config } = ctx
  const secret = config.payloadSecret
  if (!secret) throw new Error('PAYLOAD_SECRET: not set (it signs the unsubscribe links of press mailings)')
  const composer = await createPressMessageComposer({ template, from: mailer.from, secret, cmsUrl: config.cms.url })
  if (composer.fallback) ctx.log.warn({ distributionId: id, reason: composer.fallback }, 'press mailing composes each copy in full')
  return sendThroughLanes({
    ctx,
    pool,
    table: 'deliveries',
    journalFile: journalPath(config.dataDir, id),
    logFields: { distributionId: id },
    nextPending: (afterId, limit) => nextPending(pool, { distributionId: id, afterId, limit }),
    compose: (delivery) => composer.compose({ email: delivery.email, contactId: delivery.contactId }),
    markBounced: (delivery, reason) => markContactBounced(pool, { contactId: delivery.contactId, reason }),
    suppressInactive: () => suppressInactive(pool, id),
    nextRetryAt: () => nextRetryAt(pool, id),
    isPaused: async () => (await distributionStatus(pool, id)) === 'paused',
  })
}

/** Outcomes that may wait to be written while lanes go on (see sendThroughLanes). */
export { maxUnrecordedFor } from '../mail/sendThroughLanes'

async function report(pool: Pool, id: number): Promise<MailingReport> {
  return toReport(await countDeliveries(pool, id))
}

function toReport(counts: DeliveryCounts): MailingReport {
  return {
    outcome: 'sent',
    sent: counts.sent,
    failed: counts.failed,
    bounced: counts.bounced,
    unknown: counts.unknown,
    suppressed: counts.suppressed,
    pending: counts.pending,
  }
}

function problemSummary(counts: DeliveryCounts): string {
  const parts = [
    counts.bounced > 0 ? `${counts.bounced} rebotaron (dirección inválida; el contacto quedó suspendido)` : null,
    counts.failed > 0 ? `${counts.failed} fallaron` : null,
    counts.unknown > 0 ? `${counts.unknown} sin confirmar por una interrupción (revisa si llegaron; no se reenvían solos)` : null,
  ].filter(Boolean)
  return `${parts.join('; ')}. Revisa la lista de envíos.`
}
