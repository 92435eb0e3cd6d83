import type { Pool } from 'pg'
import { poolOf } from '@pregon/cms/worker'
import type { DeliveryCounts, LedgerScope } from '@pregon/core/deliveries'
import { DIGEST_LOCK_NAMESPACE, flagReleased, lockMailing, nextRetryAt, unlockMailing } from '../mail/deliveryLedger'
import { createPressMessageComposer, type PressMessageComposer } from '../mail/composePressMessages'
import { journalHost, journalPath, readMailingJournal } from '../mail/openMailingJournal'
import type { PressMessageTemplate } from '../mail/personalizePressEmail'
import { finishThroughLanes, sendThroughLanes } from '../mail/sendThroughLanes'
import { emailItems, officeWords, subscriberTemplate } from '../mail/subscriberContent'
import { digestContentKeys, digestItems, markSubscriberBounced, nextPendingSubscribers, startDigest, suppressInactiveSubscribers } from '../mail/subscriberLedger'
import type { TaskContext } from './TaskContext'

interface DigestRow {
  id: number
  frequency: 'daily' | 'weekly'
  period_start: Date
  period_end: Date
  status: 'pending' | 'sending' | 'sent' | 'failed'
  detail: { journalHost?: string; templates?: Record<string, PressMessageTemplate> } | null
}

export interface DigestReport {
  outcome: 'sent' | 'already-done' | 'busy'
  counts: DeliveryCounts | null
}

const readDigest = async (pool: Pool, id: number) =>
  (await pool.query<DigestRow>('SELECT id, frequency, period_start, period_end, status, detail FROM subscriber_digests WHERE id = $1', [id])).rows[0] ?? null

/**
 * Mails one daily or weekly digest: each subscriber of that frequency gets one message with everything first
 * published in the period that matches them (and they did not already get), once — the ledger's unique
 * (digest, subscriber) row and the journal hold across worker restarts, as for press mailings. Each distinct
 * set of items is composed once; copies differ by address and preferences link.
 */
export async function sendSubscriberDigest(ctx: TaskContext, digestId: number | string): Promise<DigestReport> {
  const id = Number(digestId)
  const pool = poolOf(ctx.payload)
  const lock = await lockMailing(pool, id, DIGEST_LOCK_NAMESPACE)
  if (!lock) return { outcome: 'busy', counts: null }
  const scope: LedgerScope = { table: 'subscriber_deliveries', column: 'digest_id', id }
  const journalFile = journalPath(ctx.config.dataDir, `digest-${id}`)
  try {
    let digest = await readDigest(pool, id)
    if (!digest || digest.status === 'sent' || digest.status === 'failed') return { outcome: 'already-done', counts: null }
    if (digest.status === 'pending') {
      const items = await digestItems(pool, { start: digest.period_start, end: digest.period_end })
      const recipients = await startDigest(pool, {
        digestId: id,
        frequency: digest.frequency,
        start: digest.period_start,
        end: digest.period_end,
        itemKeys: items.map((item) => item.key),
        detail: { journalHost: journalHost(), items: items.length },
      })
      ctx.log.info({ digestId: id, recipients, items: items.length }, 'subscriber digest started')
    } else {
      if (digest.detail?.journalHost && digest.detail.journalHost !== journalHost()) {
        ctx.log.error({ digestId: id, host: digest.detail.journalHost }, 'digest interrupted on another host; leaving it to that host')
        return { outcome: 'busy', counts: null }
      }
      const flagged = await flagReleased(pool, { distributionId: id, released: readMailingJournal(journalFile), scope })
      if (flagged > 0) ctx.log.warn({ digestId: id, flagged }, 'digest resumed after an interruption; deliveries in flight flagged unknown')
    }
    digest = (await readDigest(pool, id))!
    const composers = await composersFor(ctx, pool, digest)
    await sendThroughLanes({
      ctx,
      pool,
      table: 'subscriber_deliveries',
      journalFile,
      logFields: { digestId: id },
      nextPending: (afterId, limit) => nextPendingSubscribers(pool, scope, { afterId, limit }),
      compose: (delivery) => composers.get(delivery.contentKey ?? '')!.compose({ email: delivery.email, contactId: delivery.contactId }),
      markBounced: (delivery, reason) => markSubscriberBounced(pool, { subscriberId: delivery.contactId, reason }),
      suppressInactive: () => suppressInactiveSubscribers(pool, scope),
      nextRetryAt: () => nextRetryAt(pool, id, scope),
    })
    const counts = await finishThroughLanes({
      pool,
      scope,
      journalFile,
      describeProblems: (_, problems) => `${problems} resúmenes no se confirmaron (rebotes, fallas o interrupciones).`,
      writeEnd: async ({ status, error, counts }) => {
        await pool.query(
          `UPDATE subscriber_digests SET status = $2, error = $3, completed_at = now(), detail = COALESCE(detail, '{}'::jsonb) || jsonb_build_object('counts', $4::jsonb), updated_at = now()
            WHERE id = $1 AND status = 'sending'`,
          [id, status, error, JSON.stringify(counts)],
        )
      },
    })
    ctx.log.info({ digestId: id, ...counts }, 'subscriber digest finished')
    return { outcome: 'sent', counts }
  } finally {
    await unlockMailing(lock, id, DIGEST_LOCK_NAMESPACE)
  }
}

const PERIOD_DATE = (timeZone: string) => new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'long', timeZone })

/**
 * One composer per distinct content. The messages are rendered once and kept on the digest, so a resumed
 * digest sends what it started with (a content rendered before a crash is not rendered again).
 */
async function composersFor(ctx: TaskContext, pool: Pool, digest: DigestRow): Promise<Map<string, PressMessageComposer>> {
  const secret = ctx.config.payloadSecret
  if (!secret) throw new Error('PAYLOAD_SECRET: not set (it signs the preferences links of subscriber mailings)')
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  const templates = { ...(digest.detail?.templates ?? {}) }
  const missing = (await digestContentKeys(pool, digest.id)).filter((key) => !templates[key])
  if (missing.length > 0) {
    const words = await officeWords(pool, { siteUrl: ctx.config.portal.url, timeZone })
    const format = PERIOD_DATE(timeZone)
    const period = digest.frequency === 'daily' ? `del ${format.format(digest.period_start)}` : `de la semana del ${format.format(digest.period_start)} al ${format.format(new Date(digest.period_end.getTime() - 1))}`
    for (const key of missing) templates[key] = await subscriberTemplate({ kind: 'digest', period, items: await emailItems(pool, key.split(','), words), words })
    await pool.query(`UPDATE subscriber_digests SET detail = COALESCE(detail, '{}'::jsonb) || jsonb_build_object('templates', $2::jsonb), updated_at = now() WHERE id = $1`, [
      digest.id,
      JSON.stringify(templates),
    ])
  }
  const composers = new Map<string, PressMessageComposer>()
  for (const [key, template] of Object.entries(templates)) {
    composers.set(key, await createPressMessageComposer({ template, from: ctx.mailer.from, secret, cmsUrl: ctx.config.cms.url, audience: 'subscribers' }))
  }
  return composers
}
