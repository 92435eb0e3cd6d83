import type { CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { slugField } from './shared/slugField'

/**
 * Press lists by beat, and citizen subscriber lists, kept apart: a journalist's list never mixes with the
 * public's, and neither is readable outside the office (personal data).
 */
export const MailingLists: CollectionConfig = {
  slug: 'mailing-lists',
  labels: { singular: { es: 'Lista de envío', en: 'Mailing list' }, plural: { es: 'Listas de envío', en: 'Mailing lists' } },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'audience'], group: { es: 'Prensa', en: 'Press' } },
  access: { read: isStaff, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { es: 'Nombre', en: 'Name' } },
    slugField('name'),
    {
      name: 'audience',
      type: 'select',
      required: true,
      defaultValue: 'press',
      label: { es: 'Para', en: 'Audience' },
      options: [
        { value: 'press', label: { es: 'Prensa (periodistas y medios)', en: 'Press' } },
        { value: 'subscribers', label: { es: 'Ciudadanía suscrita', en: 'Citizen subscribers' } },
      ],
    },
    {
      name: 'departments',
      type: 'relationship',
      relationTo: 'departments',
      hasMany: true,
      label: { es: 'Fuentes (dependencias)', en: 'Beats (departments)' },
      admin: { description: { es: 'Los temas de esta lista, por ejemplo «Obras públicas» o «Medio ambiente».', en: 'The beats this list covers.' } },
    },
    { name: 'description', type: 'textarea', label: { es: 'Descripción', en: 'Description' } },
  ],
}
