import { simpleParser } from 'mailparser'
import { headerValue, mimeParts, splitEntity, type MimePart } from './mimeParts'
import { isPermanentFailure, parseDeliveryStatus } from './parseDeliveryStatus'

/** An address the remote server refused for good, and why (for bounce_reason; never logged). */
export interface PermanentFailure {
  address: string
  /** Enhanced status code, e.g. `5.1.1`. */
  status: string
  reason: string
}

/** What a message in the bounce mailbox asks of Pregón. */
export type MailboxMessage =
  | {
      kind: 'bounce'
      /** `dsn`: a multipart/report (RFC 3464); `text`: a plain-text bounce (qmail, old Exchange, …). */
      format: 'dsn' | 'text'
      failures: PermanentFailure[]
      /** Recipients only delayed or temporarily refused: nothing to do, the sending server retries. */
      transient: number
      /** The bounced message's own Message-ID, when the report carries it: it names one delivery row. */
      originalMessageId: string | null
    }
  | { kind: 'unsubscribe'; token: string }
  | { kind: 'other' }

/** A mailto: unsubscribe (personalizePressEmail's List-Unsubscribe), possibly with a reply prefix. */
const UNSUBSCRIBE_SUBJECT = /^\s*(?:(?:re|rv|fw|fwd)\s*:\s*)*baja\s+<?([A-Za-z0-9._-]{1,80})>?\s*$/i
const BOUNCE_SENDER = /mailer-daemon|postmaster|mail delivery/i
const BOUNCE_SUBJECT =
  /undeliver|delivery (status|failure|has failed|notification)|failure notice|returned mail|returned to sender|could not be delivered|no se (puede|pudo) entregar|mensaje no entregado|non remis|unzustellbar/i
/** Where a plain-text bounce starts quoting the message it returns. */
const ORIGINAL_MARKER =
  /^.*(below this line is a copy|original message|copy of the (original )?message|message that (caused|failed)|returned message|undelivered message|mensaje original).*$/im

export async function classifyMailboxMessage(raw: Buffer): Promise<MailboxMessage> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })
  const token = UNSUBSCRIBE_SUBJECT.exec(parsed.subject ?? '')?.[1]
  if (token) return { kind: 'unsubscribe', token }

  const text = raw.toString('utf8')
  const parts = mimeParts(text)
  const report = parts.find((part) => part.contentType === 'message/delivery-status' || part.contentType === 'message/global-delivery-status')
  if (report) return fromDeliveryStatus(report, parts, headerValue(splitEntity(text).headers, 'in-reply-to'))

  const from = parsed.from?.text ?? ''
  if (!BOUNCE_SENDER.test(from) && !BOUNCE_SUBJECT.test(parsed.subject ?? '')) return { kind: 'other' }
  return fromPlainText(parsed.text ?? '', parts)
}

function fromDeliveryStatus(report: MimePart, parts: MimePart[], inReplyTo: string | undefined): MailboxMessage {
  const status = parseDeliveryStatus(report.body)
  const failures = status.recipients.filter(isPermanentFailure).map((recipient) => ({
    address: recipient.address,
    status: recipient.status ?? '5.0.0',
    reason: reasonOf(recipient.status ?? '5.0.0', recipient.diagnostic),
  }))
  return {
    kind: 'bounce',
    format: 'dsn',
    failures,
    transient: status.recipients.length - failures.length,
    originalMessageId: originalHeadersOf(parts)?.messageId ?? status.originalMessageId ?? messageIdIn(inReplyTo),
  }
}

/**
 * A bounce without a report: the notice says what went wrong in words and a code, and quotes the original
 * message (attached or below a marker line). Acted on only when it names exactly one recipient and a code.
 */
function fromPlainText(body: string, parts: MimePart[]): MailboxMessage {
  const marker = ORIGINAL_MARKER.exec(body)
  const notice = marker ? body.slice(0, marker.index) : body
  const quoted = marker ? body.slice(marker.index + marker[0].length) : ''
  const original = originalHeadersOf(parts) ?? headersIn(quoted)
  const candidates = new Set([...notice.matchAll(/<([^<>\s@]+@[^<>\s@]+)>/g)].map((match) => match[1]!.toLowerCase()))
  const recipients = original?.to ? [original.to] : [...candidates]
  const enhanced = /(?:^|[\s(#])([45])\.(\d{1,3})\.(\d{1,3})\b/m.exec(notice)
  const basic = /(?:^|\s)([45])\d\d[\s-]/m.exec(notice)
  const klass = enhanced?.[1] ?? basic?.[1]
  if (recipients.length !== 1 || !klass) return { kind: 'other' }
  const status = enhanced ? `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}` : `${klass}.0.0`
  const line = notice.split('\n').find((l) => l.includes(enhanced?.[0]?.trim() ?? basic![0].trim())) ?? ''
  const isPermanent = klass === '5'
  return {
    kind: 'bounce',
    format: 'text',
    failures: isPermanent ? [{ address: recipients[0]!, status, reason: reasonOf(status, line) }] : [],
    transient: isPermanent ? 0 : 1,
    originalMessageId: original?.messageId ?? null,
  }
}

/** The returned message's headers, from a message/rfc822 or text/rfc822-headers part. */
function originalHeadersOf(parts: MimePart[]): { to: string | null; messageId: string | null } | null {
  const part = parts.find((p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers' || p.contentType === 'message/global')
  return part ? headersIn(part.body) : null
}

function headersIn(text: string): { to: string | null; messageId: string | null } | null {
  const start = /^(return-path|received|from|to|message-id|date|subject)[ \t]*:/im.exec(text)
  if (!start) return null
  const { headers } = splitEntity(text.slice(start.index))
  const to = headerValue(headers, 'to') ?? ''
  const addresses = [...to.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((match) => match[0].toLowerCase())
  return { to: addresses.length === 1 ? addresses[0]! : null, messageId: messageIdIn(headerValue(headers, 'message-id')) }
}

function messageIdIn(value: string | undefined): string | null {
  return /<[^<>\s]+>/.exec(value ?? '')?.[0] ?? null
}

function reasonOf(status: string, diagnostic: string | null): string {
  const said = (diagnostic ?? '').replace(/^\s*smtp\s*;\s*/i, '').replace(/\s+/g, ' ').trim()
  return `Rebote (${status})${said ? `: ${said}` : ''}`.slice(0, 500)
}
