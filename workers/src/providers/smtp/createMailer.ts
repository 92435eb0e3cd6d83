import { Readable } from 'node:stream'
import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool'
import type { MailDkim } from '@pregon/core/loadConfig'

export interface OutgoingMessage {
  to: string
  subject: string
  html: string
  text: string
  replyTo?: string
  headers?: Record<string, string>
}

/** A message composed in full (see composePressMessages), addressed to one recipient. */
export interface RawMessage {
  to: string
  messageId: string
  raw: Buffer
}

export interface SendOptions {
  /**
   * Runs once the message is being handed to the server, and holds back its bytes (and so the final dot,
   * before which no SMTP server accepts a message) until it resolves: true lets the message go, false
   * abandons it. The caller records "this may now be accepted" there.
   */
  beforeAcceptance?: () => Promise<boolean>
}

export class MessageAbandonedError extends Error {
  readonly code = 'MAIL_ABANDONED'
}

export interface Mailer {
  /** Resolves once the server accepted the message (250 after DATA); rejects with nodemailer's error otherwise. */
  send(message: RawMessage, options?: SendOptions): Promise<{ messageId: string; response: string }>
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

/** The mailbox part of `Name <address>` (or the address itself). */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim()

/** The domain of the From address, which names the office's Message-IDs and list. */
export const domainOf = (from: string) => addressOf(from).split('@')[1] ?? 'pregon.local'

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
  return {
    from,
    connections,
    async send({ to, messageId, raw }, { beforeAcceptance } = {}) {
      const source = beforeAcceptance ? heldUntil(raw, beforeAcceptance) : raw
      // messageId and baseBoundary spare nodemailer generating ones a raw message does not use.
      const info = await transport.sendMail({ envelope: { from: addressOf(from), to: [to] }, raw: source, messageId, baseBoundary: 'raw' })
      return { messageId, response: info.response }
    },
    close: () => transport.close(),
  }
}

/**
 * A stream of `raw` that waits for `gate` before giving any of its bytes (so before the final dot, without
 * which the server cannot have accepted it). The gate opens when the connection the message was given to
 * first reads it, which is as late as nodemailer lets us see; the message then goes in one chunk, so the
 * socket gets it in one write rather than a head and a two-byte tail.
 */
function heldUntil(raw: Buffer, gate: () => Promise<boolean>): Readable {
  let isAsked = false
  return new Readable({
    read() {
      if (isAsked) return
      isAsked = true
      gate().then(
        (proceed) => {
          if (!proceed) return this.destroy(new MessageAbandonedError('Message abandoned before acceptance'))
          this.push(raw)
          this.push(null)
        },
        (error: unknown) => this.destroy(error as Error),
      )
    },
  })
}
