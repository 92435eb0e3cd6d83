import MailComposer from 'nodemailer/lib/mail-composer'
import { poolOf } from '@pregon/cms/worker'
import type { JobData } from '@pregon/core/queues'
import { domainOf } from '../providers/smtp/createMailer'
import type { TaskContext } from './TaskContext'

/** What the department reads: the petition, how to reach the citizen (if they gave it), the due date, the link. */
export function composeDepartmentNotice(
  petition: { folio: string; summary: string; text: string; place?: string | null; name?: string | null; email?: string | null; phone?: string | null; dueDate?: string | null; channel: string; link?: string | null },
  { department, cmsUrl, timeZone, petitionId }: { department: string; cmsUrl: string; timeZone: string; petitionId: number | string },
): { subject: string; text: string } {
  const date = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone })
  const contact = [petition.name, petition.email, petition.phone].filter(Boolean).join(' · ')
  const lines = [
    `${department}:`,
    '',
    `La Coordinación de Comunicación Social les turna la petición ciudadana ${petition.folio} para su atención.`,
    '',
    `Asunto: ${petition.summary}`,
    ...(petition.place ? [`Lugar: ${petition.place}`] : []),
    ...(petition.dueDate ? [`Fecha compromiso: ${date.format(new Date(petition.dueDate))}`] : []),
    '',
    'Petición:',
    petition.text,
    '',
    contact ? `Contacto de quien la envió: ${contact}` : 'La persona no dejó datos de contacto: puede consultar el estado con su folio en el portal.',
    ...(petition.link ? [`Publicación original: ${petition.link}`] : []),
    '',
    'Cuando la atiendan, respondan a este correo con lo que se hizo, o márquenla como atendida en:',
    `${cmsUrl.replace(/\/+$/, '')}/admin/collections/petitions/${petitionId}`,
    '',
    '—',
    'Datos personales: úselos solo para atender esta petición (aviso de privacidad del municipio).',
  ]
  return { subject: `Petición ciudadana ${petition.folio}: ${petition.summary}`, text: lines.join('\n') }
}

/**
 * Emails a petition's department when it is turned to it (cms/collections/Petitions). The Message-ID comes from
 * the petition and its turn, so a retry after the server accepted it is the same message to mail clients. A
 * department without a contact address is told on the petition itself, for staff to call them.
 */
export async function notifyDepartment(ctx: TaskContext, { petitionId, turn }: JobData['petition-notice']): Promise<'sent' | 'no-address' | 'skipped'> {
  const petition = await ctx.payload.findByID({ collection: 'petitions', id: petitionId, depth: 1, overrideAccess: true, disableErrors: true })
  const department = petition?.department && typeof petition.department === 'object' ? petition.department : null
  if (!petition || !department || petition.state !== 'turnada') return 'skipped'
  const pool = poolOf(ctx.payload)
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date())
  if (!department.contactEmail) {
    await pool.query('UPDATE petitions SET department_notice = $2 WHERE id = $1', [petition.id, `${department.name} no tiene correo de contacto: no se le pudo avisar (${when}). Avísele por teléfono y agregue su correo en Dependencias.`])
    return 'no-address'
  }
  const { subject, text } = composeDepartmentNotice(
    { ...petition, folio: petition.folio ?? '' },
    { department: department.name, cmsUrl: ctx.config.cms.url, timeZone, petitionId: petition.id },
  )
  const from = ctx.mailer.from
  const messageId = `<petition-${petition.id}-${turn}@${domainOf(from)}>`
  const raw = await new MailComposer({ from, to: department.contactEmail, subject, text, messageId, headers: { 'Auto-Submitted': 'auto-generated' } }).compile().build()
  await ctx.mailer.send({ to: department.contactEmail, messageId, raw })
  await pool.query('UPDATE petitions SET department_notice = $2 WHERE id = $1', [petition.id, `Aviso enviado a ${department.contactEmail} (${department.name}) el ${when}.`])
  ctx.log.info({ petitionId: petition.id, turn }, 'petition turned: department told')
  return 'sent'
}
