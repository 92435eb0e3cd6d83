import { createHash } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import { distributedItemOf } from '@pregon/core/distributedItem'
import { poolOf, UNSUBSCRIBE_PLACEHOLDER, type PressMessageTemplate } from '@pregon/cms/worker'
import { domainOf } from '../providers/smtp/createMailer'
import { fillPressEmail } from '../mail/personalizePressEmail'
import type { TaskContext } from '../tasks/TaskContext'
import { recordExpedienteEntry } from './recordExpedienteEntry'

/** Who the kept copy is addressed to: the press list, never a journalist (their addresses stay in `deliveries`). */
export const EXPEDIENTE_MAIL_TO = 'lista-de-prensa@pregon.invalid'

/**
 * The mailing's message as one raw RFC 822 copy, composed by nodemailer's MailComposer from the same options
 * every recipient's copy is (composePressMessages), addressed to the list and with the unsubscribe link's
 * placeholder (UNSUBSCRIBE_PLACEHOLDER) where each copy had its recipient's own link. Its Date is the
 * mailing's start and its Message-ID and MIME boundary come from the distribution id: composed again, it is
 * the same bytes, so it is kept once per mailing.
 */
export async function composeExpedienteCopy({ template, from, distributionId, date }: { template: PressMessageTemplate; from: string; distributionId: number; date: Date }): Promise<Buffer> {
  const unsubscribe = { url: UNSUBSCRIBE_PLACEHOLDER, header: `<${UNSUBSCRIBE_PLACEHOLDER}>` }
  const message = fillPressEmail({ template, to: EXPEDIENTE_MAIL_TO, from, unsubscribe })
  const baseBoundary = createHash('sha256').update(`expediente-${distributionId}`).digest('hex').slice(0, 16)
  return new MailComposer({ from, ...message, messageId: `<expediente-${distributionId}@${domainOf(from)}>`, date, baseBoundary, textEncoding: 'quoted-printable' })
    .compile()
    .build()
}

/**
 * Keeps one copy of a finished press mailing with how many recipients accepted it. Never throws: the
 * mailing is out; a failure to record it is logged as Pregón's error.
 */
export async function recordMailing(ctx: TaskContext, { distributionId, template, recipients }: { distributionId: number; template: PressMessageTemplate; recipients: number }): Promise<void> {
  try {
    const distribution = await ctx.payload.findByID({ collection: 'distributions', id: distributionId, depth: 0 })
    const item = distributedItemOf(distribution)
    if (!item) return
    const date = new Date(distribution.createdAt)
    const body = await composeExpedienteCopy({ template, from: ctx.mailer.from, distributionId, date })
    await recordExpedienteEntry(poolOf(ctx.payload), {
      itemCollection: item.collection,
      itemId: item.id,
      kind: 'mailing',
      channel: 'email',
      distributionId,
      versionHash: distribution.versionHash ?? null,
      text: template.subject,
      body,
      recipients,
    })
  } catch (error) {
    ctx.log.error({ err: error, distributionId }, 'press mailing not recorded in the expediente')
  }
}
