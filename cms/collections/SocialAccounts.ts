import type { CollectionConfig, Field } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { roleOf } from '../access/roles'
import { SOCIAL_CHANNEL_OPTIONS, SOCIAL_CHANNELS } from '@pregon/core/channels'
import { CREDENTIAL_FIELDS, credentialInputName } from '@pregon/core/socialCredentials'
import { checkConnectionsEndpoint } from '../socialAccounts/checkConnectionsEndpoint'
import { reachEndpoint } from '../socialAccounts/reachEndpoint'
import { checkSavedCredentials, sealCredentialInputs } from '../socialAccounts/sealCredentialInputs'
import { slugify } from '@pregon/core/slugify'
import { ON_CORRECTION_OPTIONS, ON_WITHDRAWAL_OPTIONS } from '@pregon/core/networkFollowUps'

/** Written by the worker only («Probar conexión», posting): shown, never edited. */
const byWorker = { readOnly: true } as const

/**
 * One input per credential of each network, shown for the network chosen. Virtual: what a person types is
 * sealed into `sealedCredentials` before the row is written and never stored or returned as typed.
 */
const credentialInputs: Field[] = SOCIAL_CHANNELS.flatMap((channel) =>
  CREDENTIAL_FIELDS[channel].map(
    (field): Field => ({
      name: credentialInputName(channel, field.key),
      type: 'text',
      virtual: true,
      label: field.label,
      admin: {
        condition: (data) => data?.channel === channel && data?.source !== 'environment',
        autoComplete: 'off',
        components: { Field: field.isSecret ? '/components/SecretInput#SecretInput' : '/components/SecretInput#CredentialInput' },
        ...(field.description ? { description: field.description } : {}),
      },
      hooks: { afterRead: [() => undefined] },
    }),
  ),
)

/**
 * The social accounts Pregón posts to. The main account of each network comes from the environment (its row
 * appears with the first connection check); an administrator adds others here — DIF's page, Protección Civil's
 * channel — with their credentials, sealed with CREDENTIALS_KEY (core/socialCredentials) and never shown
 * again. Departments name their own accounts; their bulletins reach them as well as the main ones. The worker
 * records here whose account the credentials open, when the token expires, whether the network refused them
 * («Reconectar») and until when it asked to wait.
 */
