import type { CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { slugField } from '../lib/slugField'

export const Departments: CollectionConfig = {
  slug: 'departments',
  labels: { singular: { es: 'Dependencia', en: 'Department' }, plural: { es: 'Dependencias', en: 'Departments' } },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'slug'], group: { es: 'Catálogos', en: 'Catalogs' } },
  access: {
    read: () => true,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { es: 'Nombre', en: 'Name' } },
    slugField('name'),
  ],
}
