import type { GlobalConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'

/** Written by the worker's scheduler after every sweep, so the admin can show whether it is alive. */
export const SchedulerStatus: GlobalConfig = {
  slug: 'scheduler-status',
  label: { es: 'Estado del programador', en: 'Scheduler status' },
  admin: { group: { es: 'Administración', en: 'Administration' } },
  access: { read: isStaff, update: nobody },
  fields: [
    { name: 'lastRunAt', type: 'date', label: { es: 'Última revisión', en: 'Last run' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastPublished', type: 'number', label: { es: 'Publicados en la última revisión', en: 'Published in last run' }, admin: { readOnly: true } },
    { name: 'lastError', type: 'textarea', label: { es: 'Último error', en: 'Last error' }, admin: { readOnly: true } },
  ],
}
