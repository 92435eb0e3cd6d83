import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'

/**
 * The outlets the office follows and mails: a newspaper, a radio station, a news site. Their feeds
 * (monitor-sources) and what they published (monitor-items) hang from them; an outlet's page lists both.
 */
export const Outlets: CollectionConfig = {
  slug: 'outlets',
  labels: { singular: { es: 'Medio de comunicación', en: 'Outlet' }, plural: { es: 'Medios de comunicación', en: 'Outlets' } },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'website'], group: { es: 'Monitoreo de medios', en: 'Media monitoring' }, listSearchableFields: ['name'] },
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { es: 'Nombre', en: 'Name' } },
    {
      name: 'kind',
      type: 'select',
      label: { es: 'Tipo', en: 'Kind' },
      options: [
        { value: 'newspaper', label: { es: 'Periódico', en: 'Newspaper' } },
        { value: 'digital', label: { es: 'Medio digital', en: 'Digital outlet' } },
        { value: 'radio', label: { es: 'Radio', en: 'Radio' } },
        { value: 'tv', label: { es: 'Televisión', en: 'TV' } },
        { value: 'agency', label: { es: 'Agencia', en: 'Agency' } },
        { value: 'other', label: { es: 'Otro', en: 'Other' } },
      ],
    },
    { name: 'website', type: 'text', label: { es: 'Sitio web', en: 'Website' }, validate: webAddress },
    {
      name: 'sources',
      type: 'join',
      collection: 'monitor-sources',
      on: 'outlet',
      label: { es: 'Canales que se revisan', en: 'Sources' },
      admin: { defaultColumns: ['name', 'health', 'lastSuccessAt'] },
    },
    {
      name: 'contacts',
      type: 'join',
      collection: 'press-contacts',
      on: 'outletRecord',
      label: { es: 'Periodistas en el directorio de medios', en: 'Press contacts' },
      admin: { defaultColumns: ['name', 'email', 'status'] },
    },
  ],
}

/** An http(s) address, or nothing. */
export function webAddress(value: unknown): true | string {
  if (value === null || value === undefined || value === '') return true
  try {
    const url = new URL(String(value))
    if (url.protocol === 'https:' || url.protocol === 'http:') return true
  } catch {
    // falls through to the message
  }
  return 'Escriba la dirección completa, empezando por https:// (por ejemplo https://www.eldiario.mx/feed/).'
}
