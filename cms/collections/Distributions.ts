import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { mailingEndpoints } from '../lib/mailingEndpoints'

export { CHANNELS, type Channel } from './shared/channels'

export const DISTRIBUTION_STATUSES = ['pending', 'sending', 'paused', 'sent', 'failed', 'skipped'] as const
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number]

/**
 * The distribution ledger: one row per published version × channel. The unique index makes a second
 * distribution of the same version to the same channel impossible, whatever a worker does.
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
  indexes: [{ fields: ['bulletin', 'channel', 'versionHash'], unique: true }],
  endpoints: mailingEndpoints,
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
      options: [
        { value: 'x', label: 'X' },
        { value: 'press-mailing', label: { es: 'Envío a prensa', en: 'Press mailing' } },
      ],
    },
    { name: 'versionHash', type: 'text', required: true, label: { es: 'Versión (huella)', en: 'Version hash' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: [
        { value: 'pending', label: { es: 'En cola', en: 'Pending' } },
        { value: 'sending', label: { es: 'Enviando', en: 'Sending' } },
        { value: 'paused', label: { es: 'En pausa', en: 'Paused' } },
        { value: 'sent', label: { es: 'Enviado', en: 'Sent' } },
        { value: 'failed', label: { es: 'Falló', en: 'Failed' } },
        { value: 'skipped', label: { es: 'Simulado (sin credenciales)', en: 'Skipped (dry run)' } },
      ],
    },
    { name: 'summary', type: 'text', label: { es: 'Resumen', en: 'Summary' } },
    { name: 'detail', type: 'json', label: { es: 'Detalle (texto, imagen, destinatarios)', en: 'Detail' } },
    { name: 'remoteId', type: 'text', label: { es: 'Id en la red', en: 'Remote id' } },
    { name: 'remoteUrl', type: 'text', label: { es: 'Enlace', en: 'Link' } },
    { name: 'error', type: 'textarea', label: { es: 'Error', en: 'Error' } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { es: 'Intentos', en: 'Attempts' } },
    { name: 'completedAt', type: 'date', label: { es: 'Terminado', en: 'Completed at' } },
  ],
}
