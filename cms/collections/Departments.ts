import type { CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { slugField } from './shared/slugField'

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
    { name: 'head', type: 'text', label: { es: 'Titular', en: 'Head' }, admin: { description: { es: 'Nombre y cargo de quien la encabeza.', en: 'Name and title.' } } },
    {
      type: 'row',
      fields: [
        { name: 'contactEmail', type: 'email', label: { es: 'Correo de contacto', en: 'Contact email' }, admin: { width: '50%' } },
        { name: 'contactPhone', type: 'text', label: { es: 'Teléfono', en: 'Phone' }, admin: { width: '50%' } },
      ],
    },
    { name: 'description', type: 'textarea', label: { es: 'Descripción', en: 'Description' } },
  ],
}
