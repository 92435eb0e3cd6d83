import type { CollectionConfig } from 'payload'
import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'

/**
 * The ledger of the morning síntesis: one row per day (unique), written by the worker before it mails, so a
 * day's síntesis goes out once however many workers or restarts; `sentTo` lists who already has it.
 */
export const SynthesisEditions: CollectionConfig = {
  slug: 'synthesis-editions',
  labels: { singular: { es: 'Síntesis enviada', en: 'Synthesis edition' }, plural: { es: 'Síntesis enviadas', en: 'Synthesis editions' } },
  admin: { useAsTitle: 'day', defaultColumns: ['day', 'status', 'itemCount', 'sentAt'], group: { es: 'Monitoreo de medios', en: 'Media monitoring' } },
  defaultSort: '-day',
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'day', type: 'text', required: true, unique: true, label: { es: 'Día', en: 'Day' }, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'sending',
      label: { es: 'Estado', en: 'Status' },
      options: [
        { value: 'sending', label: { es: 'Enviándose', en: 'Sending' } },
        { value: 'sent', label: { es: 'Enviada', en: 'Sent' } },
        { value: 'failed', label: { es: 'No se pudo enviar', en: 'Failed' } },
      ],
      admin: { readOnly: true },
    },
    { name: 'periodStart', type: 'date', label: { es: 'Desde', en: 'From' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'periodEnd', type: 'date', label: { es: 'Hasta', en: 'To' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'itemCount', type: 'number', label: { es: 'Notas', en: 'Items' }, admin: { readOnly: true } },
    { name: 'sentTo', type: 'json', label: { es: 'Enviada a', en: 'Sent to' }, admin: { readOnly: true } },
    { name: 'sentAt', type: 'date', label: { es: 'Enviada el', en: 'Sent at' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'error', type: 'textarea', label: { es: 'Error', en: 'Error' }, admin: { readOnly: true, condition: (data) => Boolean(data?.error) } },
  ],
}
