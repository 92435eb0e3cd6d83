import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { DELIVERY_STATUS_OPTIONS } from '@pregon/core/deliveries'

/** One message to one recipient inside a press mailing; unique per mailing × contact so nobody is mailed twice. */
export const Deliveries: CollectionConfig = {
  slug: 'deliveries',
  labels: { singular: { es: 'Envío', en: 'Delivery' }, plural: { es: 'Envíos', en: 'Deliveries' } },
  admin: { defaultColumns: ['distribution', 'email', 'status', 'attempts', 'updatedAt'], group: { es: 'Difusión', en: 'Distribution' } },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  indexes: [
    { fields: ['distribution', 'contact'], unique: true },
    { fields: ['distribution', 'status'] },
  ],
  fields: [
    { name: 'distribution', type: 'relationship', relationTo: 'distributions', required: true },
    // Not required: an ARCO deletion removes the contact and leaves the row (counts) without personal data.
    { name: 'contact', type: 'relationship', relationTo: 'press-contacts' },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: DELIVERY_STATUS_OPTIONS,
    },
    { name: 'email', type: 'text', label: { es: 'Correo al que se envió', en: 'Email sent to' } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { es: 'Intentos', en: 'Attempts' } },
    { name: 'nextAttemptAt', type: 'date', label: { es: 'Próximo intento', en: 'Next attempt' } },
    { name: 'sentAt', type: 'date', label: { es: 'Aceptado por el servidor', en: 'Accepted at' } },
    { name: 'responseCode', type: 'number', label: { es: 'Código SMTP', en: 'SMTP code' } },
    { name: 'messageId', type: 'text', label: { es: 'Message-ID', en: 'Message-ID' } },
    { name: 'error', type: 'text', label: { es: 'Error', en: 'Error' } },
  ],
}
