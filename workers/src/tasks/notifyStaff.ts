import MailComposer from 'nodemailer/lib/mail-composer'
import type { StaffNotice } from '@pregon/core/queues'
import { domainOf } from '../providers/smtp/createMailer'
import type { TaskContext } from './TaskContext'

const KIND_LABEL: Record<StaffNotice['collection'], string> = { bulletins: 'el boletín', programs: 'el programa' }

/** The Spanish email of one notice: short, with the link to the item in the admin. */
export function composeStaffNotice(notice: StaffNotice, { cmsUrl, name }: { cmsUrl: string; name: string }): { subject: string; text: string } {
  const base = cmsUrl.replace(/\/+$/, '')
  const link = `${base}/admin/collections/${notice.collection}/${notice.itemId}`
  const what = `${KIND_LABEL[notice.collection]} «${notice.title}»`
  const body =
    notice.kind === 'rejected'
      ? [`Hola, ${name}:`, '', `${notice.actorName} te devolvió ${what}.`, '', `Motivo: ${notice.reason ?? '(sin motivo)'}`, '', `Corrígelo y envíalo de nuevo a revisión:`, link]
      : [`Hola, ${name}:`, '', `${notice.actorName} envió ${what} a revisión.`, '', 'Revísalo y apruébalo, o devuélvelo con un motivo:', link]
  const footer = ['', '—', 'Pregón. Recibes este aviso porque lo activaste en tu cuenta; se desactiva en:', `${base}/admin/account`]
  return {
    subject: notice.kind === 'rejected' ? `Devuelto: ${notice.title}` : `Para revisar: ${notice.title}`,
    text: [...body, ...footer].join('\n'),
  }
}

/**
 * Sends one staff notice (cms/workflow/staffNotices). Nothing is sent to someone who has since turned the
 * notices off or whose account is gone. The Message-ID comes from the job, which keeps its id across retries:
 * if a worker dies after the server accepted the email, the retry's copy is the same message to mail clients.
 */
export async function notifyStaff(ctx: TaskContext, notice: StaffNotice, { jobId }: { jobId: string }): Promise<'sent' | 'skipped'> {
  const { docs } = await ctx.payload.find({ collection: 'users', where: { id: { equals: notice.userId } }, depth: 0, limit: 1 })
  const user = docs[0]
  if (!user?.notifyByEmail) {
    ctx.log.info({ userId: notice.userId, itemId: notice.itemId, kind: notice.kind }, 'staff notice skipped: notices off or account gone')
    return 'skipped'
  }
  const { subject, text } = composeStaffNotice(notice, { cmsUrl: ctx.config.cms.url, name: user.name })
  const from = ctx.mailer.from
  const messageId = `<staff-notice-${jobId}@${domainOf(from)}>`
  const raw = await new MailComposer({
    from,
    to: user.email,
    subject,
    text,
    messageId,
    // Automatic mail: no vacation replies back, no auto-forward loops.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  })
    .compile()
    .build()
  await ctx.mailer.send({ to: user.email, messageId, raw })
  ctx.log.info({ userId: user.id, itemId: notice.itemId, kind: notice.kind }, 'staff notice sent')
  return 'sent'
}
