import { staffOnly } from '../../../access/isStaff'
import type { Field } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { distributeToField, pressListsField } from '../../shared/distributionFields'
import { CHANNEL_LABELS, postTextField, postTextOverflow, postTextRules, SOCIAL_CHANNELS, type SocialChannel } from '@pregon/core/channels'
import { bulletinLink, LINK_STAND_IN } from '@pregon/core/composePostText'

export const BULLETIN_KINDS = ['boletin', 'comunicado', 'aviso', 'posicionamiento'] as const

export const KIND_LABELS: Record<(typeof BULLETIN_KINDS)[number], string> = {
  boletin: 'Boletín',
  comunicado: 'Comunicado',
  aviso: 'Aviso',
  posicionamiento: 'Posicionamiento',
}

/**
 * What X will count for the editor's text, from the same composer as the preview and the worker: the text plus
 * the bulletin's link (23) unless the text already has it.
 */
export function xTextTotal(text: string, url = LINK_STAND_IN): number {
  return postTextRules('x').compose({ title: '', url, customText: text }).fullLength
}

/** «El texto para Bluesky ocupa 320 de 300 caracteres (con el enlace): acórtalo 20.» */
export const postTextTooLong = (channel: SocialChannel, { total, max }: { total: number; max: number }) =>
  `El texto para ${CHANNEL_LABELS[channel]} ocupa ${total} de ${max} caracteres (con el enlace): acórtalo ${total - max}.`

function linkRule(channel: SocialChannel): string {
  const { max, urlWeight } = postTextRules(channel)
  const link = urlWeight === null ? 'el enlace al boletín cuenta sus caracteres' : `el enlace al boletín cuenta como ${urlWeight} caracteres`
  return `${link}; máximo ${max.toLocaleString('es-MX')}`
}

/**
 * One optional text per network, each with its live counter: empty, the network gets the text for X, or the
 * title; the link is added unless the text has it. They are content, so the approval covers all of them.
 */
const postTextsField: Field = {
  type: 'collapsible',
  label: { es: 'Textos para redes sociales', en: 'Social network texts' },
  admin: {
    description: {
      es: 'Opcionales. Cada red recibe su texto; si lo dejas vacío se usa el texto para X y, si tampoco hay, el título. El enlace al boletín se añade solo.',
      en: 'Optional; empty: the X text, else the title. The link is added.',
    },
  },
  fields: SOCIAL_CHANNELS.map(
    (channel): Field => ({
      name: postTextField(channel),
      access: staffOnly,
      type: 'textarea',
      label: { es: `Texto para ${CHANNEL_LABELS[channel]}`, en: `Text for ${CHANNEL_LABELS[channel]}` },
      admin: {
        description: {
          es: `${channel === 'x' ? 'Si lo dejas vacío se usa el título' : 'Si lo dejas vacío se usa el texto para X o el título'}; ${linkRule(channel)}.`,
          en: `Optional. ${linkRule(channel)}`,
        },
        components: { afterInput: [{ path: '/components/SocialPreviewsField#PostTextCounterField', serverProps: { channel } }] },
      },
      validate: (value: unknown, { req, siblingData }: { req: { payload?: { config: { custom?: unknown } } }; siblingData?: { slug?: unknown } }) => {
        if (typeof value !== 'string' || value.trim() === '') return true
        const siteUrl = (req.payload?.config.custom as { pregon?: Readonly<Config> } | undefined)?.pregon?.portal.url
        const slug = typeof siblingData?.slug === 'string' ? siblingData.slug : ''
        const overflow = postTextOverflow(channel, value, siteUrl && slug ? bulletinLink(siteUrl, slug) : undefined)
        return overflow ? postTextTooLong(channel, overflow) : true
      },
    }),
  ),
}

/** What a press office states about a bulletin besides its text, and where it goes. */
export const contentFields: Field[] = [
  {
    name: 'kind',
    type: 'select',
    defaultValue: 'boletin',
    label: { es: 'Tipo', en: 'Kind' },
    options: BULLETIN_KINDS.map((value) => ({ value, label: { es: KIND_LABELS[value], en: value } })),
    admin: { position: 'sidebar' },
  },
  {
    type: 'row',
    fields: [
      { name: 'place', type: 'text', label: { es: 'Lugar', en: 'Place' }, admin: { width: '50%' } },
      {
        name: 'eventDate',
        type: 'date',
        label: { es: 'Fecha del evento', en: 'Event date' },
        admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' } },
      },
    ],
  },
  {
    name: 'otherDepartments',
    type: 'relationship',
    relationTo: 'departments',
    hasMany: true,
    label: { es: 'Otras dependencias', en: 'Other departments' },
    admin: { position: 'sidebar', description: { es: 'Además de la dependencia principal.', en: 'Besides the main one.' } },
  },
  {
    name: 'topics',
    type: 'text',
    hasMany: true,
    label: { es: 'Temas', en: 'Topics' },
    admin: { position: 'sidebar', description: { es: 'Palabras clave, por ejemplo: agua, lluvias, becas.', en: 'Keywords.' } },
  },
  {
    name: 'gallery',
    type: 'upload',
    relationTo: 'media',
    hasMany: true,
    label: { es: 'Galería de fotos', en: 'Gallery' },
    filterOptions: { mimeType: { contains: 'image' } },
  },
  {
    name: 'attachments',
    type: 'upload',
    relationTo: 'media',
    hasMany: true,
    label: { es: 'Documentos adjuntos (PDF)', en: 'Attachments (PDF)' },
    filterOptions: { mimeType: { equals: 'application/pdf' } },
  },
  {
    name: 'spokesperson',
    type: 'text',
    label: { es: 'Vocería o contacto', en: 'Spokesperson' },
    admin: { description: { es: 'Quién atiende a la prensa sobre este tema (nombre y cargo).', en: 'Who answers the press.' } },
  },
  distributeToField,
  {
    name: 'extraAccounts',
    access: staffOnly,
    type: 'relationship',
    relationTo: 'social-accounts',
    hasMany: true,
    label: { es: 'Otras cuentas', en: 'Other accounts' },
    filterOptions: { source: { equals: 'admin' }, isActive: { equals: true } },
    admin: {
      position: 'sidebar',
      description: {
        es: 'Cuentas de otras dependencias donde también debe salir (en las redes elegidas arriba). Las de su dependencia se agregan solas.',
        en: 'Accounts of other departments it also goes out on.',
      },
    },
  },
  {
    name: 'reach',
    type: 'ui',
    label: { es: 'Llegará a', en: 'Will reach' },
    admin: { position: 'sidebar', components: { Field: '/components/ReachPanel#ReachPanel' } },
  },
  { name: 'portalViews', type: 'ui', admin: { position: 'sidebar', components: { Field: '/components/BulletinViews#BulletinViews' } } },
  pressListsField,
  postTextsField,
  {
    name: 'embargoUntil',
    access: staffOnly,
    type: 'date',
    label: { es: 'Embargo hasta', en: 'Embargo until' },
    admin: {
      position: 'sidebar',
      date: { pickerAppearance: 'dayAndTime' },
      description: {
        es: 'Al publicar, la prensa lo recibe de inmediato marcado «EMBARGO hasta …»; el portal, el RSS y las redes, solo al levantarse el embargo.',
        en: 'On publication, journalists get it at once, marked as embargoed; the portal, RSS and networks only when it lifts.',
      },
    },
  },
]
