import type { CollectionBeforeDeleteHook, CollectionConfig } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { FREQUENCIES, FREQUENCY_LABELS, SUBSCRIBER_STATUSES, SUBSCRIBER_STATUS_LABELS } from '@pregon/core/subscriptions'
import { isAdmin } from '../access/isAdmin'
import { nobody } from '../access/nobody'
import { BULLETIN_KINDS, KIND_LABELS } from './Bulletins/fields/contentFields'
import { subscriberEndpoints } from '../subscribers/subscriberEndpoints'
import { transactionDb } from '../db/transactionDb'

/**
 * ARCO cancellation: deleting a subscriber also erases the address kept on each of their delivery rows (the
 * rows stay, without personal data, so a mailing's counts still add up). One statement: a subscriber of years
 * has hundreds of rows.
 */
const eraseDeliveredAddresses: CollectionBeforeDeleteHook = async ({ req, id }) => {
  const db = await transactionDb(req)
  await db.execute(sql`UPDATE subscriber_deliveries SET email = NULL WHERE subscriber_id = ${Number(id)}`)
}

const dayAndTime = { date: { pickerAppearance: 'dayAndTime' as const } }

/**
 * Citizens who asked, on the portal, to be told by email (double opt-in). Personal data, apart from the
 * press directory on purpose (citizens and journalists never mix): administrators only, never public, and
 * nobody creates one in the admin — only the citizen, by confirming from their own inbox.
 */
export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  labels: { singular: { es: 'Suscripción ciudadana', en: 'Subscriber' }, plural: { es: 'Suscripciones ciudadanas', en: 'Subscribers' } },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'status', 'frequency', 'confirmedAt'],
    group: { es: 'Ciudadanía', en: 'Citizens' },
    listSearchableFields: ['email'],
    description: {
      es: 'Personas que pidieron recibir avisos del portal y confirmaron desde su correo. Cada mensaje trae su enlace para cambiar preferencias o darse de baja. Borrar una suscripción atiende una solicitud de cancelación (ARCO).',
      en: 'Citizens who subscribed on the portal.',
    },
  },
  access: { read: isAdmin, create: nobody, update: isAdmin, delete: isAdmin },
  endpoints: subscriberEndpoints,
  hooks: { beforeDelete: [eraseDeliveredAddresses] },
  indexes: [{ fields: ['status', 'frequency'] }],
  fields: [
    { name: 'email', type: 'email', required: true, unique: true, label: { es: 'Correo electrónico', en: 'Email' }, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: SUBSCRIBER_STATUSES.map((value) => ({ value, label: { es: SUBSCRIBER_STATUS_LABELS[value], en: value } })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'frequency',
      type: 'select',
      required: true,
      defaultValue: 'immediate',
      label: { es: 'Frecuencia', en: 'Frequency' },
      options: FREQUENCIES.map((value) => ({ value, label: { es: FREQUENCY_LABELS[value], en: value } })),
    },
    {
      name: 'departments',
      type: 'relationship',
      relationTo: 'departments',
      hasMany: true,
      label: { es: 'Dependencias (vacío: todas)', en: 'Departments (empty: all)' },
    },
    {
      name: 'kinds',
      type: 'select',
      hasMany: true,
      label: { es: 'Tipos de publicación (vacío: todos)', en: 'Kinds (empty: all)' },
      options: BULLETIN_KINDS.map((value) => ({ value, label: { es: KIND_LABELS[value], en: value } })),
    },
    { name: 'includeBulletins', type: 'checkbox', defaultValue: true, label: { es: 'Boletines y avisos', en: 'Bulletins' } },
    { name: 'includePrograms', type: 'checkbox', defaultValue: true, label: { es: 'Programas y convocatorias', en: 'Programs' } },
    { name: 'emergencies', type: 'checkbox', defaultValue: true, label: { es: 'Alertas de emergencia (al momento)', en: 'Emergency alerts' } },
    {
      name: 'privacy',
      type: 'group',
      label: { es: 'Aviso de privacidad aceptado', en: 'Privacy notice accepted' },
      admin: { readOnly: true },
      fields: [
        { name: 'version', type: 'text', label: { es: 'Versión', en: 'Version' } },
        { name: 'acceptedAt', type: 'date', label: { es: 'Fecha', en: 'Date' }, admin: dayAndTime },
      ],
    },
    { name: 'requestedAt', type: 'date', label: { es: 'Última solicitud', en: 'Requested at' }, admin: { position: 'sidebar', readOnly: true, ...dayAndTime } },
    { name: 'confirmedAt', type: 'date', label: { es: 'Confirmada el', en: 'Confirmed at' }, admin: { position: 'sidebar', readOnly: true, ...dayAndTime } },
    { name: 'unsubscribedAt', type: 'date', label: { es: 'Se dio de baja el', en: 'Unsubscribed at' }, admin: { position: 'sidebar', readOnly: true, ...dayAndTime } },
    // A request not confirmed yet: the preferences it would set (an address already subscribed keeps its own until then).
    { name: 'pendingChoice', type: 'json', admin: { hidden: true } },
    // The per-address limit on confirmation messages: how many in the current day, and the last one.
    { name: 'confirmationsSent', type: 'number', defaultValue: 0, admin: { hidden: true } },
    { name: 'lastConfirmationAt', type: 'date', admin: { hidden: true } },
    {
      name: 'bounce',
      type: 'group',
      label: { es: 'Rebote', en: 'Bounce' },
      admin: { position: 'sidebar', condition: (data) => data?.status === 'bounced' },
      fields: [
        { name: 'at', type: 'date', label: { es: 'Fecha', en: 'Date' }, admin: { readOnly: true, ...dayAndTime } },
        { name: 'reason', type: 'text', label: { es: 'Respuesta del servidor', en: 'Server response' }, admin: { readOnly: true } },
      ],
    },
  ],
}
