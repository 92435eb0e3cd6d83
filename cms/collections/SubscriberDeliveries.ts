import type { CollectionConfig } from 'payload'
import { DELIVERY_STATUS_OPTIONS } from '@pregon/core/deliveries'
import { isAdmin } from '../access/isAdmin'
import { nobody } from '../access/nobody'

/**
 * One message to one citizen: of an item's mailing (a distribution on the `subscribers` channel) or of a
 * digest. Unique per mailing × subscriber, so nobody is mailed twice; the same states and crash rules as the
 * press ledger (core/deliveries).
 */
export const SubscriberDeliveries: CollectionConfig = {
  slug: 'subscriber-deliveries',
  labels: { singular: { es: 'Envío a suscriptor', en: 'Subscriber delivery' }, plural: { es: 'Envíos a suscriptores', en: 'Subscriber deliveries' } },
  admin: { defaultColumns: ['distribution', 'digest', 'email', 'status', 'updatedAt'], group: { es: 'Ciudadanía', en: 'Citizens' } },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  indexes: [
    { fields: ['distribution', 'subscriber'], unique: true },
    { fields: ['digest', 'subscriber'], unique: true },
    { fields: ['subscriber', 'status'] },
  ],
  fields: [
    { name: 'distribution', type: 'relationship', relationTo: 'distributions', label: { es: 'Publicación', en: 'Distribution' } },
    { name: 'digest', type: 'relationship', relationTo: 'subscriber-digests', label: { es: 'Resumen', en: 'Digest' } },
    // Not required: an ARCO deletion removes the subscriber and leaves the row (counts) without personal data.
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', label: { es: 'Suscripción', en: 'Subscriber' } },
    { name: 'email', type: 'text', label: { es: 'Correo al que se envió', en: 'Email sent to' } },
    // Which of a digest's composed messages this subscriber gets (subscribers with the same items share one).
    { name: 'contentKey', type: 'text', admin: { hidden: true } },
    { name: 'status', type: 'select', required: true, defaultValue: 'pending', label: { es: 'Estado', en: 'Status' }, options: DELIVERY_STATUS_OPTIONS },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { es: 'Intentos', en: 'Attempts' } },
    { name: 'nextAttemptAt', type: 'date', label: { es: 'Próximo intento', en: 'Next attempt' } },
    { name: 'sentAt', type: 'date', label: { es: 'Aceptado por el servidor', en: 'Accepted at' } },
    { name: 'responseCode', type: 'number', label: { es: 'Código SMTP', en: 'SMTP code' } },
    { name: 'messageId', type: 'text', label: { es: 'Message-ID', en: 'Message-ID' } },
    { name: 'error', type: 'text', label: { es: 'Error', en: 'Error' } },
  ],
}
