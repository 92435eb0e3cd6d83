import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { SOCIAL_CHANNEL_OPTIONS } from '@pregon/core/channels'

/**
 * What the worker knows about each social account it posts to: whether X or Mastodon refused its credentials
 * ("reconectar"), and until when the network asked it to wait. Credentials themselves live only in the
 * environment, never here.
 */
export const SocialAccounts: CollectionConfig = {
  slug: 'social-accounts',
  labels: { singular: { es: 'Cuenta de red social', en: 'Social account' }, plural: { es: 'Cuentas de redes sociales', en: 'Social accounts' } },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'needsReconnect', 'rateLimitResetAt', 'updatedAt'],
    group: { es: 'Difusión', en: 'Distribution' },
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['channel', 'account'], unique: true }],
  fields: [
    { name: 'label', type: 'text', label: { es: 'Cuenta', en: 'Account' } },
    {
      name: 'channel',
      type: 'select',
      required: true,
      label: { es: 'Red', en: 'Network' },
      options: SOCIAL_CHANNEL_OPTIONS,
    },
    { name: 'account', type: 'text', required: true, label: { es: 'Identificador', en: 'Identifier' } },
    {
      name: 'needsReconnect',
      type: 'checkbox',
      defaultValue: false,
      label: { es: 'Reconectar', en: 'Reconnect' },
      admin: { description: { es: 'La red rechazó las credenciales: hay que renovarlas y reintentar.', en: 'The network refused the credentials.' } },
    },
    { name: 'error', type: 'textarea', label: { es: 'Último error', en: 'Last error' } },
    { name: 'errorAt', type: 'date', label: { es: 'Fecha del error', en: 'Error at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'rateLimitResetAt',
      type: 'date',
      label: { es: 'Límite de la red hasta', en: 'Rate limited until' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'rateLimitRemaining', type: 'number', label: { es: 'Solicitudes restantes', en: 'Requests remaining' } },
  ],
}
