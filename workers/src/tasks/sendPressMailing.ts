import type { PressContact } from '@pregon/cms/payload-types'
import { renderPressEmail } from '../mail/renderPressEmail'
import { bulletinUrl, loadDistribution } from './loadDistribution'
import type { TaskContext } from './TaskContext'

export interface MailingReport {
  outcome: 'sent' | 'already-done' | 'gone'
  sent: number
  failed: number
  unknown: number
}

/**
 * Mails one approved bulletin to every active press contact, one message each, at most once per contact:
 * a delivery row is written (unique per mailing × contact) before its message leaves. After a crash, a row
 * still `pending` may or may not have been delivered, so it is flagged, never re-sent.
 */
export async function sendPressMailing(ctx: TaskContext, distributionId: number | string): Promise<MailingReport> {
  const { payload, mailer, config, log } = ctx
  const target = await loadDistribution(payload, distributionId)
  const report: MailingReport = { outcome: 'sent', sent: 0, failed: 0, unknown: 0 }
  if (target.kind === 'done') return { ...report, outcome: 'already-done' }
  if (target.kind === 'gone') {
    await payload.update({ collection: 'distributions', id: distributionId, data: { status: 'skipped', error: target.reason } })
    return { ...report, outcome: 'gone' }
  }
  const { distribution } = target
  const bulletinId = typeof distribution.bulletin === 'object' ? distribution.bulletin.id : distribution.bulletin
  const bulletin =
    target.kind === 'ready'
      ? target.bulletin
      : await payload.findByID({ collection: 'bulletins', id: bulletinId, depth: 0 })

  await payload.update({
    collection: 'distributions',
    id: distributionId,
    data: { status: 'sending', attempts: (distribution.attempts ?? 0) + 1 },
  })
  const settings = await payload.findGlobal({ slug: 'site-settings' })
  const email = renderPressEmail({
    bulletin,
    url: bulletinUrl(config.portal.url, bulletin),
    office: settings.officeName,
    municipality: settings.municipalityName,
    embargoUntil: target.kind === 'ready' ? target.embargoUntil : null,
    timeZone: settings.timeZone,
  })

  const earlier = await payload.find({
    collection: 'deliveries',
    where: { distribution: { equals: distributionId } },
    depth: 0,
    pagination: false,
  })
  const deliveredTo = new Map(earlier.docs.map((d) => [typeof d.contact === 'object' ? d.contact.id : d.contact, d]))
  for (const delivery of earlier.docs) {
    if (delivery.status === 'pending') {
      await payload.update({
        collection: 'deliveries',
        id: delivery.id,
        data: { status: 'failed', error: 'Interrumpido durante el envío: no se sabe si llegó; no se reenvía.' },
      })
      report.unknown++
    }
  }

  const contacts = await payload.find({
    collection: 'press-contacts',
    where: { status: { equals: 'active' } },
    depth: 0,
    pagination: false,
  })
  for (const contact of contacts.docs as PressContact[]) {
    if (deliveredTo.has(contact.id)) continue
    const delivery = await payload.create({
      collection: 'deliveries',
      data: { distribution: distribution.id, contact: contact.id, status: 'pending' },
    })
    try {
      const { messageId } = await mailer.send({ to: contact.email, ...email })
      await payload.update({ collection: 'deliveries', id: delivery.id, data: { status: 'sent', messageId } })
      report.sent++
    } catch (error) {
      await payload.update({
        collection: 'deliveries',
        id: delivery.id,
        data: { status: 'failed', error: (error as Error).message.slice(0, 500) },
      })
      report.failed++
      log.warn({ distributionId, deliveryId: delivery.id, err: error }, 'press delivery failed')
    }
  }

  await payload.update({
    collection: 'distributions',
    id: distributionId,
    data: {
      status: report.sent > 0 || report.failed === 0 ? 'sent' : 'failed',
      completedAt: new Date().toISOString(),
      detail: { subject: email.subject, ...report },
      error: report.failed > 0 ? `${report.failed} envíos fallaron; revisa la lista de envíos.` : null,
    },
  })
  log.info({ distributionId, ...report }, 'press mailing finished')
  return report
}
