import { signToken, signUnsubscribeToken, unsubscribeUrl } from '@pregon/core/unsubscribeToken'
import { addressOf, domainOf, type OutgoingMessage } from '../providers/smtp/createMailer'
import { UNSUBSCRIBE_PLACEHOLDER, type PressMessageTemplate } from '@pregon/cms/worker'

export type { PressMessageTemplate }

/** What differs between two recipients' copies besides the address: their own unsubscribe link. */
export interface Unsubscribe {
  /** The one-click HTTPS URL, also linked from the footer. */
  url: string
  /** The `List-Unsubscribe` value: that URL and a mailto carrying the same token. */
  header: string
}

export function unsubscribeFor({ contactId, secret, cmsUrl, from }: { contactId: number | string; secret: string; cmsUrl: string; from: string }): Unsubscribe {
  const token = signUnsubscribeToken({ secret, contactId })
  return linksWith(unsubscribeUrl({ cmsUrl, token }), token, from)
}

/** A citizen's: their preferences page, which also takes the one-click POST; the mailto carries the same token. */
export function subscriberLinksFor({ subscriberId, secret, cmsUrl, from }: { subscriberId: number | string; secret: string; cmsUrl: string; from: string }): Unsubscribe {
  const token = signToken({ secret, purpose: 'subscriberManage', subject: String(subscriberId) })
  return linksWith(`${cmsUrl}/api/subscribers/manage?t=${encodeURIComponent(token)}`, token, from)
}

function linksWith(url: string, token: string, from: string): Unsubscribe {
  const mailto = `mailto:${addressOf(from)}?subject=${encodeURIComponent(`Baja ${token}`)}`
  return { url, header: `<${url}>, <${mailto}>` }
}

/** Who a mailing goes to: journalists (the press directory) or citizens (subscriptions); their lists never mix. */
export type MailingAudience = 'press' | 'subscribers'

export function listIdFor(audience: MailingAudience, from: string): string {
  return audience === 'press' ? `Boletines de prensa <prensa.${domainOf(from)}>` : `Avisos del portal <avisos.${domainOf(from)}>`
}

/** Every line break as CRLF, as a message must carry it: the encoded lines then never depend on their neighbours. */
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n')

/**
 * One recipient's copy: their own signed unsubscribe link in the footer and in `List-Unsubscribe`, with
 * `List-Unsubscribe-Post` so mail clients can unsubscribe in one click without opening a page (RFC 8058).
 */
export function fillPressEmail({
  template,
  to,
  unsubscribe,
  from,
  audience = 'press',
}: {
  template: PressMessageTemplate
  to: string
  unsubscribe: Unsubscribe
  from: string
  audience?: MailingAudience
}): OutgoingMessage {
  return {
    to,
    subject: template.subject,
    html: crlf(template.html).replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe.url),
    text: crlf(template.text).replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe.url),
    ...(template.replyTo ? { replyTo: template.replyTo } : {}),
    headers: {
      'List-Unsubscribe': unsubscribe.header,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listIdFor(audience, from),
      'Auto-Submitted': 'auto-generated',
    },
  }
}

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
  return fillPressEmail({ template, to, from, unsubscribe: unsubscribeFor({ contactId, secret, cmsUrl, from }) })
}
