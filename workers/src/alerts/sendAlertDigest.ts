import { randomUUID } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import type { PoolClient } from 'pg'
import { ALERT_COLUMNS, alertFromRow, alertPath, readOpenAlerts, type OpsAlert } from '@pregon/cms/worker'
import { domainOf } from '../providers/smtp/createMailer'
import type { TaskContext } from '../tasks/TaskContext'
import { composeAlertDigest, type DigestAlert } from './composeAlertDigest'

/** At most one digest in this window, however many alerts open in it: admins get a summary, not a stream. */
export const DIGEST_INTERVAL_MS = 15 * 60 * 1000

/**
 * Sends the admins one digest when an open alert has not been told yet and the last digest is at least
 * DIGEST_INTERVAL_MS old. Alerts are marked told only after the SMTP server accepted the digest for at
 * least one admin: when the server is down nothing is marked or recorded, and the next run tries again.
 * Runs under checkAlerts' lock, on its connection.
 */
export async function sendAlertDigest(ctx: TaskContext, { db, now }: { db: PoolClient; now: Date }): Promise<boolean> {
  const { log } = ctx
  const untold = Number((await db.query('SELECT count(*) AS n FROM ops_alerts WHERE resolved_at IS NULL AND notified_at IS NULL')).rows[0]?.n ?? 0)
  if (untold === 0) return false
  const lastAt = ((await db.query<{ at: Date | null }>('SELECT max(sent_at) AS at FROM ops_digests')).rows[0]?.at ?? null) as Date | null
  if (lastAt && now.getTime() - lastAt.getTime() < DIGEST_INTERVAL_MS) {
    log.debug({ untold, lastDigestAt: lastAt.toISOString() }, 'alert digest held until the interval passes')
    return false
  }
  const admins = await ctx.payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, depth: 0, pagination: false, sort: 'id' })
  if (admins.docs.length === 0) {
    log.warn({ untold }, 'alerts need a person but there is no admin account to tell (the banner still shows them)')
    return false
  }

  const { alerts: open } = await readOpenAlerts(db)
  const resolved = lastAt ? await readResolvedSince(db, lastAt) : []
  const base = ctx.config.cms.url.replace(/\/+$/, '')
  const withLink = (alert: OpsAlert): DigestAlert => {
    const path = alertPath(alert)
    return { ...alert, link: path ? `${base}${path}` : null }
  }
  const digest = composeAlertDigest({
    open: open.map(withLink),
    newKeys: new Set(open.filter((alert) => alert.notifiedAt === null).map((alert) => alert.key)),
    resolved: resolved.map(withLink),
    adminUrl: `${base}/admin`,
    timeZone: ctx.timeZone ?? 'America/Mexico_City',
  })
  const from = ctx.mailer.from
  let accepted = 0
  for (const admin of admins.docs) {
    const messageId = `<${randomUUID()}@${domainOf(from)}>`
    const raw = await new MailComposer({
      from,
      to: admin.email,
      subject: digest.subject,
      text: digest.text,
      html: digest.html,
      messageId,
      date: now,
      // Automatic mail: no vacation replies back, no auto-forward loops.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    })
      .compile()
      .build()
    try {
      await ctx.mailer.send({ to: admin.email, messageId, raw })
      accepted++
    } catch (error) {
      log.error({ userId: admin.id, err: error }, 'alert digest not accepted by the SMTP server')
    }
  }
  if (accepted === 0) {
    log.error({ untold }, 'alert digest not sent: alerts stay untold and the next run tries again')
    return false
  }

  const keys = open.map((alert) => alert.key)
  await db.query('BEGIN')
  try {
    await db.query('UPDATE ops_alerts SET notified_at = $1 WHERE key = ANY($2::text[]) AND notified_at IS NULL AND resolved_at IS NULL', [now, keys])
    await db.query('INSERT INTO ops_digests (sent_at, recipients, alert_keys) VALUES ($1, $2, $3::text[])', [now, accepted, keys])
    await db.query('COMMIT')
  } catch (error) {
    await db.query('ROLLBACK')
    throw error
  }
  log.info({ alerts: keys.length, untold, recipients: accepted }, 'alert digest sent to the admins')
  return true
}

async function readResolvedSince(db: PoolClient, since: Date): Promise<OpsAlert[]> {
  const { rows } = await db.query(`SELECT ${ALERT_COLUMNS} FROM ops_alerts WHERE resolved_at > $1 AND notified_at IS NOT NULL ORDER BY resolved_at`, [since])
  return rows.map(alertFromRow)
}
