import MailComposer from 'nodemailer/lib/mail-composer'
import { poolOf } from '@pregon/cms/worker'
import { CONFIRMATION_TTL_HOURS, FREQUENCY_LABELS, type Frequency } from '@pregon/core/subscriptions'
import { subscriberConfirmUrl } from '@pregon/core/unsubscribeToken'
import { domainOf } from '../providers/smtp/createMailer'
import { officeWords } from '../mail/subscriberContent'
import type { TaskContext } from './TaskContext'

/** The confirmation message's words: what was asked, the link, and what to do if it was not them. */
export function confirmationText({ municipality, office, link, frequency }: { municipality: string; office: string; link: string; frequency: Frequency }): { subject: string; text: string } {
  return {
    subject: `Confirma tu suscripción a los avisos de ${municipality}`,
    text: [
      `${municipality} · ${office}`,
      '',
      'Recibimos una solicitud para enviar a este correo los avisos del portal',
      `(${FREQUENCY_LABELS[frequency].toLowerCase()}).`,
      '',
      'Para confirmarla, abre este enlace y pulsa «Confirmar mi suscripción»:',
      link,
      '',
      `El enlace vence en ${CONFIRMATION_TTL_HOURS} horas. Si no pediste esta suscripción, ignora este correo: no te enviaremos nada más.`,
    ].join('\n'),
  }
}

/**
 * Sends the confirmation of one subscription request (double opt-in): the only message an unconfirmed
 * address ever gets. Nothing is sent when the request was superseded, confirmed or forgotten since. The
 * Message-ID comes from the job (kept across retries), so a retry after the server accepted it is the same
 * message to mail clients.
 */
export async function sendSubscriberNotice(ctx: TaskContext, { subscriberId, requestedAt }: { subscriberId: number | string; requestedAt: string }, { jobId }: { jobId: string }): Promise<'sent' | 'skipped'> {
  const pool = poolOf(ctx.payload)
  const { rows } = await pool.query<{ email: string; requested_at: Date | null; pending_choice: { frequency?: Frequency } | null }>(
    'SELECT email, requested_at, pending_choice FROM subscribers WHERE id = $1',
    [Number(subscriberId)],
  )
  const row = rows[0]
  const asked = new Date(requestedAt)
  if (!row?.pending_choice || !row.requested_at || Math.floor(row.requested_at.getTime() / 1000) !== Math.floor(asked.getTime() / 1000)) {
    ctx.log.info({ subscriberId }, 'subscriber confirmation skipped: request superseded, confirmed or expired')
    return 'skipped'
  }
  const secret = ctx.config.payloadSecret
  if (!secret) throw new Error('PAYLOAD_SECRET: not set (it signs the confirmation links)')
  const words = await officeWords(pool, { siteUrl: ctx.config.portal.url, timeZone: ctx.timeZone ?? 'America/Mexico_City' })
  const link = subscriberConfirmUrl({ cmsUrl: ctx.config.cms.url, secret, subscriberId, requestedAt: row.requested_at })
  const { subject, text } = confirmationText({ municipality: words.municipality, office: words.office, link, frequency: row.pending_choice.frequency ?? 'immediate' })
  const from = ctx.mailer.from
  const messageId = `<subscriber-confirm-${jobId}@${domainOf(from)}>`
  const raw = await new MailComposer({ from, to: row.email, subject, text, messageId, headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } })
    .compile()
    .build()
  await ctx.mailer.send({ to: row.email, messageId, raw })
  ctx.log.info({ subscriberId }, 'subscriber confirmation sent')
  return 'sent'
}
