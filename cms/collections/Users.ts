import type { CollectionConfig } from 'payload'
import { isAdmin, isAdminField } from '../access/isAdmin'
import { isAdminOrSelf } from '../access/isAdminOrSelf'
import { isStaff } from '../access/isStaff'
import { ROLES, roleOf } from '../access/roles'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { es: 'Usuario', en: 'User' }, plural: { es: 'Usuarios', en: 'Users' } },
  auth: {
    // Locks an account for 10 minutes after 5 wrong passwords.
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role'],
    group: { es: 'Administración', en: 'Administration' },
  },
  access: {
    read: isStaff,
    create: isAdmin,
    update: isAdminOrSelf,
    delete: isAdmin,
    admin: ({ req }) => roleOf(req) !== null,
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      label: { es: 'Nombre', en: 'Name' },
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      saveToJWT: true,
      label: { es: 'Rol', en: 'Role' },
      options: ROLES.map((value) => ({
        value,
        label: {
          admin: { es: 'Administración', en: 'Administrator' },
          approver: { es: 'Aprobación (titular)', en: 'Approver' },
          editor: { es: 'Edición', en: 'Editor' },
        }[value],
      })),
      // Only admins grant roles: an editor must not promote themself to approver.
      access: { create: isAdminField, update: isAdminField },
    },
  ],
}
