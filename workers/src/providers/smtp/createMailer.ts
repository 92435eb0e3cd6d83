import nodemailer from 'nodemailer'
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

export interface Mailer {
  /** Resolves once the server accepted the message (250 after DATA); rejects with nodemailer's error otherwise. */
  send(message: OutgoingMessage): Promise<{ messageId: string; response: string }>
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
    async send(message) {
      const info = await transport.sendMail({ from, ...message })
      return { messageId: info.messageId, response: info.response }
    },
    close: () => transport.close(),
  }
}
