import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'
import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'

/** Who marked an item's tone or relevance, and when: the síntesis says what a person judged, not a guess. */
const recordReview: CollectionBeforeChangeHook = ({ data, originalDoc, req, operation }) => {
  if (operation !== 'update' || !originalDoc) return data
  const judged = (data.tone !== undefined && data.tone !== originalDoc.tone) || (data.relevance !== undefined && data.relevance !== originalDoc.relevance)
  if (!judged || !req.user) return data
  return { ...data, reviewedBy: req.user.id, reviewedAt: new Date().toISOString() }
}

const readOnly = { readOnly: true }

/**
 * One news item an outlet published, stored once per canonical URL whichever feed brought it. The worker
 * writes what the outlet said and what it mentions; staff judge its tone and whether it goes in the síntesis.
 */
export const MonitorItems: CollectionConfig = {
  slug: 'monitor-items',
  labels: { singular: { es: 'Nota de medios', en: 'Press item' }, plural: { es: 'Notas de medios', en: 'Press items' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'outlet', 'publishedAt', 'department', 'tone', 'relevance'],
    group: { es: 'Monitoreo de medios', en: 'Media monitoring' },
    listSearchableFields: ['title', 'summary'],
    description: {
      es: 'Lo que publicaron los medios. Las notas que mencionan al municipio entran en la síntesis del día salvo que se marquen «No relevante»; marque el tono para que la síntesis lo diga.',
      en: 'What the outlets published.',
    },
  },
  defaultSort: '-firstSeenAt',
  access: { read: isStaff, create: nobody, update: isStaff, delete: isAdmin },
  hooks: { beforeChange: [recordReview] },
  fields: [
    { name: 'title', type: 'text', required: true, label: { es: 'Título', en: 'Title' }, admin: readOnly },
    { name: 'url', type: 'text', required: true, unique: true, label: { es: 'Dirección', en: 'URL' }, admin: readOnly },
    { name: 'summary', type: 'textarea', label: { es: 'Resumen', en: 'Summary' }, admin: readOnly },
    {
      type: 'row',
      fields: [
        { name: 'outlet', type: 'relationship', relationTo: 'outlets', required: true, index: true, label: { es: 'Medio', en: 'Outlet' }, admin: { ...readOnly, width: '50%' } },
        { name: 'source', type: 'relationship', relationTo: 'monitor-sources', label: { es: 'Canal', en: 'Source' }, admin: { ...readOnly, width: '50%' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'publishedAt',
          type: 'date',
          label: { es: 'Publicada', en: 'Published' },
          admin: { ...readOnly, width: '50%', date: { pickerAppearance: 'dayAndTime' }, description: { es: 'Como la fecha la da el medio; vacía si no la da o no se entiende.', en: 'As the outlet dates it.' } },
        },
        { name: 'firstSeenAt', type: 'date', required: true, index: true, label: { es: 'Vista por primera vez', en: 'First seen' }, admin: { ...readOnly, width: '50%', date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    { name: 'mentioned', type: 'checkbox', defaultValue: false, index: true, label: { es: 'Menciona al municipio', en: 'Mentions us' }, admin: readOnly },
    { name: 'mentions', type: 'json', label: { es: 'Menciones', en: 'Mentions' }, admin: readOnly },
    {
      name: 'department',
      type: 'relationship',
      relationTo: 'departments',
      index: true,
      label: { es: 'Dependencia', en: 'Department' },
      admin: { description: { es: 'La que menciona la nota; cámbiela si corresponde a otra.', en: 'The department it concerns.' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'tone',
          type: 'select',
          label: { es: 'Tono', en: 'Tone' },
          options: [
            { value: 'positiva', label: { es: 'Positiva', en: 'Positive' } },
            { value: 'neutral', label: { es: 'Neutral', en: 'Neutral' } },
            { value: 'negativa', label: { es: 'Negativa', en: 'Negative' } },
          ],
          admin: { width: '50%' },
        },
        {
          name: 'relevance',
          type: 'select',
          required: true,
          defaultValue: 'unreviewed',
          index: true,
          label: { es: '¿Va en la síntesis?', en: 'Relevance' },
          options: [
            { value: 'unreviewed', label: { es: 'Sin revisar (va si menciona al municipio)', en: 'Unreviewed' } },
            { value: 'relevant', label: { es: 'Relevante: va en la síntesis', en: 'Relevant' } },
            { value: 'not-relevant', label: { es: 'No relevante: no va', en: 'Not relevant' } },
          ],
          admin: { width: '50%' },
        },
      ],
    },
    {
      name: 'pickedUp',
      type: 'relationship',
      relationTo: 'bulletins',
      label: { es: 'Retoma nuestro boletín', en: 'Picks up our bulletin' },
      admin: { readOnly: true, condition: (data) => Boolean(data?.pickedUp), description: { es: 'El texto de la nota coincide con este boletín.', en: 'The item reproduces this bulletin.' } },
    },
    { name: 'reviewedBy', type: 'relationship', relationTo: 'users', label: { es: 'Revisó', en: 'Reviewed by' }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'reviewedAt', type: 'date', label: { es: 'Revisada el', en: 'Reviewed at' }, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
