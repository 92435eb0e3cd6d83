import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool'

export interface OutgoingMessage {
  to: string
  subject: string
  html: string
  text: string
  replyTo?: string
  headers?: Record<string, string>
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ messageId: string }>
  close(): void
}

/** Pooled SMTP: one connection per message caps a local server at ~10 msg/s (STACK-NOTES). */
export function createMailer({ smtpUrl, from }: { smtpUrl: string; from: string }): Mailer {
  const options: SMTPPool.Options = { pool: true, maxConnections: 4, maxMessages: 500, url: smtpUrl }
  const transport = nodemailer.createTransport(options as SMTPPool.Options)
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message })
      return { messageId: info.messageId }
    },
    close: () => transport.close(),
  }
}
