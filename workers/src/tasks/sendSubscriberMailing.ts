import type { Pool } from 'pg'
import { poolOf } from '@pregon/cms/worker'
import type { DeliveryCounts, LedgerScope } from '@pregon/core/deliveries'
import { distributionStatus, finishMailing, flagReleased, lockMailing, nextRetryAt, unlockMailing } from '../mail/deliveryLedger'
import { createPressMessageComposer } from '../mail/composePressMessages'
import { journalHost, journalPath, readMailingJournal } from '../mail/openMailingJournal'
import type { PressMessageTemplate } from '../mail/personalizePressEmail'
import { finishThroughLanes, sendThroughLanes } from '../mail/sendThroughLanes'
import { emailItems, officeWords, subscriberTemplate } from '../mail/subscriberContent'
import { markSubscriberBounced, nextPendingSubscribers, startSubscriberMailing, suppressInactiveSubscribers } from '../mail/subscriberLedger'
import { loadDistribution } from './loadDistribution'
import type { TaskContext } from './TaskContext'

export interface SubscriberMailingReport {
  outcome: 'sent' | 'already-done' | 'gone' | 'busy'
  counts: DeliveryCounts | null
}

/**
 * Mails one published bulletin or program to the citizens who asked to be told at once and match it, and an
 * emergency to everyone who accepts emergency alerts: exactly once per subscriber, with the press mailings'
 * ledger, journal and crash rules (sendThroughLanes). Composed once; each copy differs by its address and the
 * subscriber's own preferences / one-click unsubscribe link.
 */
export async function sendSubscriberMailing(ctx: TaskContext, distributionId: number | string): Promise<SubscriberMailingReport> {
  const id = Number(distributionId)
  const pool = poolOf(ctx.payload)
  const lock = await lockMailing(pool, id)
  if (!lock) return { outcome: 'busy', counts: null }
  const scope: LedgerScope = { table: 'subscriber_deliveries', column: 'distribution_id', id }
  try {
    const status = await distributionStatus(pool, id)
    if (status === null || ['sent', 'failed', 'skipped'].includes(status)) return { outcome: 'already-done', counts: null }
    if (status === 'pending' && !(await prepare(ctx, pool, id))) return { outcome: 'gone', counts: null }
    const distribution = await ctx.payload.findByID({ collection: 'distributions', id, depth: 0 })
    const detail = distribution.detail as { message?: PressMessageTemplate; journalHost?: string } | null
    if (!detail?.message) throw new Error(`Distribution ${id} is sending but has no rendered message`)
    if (status === 'sending') {
      if (detail.journalHost && detail.journalHost !== journalHost()) {
        ctx.log.error({ distributionId: id, host: detail.journalHost }, 'subscriber mailing interrupted on another host; leaving it to that host')
        return { outcome: 'busy', counts: null }
      }
      const flagged = await flagReleased(pool, { distributionId: id, released: readMailingJournal(journalPath(ctx.config.dataDir, id)), scope })
      if (flagged > 0) ctx.log.warn({ distributionId: id, flagged }, 'subscriber mailing resumed after an interruption; deliveries in flight flagged unknown')
    }
    const secret = ctx.config.payloadSecret
    if (!secret) throw new Error('PAYLOAD_SECRET: not set (it signs the preferences links of subscriber mailings)')
    const composer = await createPressMessageComposer({ template: detail.message, from: ctx.mailer.from, secret, cmsUrl: ctx.config.cms.url, audience: 'subscribers' })
    await sendThroughLanes({
      ctx,
      pool,
      table: 'subscriber_deliveries',
      journalFile: journalPath(ctx.config.dataDir, id),
      logFields: { distributionId: id },
      nextPending: (afterId, limit) => nextPendingSubscribers(pool, scope, { afterId, limit }),
      compose: (delivery) => composer.compose({ email: delivery.email, contactId: delivery.contactId }),
      markBounced: (delivery, reason) => markSubscriberBounced(pool, { subscriberId: delivery.contactId, reason }),
      suppressInactive: () => suppressInactiveSubscribers(pool, scope),
      nextRetryAt: () => nextRetryAt(pool, id, scope),
    })
    const counts = await finishThroughLanes({
      pool,
      scope,
      journalFile: journalPath(ctx.config.dataDir, id),
      describeProblems: (_, problems) => `${problems} correos a suscriptores no se confirmaron (rebotes, fallas o interrupciones). Revisa «Envíos a suscriptores».`,
      writeEnd: (end) => finishMailing(pool, { distributionId: id, ...end }),
    })
    ctx.log.info({ distributionId: id, ...counts }, 'subscriber mailing finished')
    return { outcome: 'sent', counts }
  } finally {
    await unlockMailing(lock, id)
  }
}

/** First run: re-check the item as published, render its message once and write the audience. */
async function prepare(ctx: TaskContext, pool: Pool, id: number): Promise<boolean> {
  const target = await loadDistribution(ctx.payload, id)
  if (target.kind === 'done' || target.kind === 'interrupted') return true
  if (target.kind === 'gone') {
    await ctx.payload.update({ collection: 'distributions', id, data: { status: 'skipped', error: target.reason } })
    return false
  }
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  const words = await officeWords(pool, { siteUrl: ctx.config.portal.url, timeZone })
  const key = `${target.collection === 'programs' ? 'p' : 'b'}${target.item.id}`
  const isEmergency = Boolean(target.distribution.isUrgent) || target.item.classification === 'emergencia'
  const template = await subscriberTemplate({ kind: isEmergency ? 'emergency' : 'item', items: await emailItems(pool, [key], words), words })
  const recipients = await startSubscriberMailing(pool, {
    distributionId: id,
    item: { collection: target.collection, id: Number(target.item.id) },
    isEmergency,
    detail: { message: template, isEmergency, journalHost: journalHost() },
  })
  ctx.log.info({ distributionId: id, recipients, isEmergency }, 'subscriber mailing started')
  return true
}
