import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'

/** One message to one recipient inside a press mailing; unique per mailing × contact so nobody is mailed twice. */
export const Deliveries: CollectionConfig = {
  slug: 'deliveries',
  labels: { singular: { es: 'Envío', en: 'Delivery' }, plural: { es: 'Envíos', en: 'Deliveries' } },
  admin: { defaultColumns: ['distribution', 'contact', 'status', 'updatedAt'], group: { es: 'Difusión', en: 'Distribution' } },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['distribution', 'contact'], unique: true }],
  fields: [
    { name: 'distribution', type: 'relationship', relationTo: 'distributions', required: true },
    { name: 'contact', type: 'relationship', relationTo: 'press-contacts', required: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      options: [
        { value: 'pending', label: { es: 'En cola', en: 'Pending' } },
        { value: 'sent', label: { es: 'Enviado', en: 'Sent' } },
        { value: 'failed', label: { es: 'Falló', en: 'Failed' } },
      ],
    },
    { name: 'messageId', type: 'text' },
    { name: 'error', type: 'text' },
  ],
}
