import type { CollectionBeforeChangeHook, CollectionConfig, FieldAccess } from 'payload'
import type { User } from '../payload-types'
import { isAdmin, isAdminField } from '../access/isAdmin'
import { isAdminOrSelf } from '../access/isAdminOrSelf'
import { isStaff } from '../access/isStaff'
import { ROLES, roleOf } from '../access/roles'
import { checkPasswordOnReset, checkPasswordOnSave } from '../auth/enforcePasswordPolicy'
import { guardLogin } from '../auth/guardLogin'
import { createLoginThrottle } from '../auth/loginThrottle'
import { requireTotp } from '../auth/requireTotp'
import { totpEndpoints } from '../auth/totpEndpoints'

export interface UsersOptions {
  /** The admin is served over https (CMS_URL): the session cookie is sent only over https. */
  isSecureCookie: boolean
  /** Reverse proxies in front of the CMS (TRUST_PROXY), to read the client's address. */
  trustedProxies: number
}

const closed: FieldAccess = () => false

/** The office's accounts. Each call has its own sign-in counters (one Payload instance, one set). */
export function createUsers({ isSecureCookie, trustedProxies }: UsersOptions): CollectionConfig {
  const login = guardLogin({ trustedProxies, throttle: createLoginThrottle() })
  return {
    slug: 'users',
    labels: { singular: { es: 'Usuario', en: 'User' }, plural: { es: 'Usuarios', en: 'Users' } },
    auth: {
      // No per-account lock: it lets anyone lock the administrator out. Failures are throttled per client
      // and per client and account instead (auth/guardLogin.ts).
      maxLoginAttempts: 0,
      cookies: { secure: isSecureCookie, sameSite: 'Lax' },
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
    hooks: {
      beforeOperation: [login.beforeOperation, checkPasswordOnReset],
      beforeValidate: [checkPasswordOnSave],
      beforeChange: [firstAccountAdministers],
      beforeLogin: [requireTotp],
      afterLogin: [login.afterLogin],
    },
    endpoints: totpEndpoints(),
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
      {
        name: 'notifyByEmail',
        type: 'checkbox',
        defaultValue: false,
        label: { es: 'Avisarme por correo de lo que espera mi acción', en: 'Email me what waits for me' },
        admin: {
          description: {
            es: 'Quien edita: cuando le devuelven un contenido. Quien aprueba: cuando algo llega a revisión.',
            en: 'Editors: when work comes back. Approvers: when something arrives for review.',
          },
        },
      },
      // The second step (TOTP): changed only through its endpoints (auth/totpEndpoints.ts), never by a save.
      {
        name: 'totpEnabled',
        type: 'checkbox',
        defaultValue: false,
        label: { es: 'Verificación en dos pasos activa', en: 'Two-step verification on' },
        access: { create: closed, update: closed },
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: {
            es: 'Se activa y desactiva con la API de la cuenta (README del CMS, «Accounts and sign-in»); una cuenta de administración puede desactivarla.',
            en: "Turned on and off through the account's API (CMS README, “Accounts and sign-in”); an admin can turn it off.",
          },
        },
      },
      // The sealed secret and the last code's time step: no API reads or writes them, not even an admin's.
      { name: 'totpSecret', type: 'text', hidden: true, access: { read: closed, create: closed, update: closed } },
      { name: 'totpLastStep', type: 'number', hidden: true, access: { read: closed, create: closed, update: closed } },
    ],
  }
}

/**
 * The first account of an installation (the admin's «crear primer usuario» form, signed in as nobody) is the
 * administrator: only an admin grants roles, so a first account with the default «Edición» would leave nobody
 * able to give anyone else a role.
 */
const firstAccountAdministers: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  // Scripts and the demo seed (the Local API) say which role they create.
  if (operation !== 'create' || req.user || req.payloadAPI === 'local') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}
