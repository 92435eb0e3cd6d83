import type { GlobalConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { staffOnly } from '../access/isStaff'

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
    {
      name: 'logo',
      type: 'upload',
      relationTo: 'media',
      label: { es: 'Escudo o logotipo', en: 'Logo' },
    },
    {
      type: 'row',
      fields: [
        { name: 'contactEmail', type: 'email', label: { es: 'Correo de la oficina', en: 'Office email' }, admin: { width: '50%' } },
        { name: 'contactPhone', type: 'text', label: { es: 'Teléfono de la oficina', en: 'Office phone' }, admin: { width: '50%' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'spokespersonName', type: 'text', label: { es: 'Vocería: nombre y cargo', en: 'Spokesperson' }, admin: { width: '50%' } },
        {
          name: 'spokespersonEmail',
          type: 'email',
          label: { es: 'Vocería: correo', en: 'Spokesperson email' },
          admin: { width: '50%', description: { es: 'Las respuestas de periodistas a los boletines llegan aquí.', en: 'Journalists’ replies go here.' } },
        },
      ],
    },
    { name: 'address', type: 'textarea', label: { es: 'Domicilio', en: 'Address' } },
    {
      name: 'socialLinks',
      type: 'array',
      label: { es: 'Redes sociales', en: 'Social links' },
      labels: { singular: { es: 'Red', en: 'Link' }, plural: { es: 'Redes', en: 'Links' } },
      fields: [
        {
          name: 'network',
          type: 'select',
          required: true,
          label: { es: 'Red', en: 'Network' },
          options: ['x', 'facebook', 'instagram', 'youtube', 'mastodon', 'bluesky', 'tiktok'].map((value) => ({ value, label: value })),
        },
        { name: 'url', type: 'text', required: true, label: { es: 'Dirección', en: 'URL' }, validate: httpsUrl },
      ],
    },
    {
      type: 'collapsible',
      label: { es: 'Artículo 134: promoción personalizada', en: 'Art. 134: personal promotion' },
      admin: {
        initCollapsed: true,
        description: {
          es: 'Al enviar a revisión y al aprobar, Pregón busca estos nombres, cargos y palabras en el texto, los títulos, los textos para redes y las descripciones de las fotos. Quien aprueba debe justificar cada mención; durante una veda, bloquean la aprobación.',
          en: 'Checked at submit and approval.',
        },
      },
      fields: [
        {
          name: 'publicServants',
          type: 'array',
          access: staffOnly,
          label: { es: 'Servidores públicos', en: 'Public servants' },
          labels: { singular: { es: 'Servidor público', en: 'Public servant' }, plural: { es: 'Servidores públicos', en: 'Public servants' } },
          fields: [
            { name: 'name', type: 'text', required: true, label: { es: 'Nombre completo', en: 'Full name' }, admin: { description: { es: 'Nombres y dos apellidos: «María Guadalupe Ramírez Torres».', en: 'Given names and surnames.' } } },
            { name: 'aliases', type: 'text', hasMany: true, label: { es: 'Otros nombres o apodos', en: 'Aliases' }, admin: { description: { es: '«Lupita Ramírez».', en: 'Aliases.' } } },
            { name: 'titles', type: 'text', hasMany: true, label: { es: 'Cargos', en: 'Titles' }, admin: { description: { es: '«presidenta municipal», «alcaldesa»: en cualquier género y número.', en: 'Titles.' } } },
          ],
        },
        {
          name: 'watchWords',
          type: 'text',
          hasMany: true,
          access: staffOnly,
          label: { es: 'Palabras a vigilar', en: 'Words to watch' },
          admin: { description: { es: 'Lemas de gobierno, nombres y siglas de partidos, colores descritos en el texto («guinda»).', en: 'Slogans, parties, colours.' } },
        },
      ],
    },
    {
      name: 'privacyNoticeUrl',
      type: 'text',
      label: { es: 'Aviso de privacidad (URL)', en: 'Privacy notice URL' },
      admin: { description: { es: 'Obligatorio por la ley de protección de datos: se enlaza en el portal y en los correos.', en: 'Linked from the portal and emails.' } },
      validate: httpsUrl,
    },
    {
      name: 'privacyNoticeVersion',
      type: 'text',
      defaultValue: '1',
      label: { es: 'Versión del aviso de privacidad', en: 'Privacy notice version' },
      maxLength: 40,
      admin: {
        description: {
          es: 'Cámbiala cuando cambie el aviso (por ejemplo «2026-12»): cada suscripción ciudadana guarda la versión que aceptó y cuándo.',
          en: 'Recorded with every citizen subscription.',
        },
      },
    },
  ],
}

function httpsUrl(value: unknown): true | string {
  if (value === null || value === undefined || value === '') return true
  return typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value)
    ? true
    : 'Escribe una dirección completa que empiece con https:// (por ejemplo https://municipio.gob.mx/privacidad).'
}
