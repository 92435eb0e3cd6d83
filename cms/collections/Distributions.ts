import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { distributionActionEndpoints } from '../distribution/distributionActions'
import { mailingEndpoints } from '../distribution/mailingEndpoints'
import { CHANNEL_OPTIONS, DISTRIBUTION_STATUS_OPTIONS } from '@pregon/core/channels'

// The ledger's internals (version hash, raw detail, codes) help whoever runs the server, not the office.
const forAdmins = { condition: (_data: unknown, _sibling: unknown, { user }: { user?: unknown }) => (user as { role?: string } | null)?.role === 'admin' }

/**
 * The distribution ledger: one row per approved version × channel × account. The unique index makes a second
 * distribution of the same version to the same account impossible, whatever a worker does.
 */
export const Distributions: CollectionConfig = {
  slug: 'distributions',
  labels: { singular: { es: 'Difusión', en: 'Distribution' }, plural: { es: 'Difusiones', en: 'Distributions' } },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'channel', 'status', 'updatedAt'],
    group: { es: 'Difusión', en: 'Distribution' },
    description: {
      es: 'Adónde salió cada boletín o programa: por canal, su estado y el enlace. Reintentar o marcar como publicado se hace desde el boletín o el programa, en «Difusión».',
      en: 'Where each bulletin or program went, by channel.',
    },
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  endpoints: [...distributionActionEndpoints, ...mailingEndpoints],
  // A row names a bulletin or a program (never both: a check in the migration); each has its own unique index.
  indexes: [
    { fields: ['bulletin', 'channel', 'account', 'versionHash'], unique: true },
    { fields: ['program', 'channel', 'account', 'versionHash'], unique: true },
  ],
  fields: [
    {
      name: 'progress',
      type: 'ui',
      label: { es: 'Avance', en: 'Progress' },
      admin: { components: { Field: '/components/MailingProgress#MailingProgress' } },
    },
    { name: 'bulletin', type: 'relationship', relationTo: 'bulletins', label: { es: 'Boletín', en: 'Bulletin' }, admin: { condition: (data) => Boolean(data?.bulletin) } },
    { name: 'program', type: 'relationship', relationTo: 'programs', label: { es: 'Programa o convocatoria', en: 'Program' }, admin: { condition: (data) => Boolean(data?.program) } },
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
    { name: 'versionHash', type: 'text', required: true, label: { es: 'Versión (huella)', en: 'Version hash' }, admin: forAdmins },
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
      defaultValue: 'publication',
      label: { es: 'Propósito', en: 'Purpose' },
      // A correction mailing goes to those who got an earlier version of a bulletin, once per corrected version; on
      // a network, a correction or withdrawal row answers (or deletes) the original post (cms/distribution/distributeFollowUps).
      options: [
        { value: 'publication', label: { es: 'Publicación', en: 'Publication' } },
        { value: 'correction', label: { es: 'Corrección', en: 'Correction' } },
        // On a network: the answer to (or the deletion of) the original post of an item withdrawn since.
        { value: 'withdrawal', label: { es: 'Retiro', en: 'Withdrawal' } },
      ],
    },
    { name: 'isUrgent', type: 'checkbox', defaultValue: false, label: { es: 'Urgente (sale primero)', en: 'Urgent (goes first)' } },
    { name: 'summary', type: 'text', label: { es: 'Resumen', en: 'Summary' }, admin: forAdmins },
    { name: 'detail', type: 'json', label: { es: 'Detalle (texto, imagen, destinatarios)', en: 'Detail' }, admin: forAdmins },
    { name: 'remoteId', type: 'text', label: { es: 'Id en la red', en: 'Remote id' }, admin: forAdmins },
    {
      name: 'remoteUrl',
      type: 'text',
      label: { es: 'Publicación en la red', en: 'Link' },
      admin: { components: { Field: '/components/LinkView#LinkView' }, condition: (data) => Boolean(data?.remoteUrl) },
    },
    {
      name: 'error',
      type: 'textarea',
      label: { es: 'Qué salió mal', en: 'Error' },
      admin: {
        condition: (data) => Boolean(data?.error),
        description: {
          es: 'Qué hacer: abre el boletín y, en «Difusión», usa «Reintentar» o «Marcar como publicado» si ya está en la red.',
          en: 'Open the bulletin and use «Retry» or «Mark as published» under «Distribution».',
        },
      },
    },
    { name: 'errorCode', type: 'text', label: { es: 'Código del error', en: 'Error code' }, admin: forAdmins },
    { name: 'isRetryable', type: 'checkbox', defaultValue: false, label: { es: 'Se puede reintentar', en: 'Retryable' }, admin: forAdmins },
    {
      name: 'nextAttemptAt',
      type: 'date',
      label: { es: 'Próximo intento', en: 'Next attempt' },
      admin: { date: { pickerAppearance: 'dayAndTime' }, condition: (data) => Boolean(data?.nextAttemptAt) },
    },
    { name: 'waitingReason', type: 'text', label: { es: 'Por qué espera', en: 'Why it waits' }, admin: { condition: (data) => Boolean(data?.waitingReason) } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { es: 'Intentos', en: 'Attempts' } },
    { name: 'lastAttemptAt', type: 'date', label: { es: 'Último intento', en: 'Last attempt' }, admin: { date: { pickerAppearance: 'dayAndTime' }, ...forAdmins } },
    // Which queue job holds the `sending` claim: a later job can tell a live sender from a dead one.
    { name: 'sendingJobId', type: 'text', admin: { hidden: true } },
    { name: 'resolvedBy', type: 'relationship', relationTo: 'users', label: { es: 'Resuelto a mano por', en: 'Resolved by' }, admin: { condition: (data) => Boolean(data?.resolvedBy) } },
    { name: 'completedAt', type: 'date', label: { es: 'Terminado', en: 'Completed at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