export const SocialAccounts: CollectionConfig = {
  slug: 'social-accounts',
  labels: { singular: { es: 'Cuenta de red social', en: 'Social account' }, plural: { es: 'Cuentas de redes sociales', en: 'Social accounts' } },
  defaultSort: 'channel',
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'channel', 'checkedAccount', 'needsReconnect', 'tokenExpiresAt', 'checkedAt'],
    group: { es: 'Difusión', en: 'Distribution' },
    components: { beforeListTable: ['/components/CheckConnections#CheckConnections'] },
    description: {
      es: 'La cuenta principal de cada red viene de la configuración del servidor. Aquí se agregan otras (DIF, Protección Civil…) y se asignan a su dependencia.',
      en: 'Each network main account comes from the server configuration; add others here.',
    },
  },
  access: {
    read: isStaff,
    create: isAdmin,
    update: isAdmin,
    // The main accounts are the environment's: they go away with their variables, not from here.
    delete: ({ req }) => (roleOf(req) === 'admin' ? { source: { equals: 'admin' } } : false),
  },
  endpoints: [checkConnectionsEndpoint, reachEndpoint],
  indexes: [{ fields: ['channel', 'account'], unique: true }],
  hooks: {
    beforeValidate: [
      ({ data, operation }) => {
        if (operation === 'create' && data && !data.account && typeof data.label === 'string') data.account = slugify(data.label)
        return data
      },
    ],
    beforeChange: [sealCredentialInputs],
    afterChange: [checkSavedCredentials],
  },
  fields: [
    {
      name: 'label',
      type: 'text',
      required: true,
      label: { es: 'Nombre de la cuenta', en: 'Account name' },
      admin: { description: { es: 'Como la conoce la oficina, por ejemplo «DIF municipal».', en: 'As the office knows it.' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'channel',
          type: 'select',
          required: true,
          label: { es: 'Red', en: 'Network' },
          options: SOCIAL_CHANNEL_OPTIONS,
          access: { update: () => false },
          admin: { width: '50%' },
        },
        {
          name: 'account',
          type: 'text',
          required: true,
          label: { es: 'Identificador', en: 'Identifier' },
          access: { update: () => false },
          admin: { width: '50%', description: { es: 'Se forma del nombre si lo dejas vacío; no cambia después.', en: 'Made from the name when empty.' } },
        },
      ],
    },
    {
      name: 'source',
      type: 'select',
      defaultValue: 'admin',
      label: { es: 'Credenciales en', en: 'Credentials in' },
      options: [
        { value: 'environment', label: { es: 'La configuración del servidor (cuenta principal)', en: 'The server environment (main account)' } },
        { value: 'admin', label: { es: 'Este panel (cifradas)', en: 'This admin (encrypted)' } },
      ],
      // Only Pregón itself names a main account.
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'isActive',
      type: 'checkbox',
      defaultValue: true,
      label: { es: 'Activa', en: 'Active' },
      admin: { position: 'sidebar', description: { es: 'Una cuenta desactivada no recibe publicaciones nuevas.', en: 'An inactive account gets no new posts.' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'onCorrection',
          type: 'select',
          defaultValue: 'reply',
          label: { es: 'Al corregir', en: 'On correction' },
          options: ON_CORRECTION_OPTIONS,
          admin: { width: '50%', description: { es: 'Qué se hace en esta cuenta cuando se corrige algo ya publicado en ella.', en: 'What happens on this account when a post is corrected.' } },
        },
        {
          name: 'onWithdrawal',
          type: 'select',
          defaultValue: 'reply',
          label: { es: 'Al retirar', en: 'On withdrawal' },
          options: ON_WITHDRAWAL_OPTIONS,
          admin: { width: '50%', description: { es: 'Qué se hace en esta cuenta cuando se retira algo ya publicado en ella.', en: 'What happens on this account when a post is withdrawn.' } },
        },
      ],
    },
    {
      type: 'collapsible',
      label: { es: 'Credenciales', en: 'Credentials' },
      admin: {
        condition: (data) => data?.source !== 'environment',
        description: {
          es: 'Se guardan cifradas con la clave CREDENTIALS_KEY del servidor y nadie puede volver a leerlas aquí. Para cambiarlas, escribe todas las nuevas; vacías, se quedan las que había. Sin credenciales, la cuenta trabaja en simulación.',
          en: 'Stored encrypted with the server CREDENTIALS_KEY; never shown again.',
        },
      },
      fields: [
        ...credentialInputs,
        { name: 'credentialsSummary', type: 'textarea', label: { es: 'Guardadas', en: 'Saved' }, admin: { readOnly: true, condition: (data) => Boolean(data?.credentialsSavedAt) } },
        {
          name: 'credentialsSavedAt',
          type: 'date',
          label: { es: 'Guardadas el', en: 'Saved at' },
          admin: { readOnly: true, condition: (data) => Boolean(data?.credentialsSavedAt), date: { pickerAppearance: 'dayAndTime' } },
        },
        // Ciphertext only; hidden from every API (the worker reads it with showHiddenFields).
        { name: 'sealedCredentials', type: 'text', hidden: true },
      ],
    },
    {
      type: 'collapsible',
      label: { es: 'Estado de la conexión', en: 'Connection' },
      // Written by the worker once the account exists.
      admin: { condition: (data) => Boolean(data?.id) },
      fields: [
        {
          name: 'needsReconnect',
          type: 'checkbox',
          defaultValue: false,
          label: { es: 'Reconectar', en: 'Reconnect' },
          admin: { ...byWorker, description: { es: 'La red rechazó las credenciales: hay que renovarlas y reintentar.', en: 'The network refused the credentials.' } },
        },
        {
          name: 'checkedAccount',
          type: 'text',
          label: { es: 'Cuenta conectada', en: 'Connected account' },
          admin: { ...byWorker, description: { es: 'Cómo nombra la red la cuenta que abren las credenciales, en la última prueba.', en: 'Whose account the credentials open.' } },
        },
        { name: 'checkedAt', type: 'date', label: { es: 'Última prueba de conexión', en: 'Last checked' }, admin: { ...byWorker, date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'tokenExpiresAt',
          type: 'date',
          label: { es: 'El token vence', en: 'Token expires' },
          admin: {
            ...byWorker,
            date: { pickerAppearance: 'dayAndTime' },
            description: { es: 'Cuando la red lo dice (páginas de Meta, Threads). Pregón avisa dos semanas antes.', en: 'When the network says; warned two weeks ahead.' },
          },
        },
        { name: 'error', type: 'textarea', label: { es: 'Último error', en: 'Last error' }, admin: byWorker },
        { name: 'errorAt', type: 'date', label: { es: 'Fecha del error', en: 'Error at' }, admin: { ...byWorker, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'rateLimitResetAt', type: 'date', label: { es: 'Límite de la red hasta', en: 'Rate limited until' }, admin: { ...byWorker, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'rateLimitRemaining', type: 'number', label: { es: 'Solicitudes restantes', en: 'Requests remaining' }, admin: byWorker },
      ],
    },
  ],
}
