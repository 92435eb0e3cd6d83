import type { CollectionAfterChangeHook, CollectionConfig } from 'payload'
import { BLACKOUT_KIND_LABELS, BLACKOUT_KINDS, periodSpan } from '@pregon/core/law/blackout'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { recordAudit } from '../audit/recordAudit'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { QUEUES } from '@pregon/core/queues'
import type { BlackoutPeriod, User } from '../payload-types'

/** Every change to the calendar is in the record: who set which dates, and when. */
const recordPeriodChange: CollectionAfterChangeHook<BlackoutPeriod> = async ({ doc, previousDoc, operation, req }) => {
  const timeZone = (await req.payload.findGlobal({ slug: 'site-settings', depth: 0, req })).timeZone ?? 'America/Mexico_City'
  const span = periodSpan(doc, timeZone)
  const before = operation === 'update' && previousDoc ? ` (antes: ${periodSpan(previousDoc, timeZone)})` : ''
  await recordAudit({
    req,
    actor: (req.user as User | null) ?? { system: 'calendario de veda' },
    entry: {
      summary: `${operation === 'create' ? 'Periodo de veda registrado' : 'Periodo de veda modificado'}: ${doc.name}`,
      action: operation === 'create' ? 'blackout-create' : 'blackout-update',
      itemCollection: 'blackout-periods',
      itemId: String(doc.id),
      itemTitle: doc.name,
      reason: `${BLACKOUT_KIND_LABELS[doc.kind]} ${span}${before}. Territorio: ${doc.territory}. Fuente: ${doc.sourceUrl ?? 'sin documento'}`,
    },
  })
  return doc
}

/** The portal suspends promotion by this calendar: a new or corrected period can change it now, and moves its next change. */
const enqueueRebuild: CollectionAfterChangeHook<BlackoutPeriod> = async ({ doc, req }) => {
  await enqueueInTransaction(req, [{ queue: QUEUES.rebuildPortal, data: { reason: 'blackout-calendar-changed' } }])
  return doc
}

/**
 * The veda electoral calendar: while a period is active nothing goes public on any channel unless it is an
 * allowed exception with a written justification (workflow/blackoutFailures), promotion leaves the portal, and
 * scheduled items inside it are held. Only admins set it; it is never deleted (a wrong date is corrected, and
 * the record keeps both).
 */
export const BlackoutPeriods: CollectionConfig = {
  slug: 'blackout-periods',
  labels: { singular: { es: 'Periodo de veda', en: 'Blackout period' }, plural: { es: 'Calendario de veda', en: 'Blackout calendar' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'startsAt', 'endsAt', 'territory'],
    group: { es: 'Configuración', en: 'Settings' },
    description: {
      es: 'Durante un periodo de veda no se publica propaganda gubernamental en ningún canal (portal, RSS, redes, correo). Solo salen contenidos de salud, educación, protección civil o de la autoridad electoral, con justificación escrita.',
      en: 'While a period is active nothing goes public unless it is an allowed exception.',
    },
  },
  defaultSort: 'startsAt',
  access: { read: isStaff, create: isAdmin, update: isAdmin, delete: nobody },
  hooks: { afterChange: [recordPeriodChange, enqueueRebuild] },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { es: 'Nombre', en: 'Name' },
      admin: { description: { es: 'Por ejemplo: «Proceso electoral local 2026-2027 (campañas)».', en: 'E.g. «Local election 2027 (campaigns)».' } },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: BLACKOUT_KINDS.map((value) => ({ value, label: BLACKOUT_KIND_LABELS[value] })),
      label: { es: 'Tipo', en: 'Kind' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startsAt',
          type: 'date',
          required: true,
          index: true,
          label: { es: 'Inicia', en: 'Starts' },
          admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' }, description: { es: 'Inicio de campañas (o de la consulta), hora del municipio.', en: 'Start, local time.' } },
        },
        {
          name: 'endsAt',
          type: 'date',
          required: true,
          index: true,
          label: { es: 'Termina', en: 'Ends' },
          admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' }, description: { es: 'Cierre de las casillas, hora del municipio.', en: 'Polls close, local time.' } },
          validate: (value: unknown, { siblingData }: { siblingData: Partial<BlackoutPeriod> }) =>
            !value || !siblingData.startsAt || new Date(String(value)) > new Date(siblingData.startsAt) ? true : 'El fin debe ser posterior al inicio.',
        },
      ],
    },
    {
      name: 'territory',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { es: 'Territorio', en: 'Territory' },
      admin: { description: { es: 'Donde rige: «Todo el país», «Estado de Michoacán», «Municipio de Santa Lucía».', en: 'Where it applies.' } },
    },
    {
      name: 'sourceUrl',
      type: 'text',
      maxLength: 500,
      label: { es: 'Documento de origen', en: 'Source document' },
      admin: { description: { es: 'Enlace al acuerdo o calendario oficial (INE, instituto electoral del estado).', en: 'Link to the official calendar.' } },
      validate: (value: unknown) => (!value || /^https?:\/\/\S+$/.test(String(value)) ? true : 'Escribe un enlace completo que empiece con https://'),
    },
    { name: 'notes', type: 'textarea', label: { es: 'Notas', en: 'Notes' } },
  ],
}
