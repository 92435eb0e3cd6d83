import { signUnsubscribeToken, unsubscribeUrl } from '@pregon/cms/mail/unsubscribeToken'
import type { OutgoingMessage } from '../providers/smtp/createMailer'
import { UNSUBSCRIBE_PLACEHOLDER, type PressEmail } from './renderPressEmail'

export interface PressMessageTemplate extends PressEmail {
  replyTo?: string | null
}

/** The mailbox part of `Name <address>` (or the address itself). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim()
}

/**
 * One recipient's copy: their own signed unsubscribe link in the footer and in `List-Unsubscribe`, with
 * `List-Unsubscribe-Post` so mail clients can unsubscribe in one click without opening a page (RFC 8058).
 */
export function personalizePressEmail({
  template,
  to,
  contactId,
  secret,
  cmsUrl,
  from,
}: {
  template: PressMessageTemplate
  to: string
  contactId: number | string
  secret: string
  cmsUrl: string
  from: string
}): OutgoingMessage {
  const token = signUnsubscribeToken({ secret, contactId })
  const oneClick = unsubscribeUrl({ cmsUrl, token })
  const mailto = `mailto:${addressOf(from)}?subject=${encodeURIComponent(`Baja ${token}`)}`
  return {
    to,
    subject: template.subject,
    html: template.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, oneClick),
    text: template.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, oneClick),
    ...(template.replyTo ? { replyTo: template.replyTo } : {}),
    headers: {
      'List-Unsubscribe': `<${oneClick}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `Boletines de prensa <prensa.${addressOf(from).split('@')[1] ?? 'pregon.local'}>`,
      'Auto-Submitted': 'auto-generated',
    },
  }
}
