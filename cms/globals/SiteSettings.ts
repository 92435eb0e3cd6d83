import type { GlobalConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'

/** What the portal and the messages say about the municipality itself. */
export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: { es: 'Datos del municipio', en: 'Site settings' },
  admin: { group: { es: 'Administración', en: 'Administration' } },
  access: { read: () => true, update: isAdmin },
  fields: [
    {
      name: 'municipalityName',
      type: 'text',
      required: true,
      defaultValue: 'Municipio',
      label: { es: 'Nombre del municipio', en: 'Municipality name' },
    },
    {
      name: 'officeName',
      type: 'text',
      required: true,
      defaultValue: 'Coordinación de Comunicación Social',
      label: { es: 'Nombre de la oficina', en: 'Office name' },
    },
    {
      name: 'description',
      type: 'textarea',
      label: { es: 'Descripción del portal', en: 'Portal description' },
    },
    {
      name: 'timeZone',
      type: 'text',
      required: true,
      defaultValue: 'America/Mexico_City',
      label: { es: 'Zona horaria', en: 'Time zone' },
      validate: (value: unknown) => {
        try {
          new Intl.DateTimeFormat('es-MX', { timeZone: String(value) })
          return true
        } catch {
          return 'Zona horaria no válida: usa un nombre IANA como America/Mexico_City.'
        }
      },
    },
  ],
}
