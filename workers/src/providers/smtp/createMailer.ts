import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import nodemailer from 'nodemailer'
import MailComposer from 'nodemailer/lib/mail-composer'
import type SMTPPool from 'nodemailer/lib/smtp-pool'
import type { MailDkim } from '@pregon/cms/config'

export interface OutgoingMessage {
  to: string
  subject: string
  html: string
  text: string
  replyTo?: string
  headers?: Record<string, string>
}

export interface SendOptions {
  /**
   * Runs once the message is being handed to the server, and holds back its last bytes (and so the final
   * dot, before which no SMTP server accepts a message) until it resolves: true lets the message finish,
   * false abandons it. The caller records "this may now be accepted" there.
   */
  beforeAcceptance?: () => Promise<boolean>
}

export class MessageAbandonedError extends Error {
  readonly code = 'MAIL_ABANDONED'
}

export interface Mailer {
  /** Resolves once the server accepted the message (250 after DATA); rejects with nodemailer's error otherwise. */
  send(message: OutgoingMessage, options?: SendOptions): Promise<{ messageId: string; response: string }>
  /** The address messages come from (its mailbox also takes unsubscribe requests by mail). */
  from: string
  /** Messages that can be in flight at once (the pool's connections). */
  connections: number
  close(): void
}

/** Pool options shared with the benchmark's raw-nodemailer baseline, so both compare like with like. */
export function poolOptions({ smtpUrl, connections }: { smtpUrl: string; connections: number }): SMTPPool.Options {
  // One connection per message caps a local server at ~10 msg/s (STACK-NOTES); a connection is renewed
  // after 1,000 messages, which most servers allow.
  return { pool: true, maxConnections: connections, maxMessages: 1000, url: smtpUrl }
}

const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim()

export function createMailer({
  smtpUrl,
  from,
  connections = 5,
  dkim = null,
}: {
  smtpUrl: string
  from: string
  connections?: number
  dkim?: MailDkim | null
}): Mailer {
  const options: SMTPPool.Options = { ...poolOptions({ smtpUrl, connections }), ...(dkim ? { dkim } : {}) }
  const transport = nodemailer.createTransport(options)
  const domain = addressOf(from).split('@')[1] ?? 'pregon.local'
  return {
    from,
    connections,
    async send(message, { beforeAcceptance } = {}) {
      const messageId = `<${randomUUID()}@${domain}>`
      // Composed here exactly as nodemailer composes it, so the last bytes can be held back.
      const raw = await new MailComposer({ from, ...message, messageId }).compile().build()
      const source = beforeAcceptance ? heldUntil(raw, beforeAcceptance) : raw
      const info = await transport.sendMail({ envelope: { from: addressOf(from), to: [message.to] }, raw: source })
      return { messageId, response: info.response }
    },
    close: () => transport.close(),
  }
}

/**
 * A stream of `raw` whose final bytes wait for `gate`: until then the server cannot have accepted it. The gate
 * opens when the connection asks for more than the head, which is as late as nodemailer lets us see.
 */
function heldUntil(raw: Buffer, gate: () => Promise<boolean>): Readable {
  const cut = Math.max(0, raw.length - 2)
  let stage: 'head' | 'gate' | 'done' = 'head'
  return new Readable({
    read() {
      if (stage === 'head') {
        stage = 'gate'
        this.push(raw.subarray(0, cut))
        return
      }
      if (stage !== 'gate') return
      stage = 'done'
      gate().then(
        (proceed) => {
          if (!proceed) return this.destroy(new MessageAbandonedError('Message abandoned before acceptance'))
          this.push(raw.subarray(cut))
          this.push(null)
        },
        (error: unknown) => this.destroy(error as Error),
      )
    },
  })
}
