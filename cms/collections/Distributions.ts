import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { distributionActionEndpoints } from '../distribution/distributionActions'
import { mailingEndpoints } from '../distribution/mailingEndpoints'
import { CHANNEL_OPTIONS, DISTRIBUTION_STATUS_OPTIONS } from '@pregon/core/channels'

/**
 * The distribution ledger: one row per approved version × channel × account. The unique index makes a second
 * distribution of the same version to the same account impossible, whatever a worker does.
 */
export const Distributions: CollectionConfig = {
  slug: 'distributions',
  labels: { singular: { es: 'Difusión', en: 'Distribution' }, plural: { es: 'Difusiones', en: 'Distributions' } },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['bulletin', 'channel', 'status', 'updatedAt'],
    group: { es: 'Difusión', en: 'Distribution' },
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  endpoints: [...distributionActionEndpoints, ...mailingEndpoints],
  indexes: [{ fields: ['bulletin', 'channel', 'account', 'versionHash'], unique: true }],
  fields: [
    {
      name: 'progress',
      type: 'ui',
      label: { es: 'Avance', en: 'Progress' },
      admin: { components: { Field: '/components/MailingProgress#MailingProgress' } },
    },
    { name: 'bulletin', type: 'relationship', relationTo: 'bulletins', required: true, label: { es: 'Boletín', en: 'Bulletin' } },
    {
      name: 'channel',
      type: 'select',
      required: true,
      label: { es: 'Canal', en: 'Channel' },
      options: CHANNEL_OPTIONS,
    },
    {
      name: 'account',
      type: 'text',
      required: true,
      defaultValue: 'principal',
      label: { es: 'Cuenta', en: 'Account' },
      admin: { description: { es: 'La cuenta de la red (o el servidor de Mastodon) a la que va.', en: 'The network account it goes to.' } },
    },
    { name: 'versionHash', type: 'text', required: true, label: { es: 'Versión (huella)', en: 'Version hash' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: DISTRIBUTION_STATUS_OPTIONS,
    },
    {
      name: 'purpose',
      type: 'select',
      required: true,
      defaultValue: 'publication',
      label: { es: 'Propósito', en: 'Purpose' },
      // A correction mailing goes to those who got an earlier version of the bulletin, once per corrected version.
      options: [
        { value: 'publication', label: { es: 'Publicación', en: 'Publication' } },
        { value: 'correction', label: { es: 'Corrección', en: 'Correction' } },
      ],
    },
    { name: 'isUrgent', type: 'checkbox', defaultValue: false, label: { es: 'Urgente (sale primero)', en: 'Urgent (goes first)' } },
    { name: 'summary', type: 'text', label: { es: 'Resumen', en: 'Summary' } },
    { name: 'detail', type: 'json', label: { es: 'Detalle (texto, imagen, destinatarios)', en: 'Detail' } },
    { name: 'remoteId', type: 'text', label: { es: 'Id en la red', en: 'Remote id' } },
    { name: 'remoteUrl', type: 'text', label: { es: 'Enlace', en: 'Link' } },
    { name: 'error', type: 'textarea', label: { es: 'Error', en: 'Error' } },
    { name: 'errorCode', type: 'text', label: { es: 'Código del error', en: 'Error code' } },
    { name: 'isRetryable', type: 'checkbox', defaultValue: false, label: { es: 'Se puede reintentar', en: 'Retryable' } },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: { es: 'Próximo intento', en: 'Next attempt' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'waitingReason', type: 'text', label: { es: 'Por qué espera', en: 'Why it waits' } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { es: 'Intentos', en: 'Attempts' } },
    { name: 'lastAttemptAt', type: 'date', label: { es: 'Último intento', en: 'Last attempt' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    // Which queue job holds the `sending` claim: a later job can tell a live sender from a dead one.
    { name: 'sendingJobId', type: 'text', admin: { hidden: true } },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', label: { es: 'Resuelto a mano por', en: 'Resolved by' } },
    { name: 'completedAt', type: 'date', label: { es: 'Terminado', en: 'Completed at' } },
  ],
}
