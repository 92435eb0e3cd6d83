import { splitEntity } from './mimeParts'

/** One recipient of a delivery-status report (RFC 3464), as the reporting server gave it. */
export interface RecipientStatus {
  /** Lower-cased address, from Original-Recipient when it is an rfc822 one, else Final-Recipient. */
  address: string
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded`. */
  action: string
  /** Enhanced status code (RFC 3463) such as `5.1.1`, or null when absent. */
  status: string | null
  /** The remote server's answer, unfolded, e.g. `smtp; 550 5.1.1 … User unknown`. */
  diagnostic: string | null
}

export interface DeliveryStatus {
  recipients: RecipientStatus[]
  /** Some servers (Gmail) name the original message in the per-message fields. */
  originalMessageId: string | null
}

/** Parses the body of a `message/delivery-status` part: per-message fields, then one block per recipient. */
export function parseDeliveryStatus(body: string): DeliveryStatus {
  const blocks = body
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => fieldsOf(block))
    .filter((fields) => fields.size > 0)
  const perMessage = blocks.find((fields) => !fields.has('final-recipient')) ?? new Map<string, string>()
  const recipients: RecipientStatus[] = []
  for (const fields of blocks) {
    const address = addressOf(fields.get('original-recipient')) ?? addressOf(fields.get('final-recipient'))
    if (!address) continue
    const status = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(fields.get('status') ?? '')
    recipients.push({
      address,
      action: (fields.get('action') ?? '').toLowerCase().split(/[\s(]/)[0]!,
      status: status ? `${status[1]}.${status[2]}.${status[3]}` : null,
      diagnostic: fields.get('diagnostic-code') ?? null,
    })
  }
  const originalMessageId = /<[^<>\s]+>/.exec(perMessage.get('x-original-message-id') ?? perMessage.get('original-message-id') ?? '')?.[0] ?? null
  return { recipients, originalMessageId }
}

/** A permanent failure: the server gave up (`failed`) with a 5.x.x status, or with none but a 5xx answer. */
export function isPermanentFailure(recipient: RecipientStatus): boolean {
  if (recipient.action !== 'failed') return false
  if (recipient.status) return recipient.status.startsWith('5.')
  return /(^|[;\s])5\d\d[\s-]/.test(recipient.diagnostic ?? '')
}

function fieldsOf(block: string): Map<string, string> {
  const fields = new Map<string, string>()
  const { headers } = splitEntity(`${block.trim()}\n\n`)
  for (const line of headers.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const match = /^([A-Za-z0-9-]+)[ \t]*:[ \t]*(.*)$/.exec(line)
    if (match && !fields.has(match[1]!.toLowerCase())) fields.set(match[1]!.toLowerCase(), match[2]!.trim())
  }
  return fields
}

/** `rfc822; Name@Example.org` → `name@example.org`; other address types (x400, utf-8 with encoding) → null. */
function addressOf(field: string | undefined): string | null {
  if (!field) return null
  const [type, ...rest] = field.split(';')
  const value = rest.join(';').trim().replace(/^<|>$/g, '')
  if (!/^(rfc822|utf-8)$/i.test(type!.trim())) return null
  return /^[^@\s<>]+@[^@\s<>]+$/.test(value) ? value.toLowerCase() : null
}
