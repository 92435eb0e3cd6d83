import type { CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { nobody } from '../access/nobody'

/**
 * One daily or weekly digest: everything first published in its period that matches each subscriber, mailed
 * once per subscriber. Unique per frequency and period end, so the scheduler cannot make a second one, and
 * its deliveries are unique per subscriber, so a worker that restarts mid-digest mails nobody twice.
 */
export const SubscriberDigests: CollectionConfig = {
  slug: 'subscriber-digests',
  labels: { singular: { es: 'Resumen a suscriptores', en: 'Subscriber digest' }, plural: { es: 'Resúmenes a suscriptores', en: 'Subscriber digests' } },
  admin: { defaultColumns: ['frequency', 'periodEnd', 'status', 'completedAt'], group: { es: 'Ciudadanía', en: 'Citizens' } },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['frequency', 'periodEnd'], unique: true }],
  fields: [
    {
      name: 'frequency',
      type: 'select',
      required: true,
      label: { es: 'Frecuencia', en: 'Frequency' },
      options: [
        { value: 'daily', label: { es: 'Diario', en: 'Daily' } },
        { value: 'weekly', label: { es: 'Semanal', en: 'Weekly' } },
      ],
    },
    { name: 'periodStart', type: 'date', required: true, label: { es: 'Desde', en: 'From' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'periodEnd', type: 'date', required: true, label: { es: 'Hasta', en: 'Until' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: [
        { value: 'pending', label: { es: 'En cola', en: 'Pending' } },
        { value: 'sending', label: { es: 'Enviando', en: 'Sending' } },
        { value: 'sent', label: { es: 'Enviado', en: 'Sent' } },
        { value: 'failed', label: { es: 'Falló', en: 'Failed' } },
      ],
    },
    { name: 'detail', type: 'json', label: { es: 'Detalle', en: 'Detail' }, admin: { readOnly: true } },
    { name: 'error', type: 'textarea', label: { es: 'Error', en: 'Error' }, admin: { readOnly: true } },
    { name: 'completedAt', type: 'date', label: { es: 'Terminado', en: 'Completed' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
