import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { SOCIAL_CHANNEL_OPTIONS } from '@pregon/core/channels'
import { checkConnectionsEndpoint } from '../socialAccounts/checkConnectionsEndpoint'

/**
 * What the worker knows about each social account it posts to: whose account the credentials open and when
 * their token expires («Probar conexión», at start and every morning), whether the network refused them
 * («Reconectar»), and until when the network asked it to wait. Credentials themselves live only in the
 * environment, never here.
 */
export const SocialAccounts: CollectionConfig = {
  slug: 'social-accounts',
  labels: { singular: { es: 'Cuenta de red social', en: 'Social account' }, plural: { es: 'Cuentas de redes sociales', en: 'Social accounts' } },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'checkedAccount', 'needsReconnect', 'tokenExpiresAt', 'checkedAt'],
    group: { es: 'Difusión', en: 'Distribution' },
    components: { beforeListTable: ['/components/CheckConnections#CheckConnections'] },
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  endpoints: [checkConnectionsEndpoint],
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
    {
      name: 'checkedAccount',
      type: 'text',
      label: { es: 'Cuenta conectada', en: 'Connected account' },
      admin: { description: { es: 'Cómo nombra la red la cuenta que abren las credenciales, en la última prueba.', en: 'Whose account the credentials open.' } },
    },
    { name: 'checkedAt', type: 'date', label: { es: 'Última prueba de conexión', en: 'Last checked' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'tokenExpiresAt',
      type: 'date',
      label: { es: 'El token vence', en: 'Token expires' },
      admin: {
        date: { pickerAppearance: 'dayAndTime' },
        description: { es: 'Cuando la red lo dice (páginas de Meta, Threads). Pregón avisa dos semanas antes.', en: 'When the network says; warned two weeks ahead.' },
      },
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
