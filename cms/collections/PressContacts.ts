import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionConfig, FieldHook } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { transactionDb } from '../db/transactionDb'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { pressContactEndpoints } from '../pressContacts/pressContactEndpoints'

/** One address, one contact: `Marco@Radio.test ` and `marco@radio.test` are the same journalist. */
const normalizeEmail: FieldHook = ({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)

/**
 * ARCO cancellation: deleting a contact also erases the address kept on each delivery row (the rows stay,
 * without personal data, so the office's counts of who got what still add up).
 */
const eraseDeliveredAddresses: CollectionBeforeDeleteHook = async ({ req, id }) => {
  const deliveries = await req.payload.find({ collection: 'deliveries', where: { contact: { equals: id } }, depth: 0, pagination: false, select: { email: true }, req })
  for (const delivery of deliveries.docs) {
    await req.payload.update({ collection: 'deliveries', id: delivery.id, data: { email: null }, req, depth: 0 })
  }
}

/**
 * The outlet a journalist writes for, as typed («El Debate»), is linked to its record among the outlets the office
 * follows (monitoring, advertising): the one of that name whatever its case, made when there is none yet. So the
 * directory, the síntesis and the advertising register speak of the same outlets.
 */
const linkOutlet: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (data.outlet === undefined || (originalDoc && data.outlet === originalDoc.outlet && originalDoc.outletRecord)) return data
  const name = typeof data.outlet === 'string' ? data.outlet.trim() : ''
  if (name === '') return { ...data, outletRecord: null }
  const db = await transactionDb(req)
  const found = (await db.execute(sql`SELECT id FROM outlets WHERE lower(name) = lower(${name}) ORDER BY id LIMIT 1`)) as unknown as { rows: { id: number }[] }
  const id = found.rows[0]?.id ?? (await req.payload.create({ collection: 'outlets', data: { name }, depth: 0, req, overrideAccess: true })).id
  return { ...data, outletRecord: id }
}

/** The media directory. Journalists' contact data is personal data: staff only, never public. */
export const PressContacts: CollectionConfig = {
  slug: 'press-contacts',
  labels: {
    singular: { es: 'Contacto de prensa', en: 'Press contact' },
    plural: { es: 'Directorio de medios', en: 'Press contacts' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'outlet', 'email', 'lists', 'status'],
    group: { es: 'Prensa', en: 'Press' },
    listSearchableFields: ['name', 'email', 'outlet'],
    components: { beforeListTable: ['/components/PressContactsImport#PressContactsImport'] },
  },
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  endpoints: pressContactEndpoints,
  hooks: { beforeChange: [linkOutlet], beforeDelete: [eraseDeliveredAddresses] },
  fields: [
    { name: 'name', type: 'text', required: true, label: { es: 'Nombre', en: 'Name' } },
    { name: 'outlet', type: 'text', label: { es: 'Medio', en: 'Outlet' } },
    {
      name: 'outletRecord',
      type: 'relationship',
      relationTo: 'outlets',
      index: true,
      label: { es: 'Ficha del medio', en: 'Outlet record' },
      admin: { position: 'sidebar', readOnly: true, description: { es: 'Se enlaza sola con el medio de ese nombre (monitoreo, publicidad oficial).', en: 'Linked by name.' } },
    },
    { name: 'email', type: 'email', required: true, unique: true, label: { es: 'Correo electrónico', en: 'Email' }, hooks: { beforeValidate: [normalizeEmail] } },
    { name: 'phone', type: 'text', label: { es: 'Teléfono', en: 'Phone' } },
    {
      name: 'beats',
      type: 'relationship',
      relationTo: 'departments',
      hasMany: true,
      label: { es: 'Fuentes que cubre', en: 'Beats' },
      admin: { description: { es: 'Las dependencias sobre las que quiere recibir boletines.', en: 'Departments they cover.' } },
    },
    {
      name: 'lists',
      type: 'relationship',
      relationTo: 'mailing-lists',
      hasMany: true,
      label: { es: 'Listas de prensa', en: 'Press lists' },
      filterOptions: { audience: { equals: 'press' } },
    },
    {
      name: 'consent',
      type: 'group',
      label: { es: 'Consentimiento', en: 'Consent' },
      admin: { description: { es: 'Datos personales: cuándo y cómo aceptó recibir boletines (ley de protección de datos).', en: 'When and how they agreed.' } },
      fields: [
        { name: 'at', type: 'date', label: { es: 'Fecha', en: 'Date' } },
        { name: 'source', type: 'text', label: { es: 'Cómo (formulario, correo, en persona…)', en: 'Source' } },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'active',
      label: { es: 'Estado', en: 'Status' },
      options: [
        { value: 'active', label: { es: 'Activo', en: 'Active' } },
        { value: 'unsubscribed', label: { es: 'Dado de baja', en: 'Unsubscribed' } },
        { value: 'bounced', label: { es: 'Rebotado', en: 'Bounced' } },
      ],
      admin: {
        position: 'sidebar',
        description: { es: 'Solo los contactos activos reciben boletines. Quien se dio de baja no vuelve a recibir nada.', en: 'Only active contacts are mailed.' },
      },
    },
    {
      name: 'unsubscribedAt',
      type: 'date',
      label: { es: 'Se dio de baja el', en: 'Unsubscribed at' },
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'bounce',
      type: 'group',
      label: { es: 'Rebote', en: 'Bounce' },
      admin: { position: 'sidebar', condition: (data) => data?.status === 'bounced' },
      fields: [
        { name: 'at', type: 'date', label: { es: 'Fecha', en: 'Date' }, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'reason', type: 'text', label: { es: 'Respuesta del servidor', en: 'Server response' }, admin: { readOnly: true } },
      ],
    },
  ],
}
