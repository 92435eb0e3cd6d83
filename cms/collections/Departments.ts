import type { CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { staffOnly } from '../access/isStaff'
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
    {
      name: 'socialAccounts',
      type: 'relationship',
      relationTo: 'social-accounts',
      hasMany: true,
      access: staffOnly,
      label: { es: 'Cuentas de redes propias', en: 'Own social accounts' },
      filterOptions: { source: { equals: 'admin' }, isActive: { equals: true } },
      admin: {
        description: {
          es: 'Los boletines de esta dependencia se publican también en estas cuentas, además de las principales del municipio, en las redes que elija quien lo redacta.',
          en: 'Its bulletins also go out on these accounts, on the networks chosen.',
        },
      },
    },
  ],
}
