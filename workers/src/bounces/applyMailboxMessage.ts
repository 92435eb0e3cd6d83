import { verifyToken, verifyUnsubscribeToken } from '@pregon/core/unsubscribeToken'
import type { MailboxMessage } from './classifyMailboxMessage'

export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>
}

/** What one message changed; ids only (logs never carry addresses). */
export interface AppliedMessage {
  /** `handled`: understood and acted on (even if nothing was left to change); `unhandled`: not understood. */
  outcome: 'handled' | 'unhandled'
  what: 'permanent-bounce' | 'transient-bounce' | 'unsubscribe' | 'unverified-token' | 'other'
  contactIds: number[]
  subscriberIds: number[]
  deliveries: number
}

/**
 * Acts on one classified message. Every update is guarded by the state it moves from, so the same message
 * applied twice (a crash before it was moved, two workers) changes nothing more.
 */
export async function applyMailboxMessage({ db, message, secret }: { db: Queryable; message: MailboxMessage; secret: string | undefined }): Promise<AppliedMessage> {
  const applied: AppliedMessage = { outcome: 'handled', what: 'other', contactIds: [], subscriberIds: [], deliveries: 0 }
  if (message.kind === 'other') return { ...applied, outcome: 'unhandled' }

  if (message.kind === 'unsubscribe') {
    // Without PAYLOAD_SECRET nothing verifies: no token is ever taken on trust.
    const contactId = secret ? verifyUnsubscribeToken({ secret, token: message.token }) : null
    const subscriber = secret ? verifyToken({ secret, purpose: 'subscriberManage', token: message.token }) : null
    const subscriberId = subscriber && /^\d{1,12}$/.test(subscriber) ? subscriber : null
    if (!contactId && !subscriberId) return { ...applied, what: 'unverified-token' }
    if (contactId) {
      const { rows } = await db.query<{ id: number }>(
        `UPDATE press_contacts SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now() WHERE id = $1 AND status <> 'unsubscribed' RETURNING id`,
        [Number(contactId)],
      )
      applied.contactIds.push(...rows.map((row) => Number(row.id)))
    }
    if (subscriberId) {
      const { rows } = await db.query<{ id: number }>(
        `UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now() WHERE id = $1 AND status <> 'unsubscribed' RETURNING id`,
        [Number(subscriberId)],
      )
      applied.subscriberIds.push(...rows.map((row) => Number(row.id)))
    }
    return { ...applied, what: 'unsubscribe' }
  }

  if (message.failures.length === 0) return { ...applied, what: 'transient-bounce' }
  for (const failure of message.failures) {
    // Same as a 5xx at send time (deliveryLedger's markContactBounced): only an active contact becomes bounced.
    const contacts = await db.query<{ id: number }>(
      `UPDATE press_contacts SET status = 'bounced', bounce_at = now(), bounce_reason = $2, updated_at = now()
        WHERE lower(email) = lower($1) AND status = 'active' RETURNING id`,
      [failure.address, failure.reason],
    )
    applied.contactIds.push(...contacts.rows.map((row) => Number(row.id)))
    // A confirmation that bounced leaves a pending subscriber bounced too: the address does not exist.
    const subscribers = await db.query<{ id: number }>(
      `UPDATE subscribers SET status = 'bounced', bounce_at = now(), bounce_reason = $2, updated_at = now()
        WHERE lower(email) = lower($1) AND status IN ('active', 'pending') RETURNING id`,
      [failure.address, failure.reason],
    )
    applied.subscriberIds.push(...subscribers.rows.map((row) => Number(row.id)))
  }
  if (message.originalMessageId) {
    const ids = [message.originalMessageId, message.originalMessageId.replace(/^<|>$/g, '')]
    const reason = message.failures[0]!.reason
    for (const table of ['deliveries', 'subscriber_deliveries'] as const) {
      const result = await db.query(
        `UPDATE ${table} SET status = 'bounced', error = $2, updated_at = now() WHERE message_id = ANY($1::text[]) AND status <> 'bounced'`,
        [ids, reason],
      )
      applied.deliveries += result.rowCount ?? 0
    }
  }
  return { ...applied, what: 'permanent-bounce' }
}
