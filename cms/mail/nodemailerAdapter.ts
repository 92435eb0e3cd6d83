import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

/**
 * Payload's own mails (password reset) over nodemailer. `@payloadcms/email-nodemailer` pins an exact
 * Payload version one patch behind ours, and the interface is three members.
 */
export function nodemailerAdapter({ smtpUrl, from }: { smtpUrl: string; from: string }): EmailAdapter {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(from)
  const defaultFromName = match?.[1] || 'Pregón'
  const defaultFromAddress = match?.[2] || from
  return () => {
    const transport = nodemailer.createTransport(smtpUrl)
    return {
      name: 'nodemailer',
      defaultFromAddress,
      defaultFromName,
      sendEmail: async (message) => transport.sendMail({ from: `${defaultFromName} <${defaultFromAddress}>`, ...message }),
    }
  }
}
