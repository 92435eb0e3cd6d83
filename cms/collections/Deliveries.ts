import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'

/**
 * pending: no answer from the server recorded yet (also a 4xx waiting for its retry) · sent: the server accepted
 * it · bounced: permanent refusal of the address (5xx) · failed: refused for good, or gave up after retries ·
 * unknown: a worker died after releasing the message to the server and before recording the answer, so it may
 * or may not have arrived; never re-sent automatically · suppressed: the contact unsubscribed or bounced first.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'bounced', 'failed', 'unknown', 'suppressed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, { es: string; en: string }> = {
  pending: { es: 'En cola', en: 'Pending' },
  sent: { es: 'Enviado', en: 'Sent' },
  bounced: { es: 'Rebotado (dirección inválida)', en: 'Bounced' },
  failed: { es: 'Falló', en: 'Failed' },
  unknown: { es: 'Sin confirmar (revisar)', en: 'Unknown outcome' },
  suppressed: { es: 'Omitido (baja o rebote)', en: 'Suppressed' },
}

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
      options: DELIVERY_STATUSES.map((value) => ({ value, label: DELIVERY_STATUS_LABELS[value] })),
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
