import type { GlobalConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { roleOf } from '../access/roles'

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * What the press monitoring looks for and when the síntesis goes out. The municipality's name, its departments
 * and the public servants of the Art. 134 list are always watched; these topics are added to them.
 */
export const MonitoringSettings: GlobalConfig = {
  slug: 'monitoring-settings',
  label: { es: 'Síntesis y monitoreo', en: 'Monitoring settings' },
  admin: { group: { es: 'Monitoreo de medios', en: 'Media monitoring' } },
  access: { read: isStaff, update: ({ req }) => roleOf(req) === 'admin' || roleOf(req) === 'approver' },
  fields: [
    {
      name: 'synthesisTime',
      type: 'text',
      required: true,
      defaultValue: '07:30',
      label: { es: 'Hora de envío de la síntesis', en: 'Synthesis time' },
      validate: (value: unknown) => (typeof value === 'string' && HH_MM.test(value) ? true : 'Escriba la hora en formato de 24 horas, por ejemplo 07:30.'),
      admin: { description: { es: 'Hora del municipio, formato 24 horas (07:30). La síntesis cubre lo visto desde la anterior.', en: 'HH:MM, office time.' } },
    },
    {
      name: 'synthesisRecipients',
      type: 'text',
      hasMany: true,
      label: { es: 'Quién recibe la síntesis (correos)', en: 'Recipients' },
      validate: (value: unknown) => {
        const bad = (Array.isArray(value) ? value : []).filter((email) => typeof email !== 'string' || !EMAIL.test(email.trim()))
        return bad.length === 0 ? true : `Estos correos no son válidos: ${bad.join(', ')}. Escriba cada uno completo (nombre@dominio.gob.mx).`
      },
      admin: { description: { es: 'Lista interna: titular de la oficina, presidencia, secretaría. Sin correos, la síntesis no se envía.', en: 'Internal list.' } },
    },
    {
      name: 'topics',
      type: 'text',
      hasMany: true,
      label: { es: 'Temas a vigilar', en: 'Watched topics' },
      admin: { description: { es: '«agua potable», «Río Sinaloa», «seguridad pública». Se buscan sin importar mayúsculas ni acentos, en singular y plural.', en: 'Topics.' } },
    },
    {
      name: 'municipalityAliases',
      type: 'text',
      hasMany: true,
      label: { es: 'Otros nombres del municipio o del gobierno', en: 'Municipality aliases' },
      admin: { description: { es: 'Además del nombre del municipio: «Ayuntamiento de Guasave», «Gobierno de Guasave», «Comuna».', en: 'Aliases.' } },
    },
  ],
}
