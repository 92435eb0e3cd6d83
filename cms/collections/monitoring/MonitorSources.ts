import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'
import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { webAddress } from './Outlets'

const readOnlyDate = { readOnly: true, date: { pickerAppearance: 'dayAndTime' as const } }

/** A new or changed address is read from scratch at the next sweep: no validators of the old one, no backoff. */
const freshStartOnNewAddress: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation === 'create' || (originalDoc && data.url !== undefined && data.url !== originalDoc.url)) {
    return { ...data, etag: null, lastModified: null, nextPollAt: null, failures: 0, health: 'new', lastError: null }
  }
  return data
}

/**
 * An outlet's RSS/Atom feed or sitemap, read by the worker every `intervalMinutes` (monitoring/pollSources).
 * What the worker last saw is kept here so each source's problem is told on its own, in Spanish, and a
 * broken source never stops the others.
 */
export const MonitorSources: CollectionConfig = {
  slug: 'monitor-sources',
  labels: { singular: { es: 'Canal de noticias', en: 'News source' }, plural: { es: 'Canales de noticias', en: 'News sources' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'outlet', 'health', 'lastSuccessAt', 'lastError'],
    group: { es: 'Monitoreo de medios', en: 'Media monitoring' },
    listSearchableFields: ['name', 'url'],
    description: {
      es: 'Los canales RSS/Atom o sitemaps de los medios. Pregón los revisa solo, con respeto (una petición a la vez por sitio y solo lo nuevo).',
      en: 'Feeds and sitemaps polled by the worker.',
    },
  },
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  hooks: { beforeChange: [freshStartOnNewAddress] },
  fields: [
    { name: 'name', type: 'text', required: true, label: { es: 'Nombre', en: 'Name' }, admin: { description: { es: '«El Debate: Sinaloa», «Línea Directa: portada».', en: 'Name.' } } },
    { name: 'outlet', type: 'relationship', relationTo: 'outlets', required: true, index: true, label: { es: 'Medio', en: 'Outlet' } },
    {
      name: 'url',
      type: 'text',
      required: true,
      unique: true,
      label: { es: 'Dirección del canal (RSS, Atom o sitemap)', en: 'Feed URL' },
      validate: webAddress,
      admin: { description: { es: 'Suele terminar en /feed/, /rss o sitemap.xml. Si la dirección cambia, se vuelve a leer desde cero.', en: 'Feed or sitemap URL.' } },
    },
    { name: 'active', type: 'checkbox', defaultValue: true, label: { es: 'Revisar este canal', en: 'Active' }, admin: { position: 'sidebar' } },
    {
      name: 'intervalMinutes',
      type: 'number',
      required: true,
      defaultValue: 30,
      min: 5,
      max: 1440,
      label: { es: 'Revisar cada (minutos)', en: 'Interval (minutes)' },
      admin: { position: 'sidebar' },
    },
    {
      name: 'health',
      type: 'select',
      defaultValue: 'new',
      index: true,
      label: { es: 'Estado', en: 'Health' },
      options: [
        { value: 'new', label: { es: 'Sin revisar aún', en: 'Not read yet' } },
        { value: 'ok', label: { es: 'Funciona', en: 'OK' } },
        { value: 'error', label: { es: 'Con error', en: 'Error' } },
      ],
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'lastError', type: 'textarea', label: { es: 'Último error', en: 'Last error' }, admin: { readOnly: true, condition: (data) => Boolean(data?.lastError) } },
    { name: 'notes', type: 'textarea', label: { es: 'Avisos de la última lectura', en: 'Notes' }, admin: { readOnly: true, condition: (data) => Boolean(data?.notes) } },
    {
      type: 'row',
      fields: [
        { name: 'lastPolledAt', type: 'date', label: { es: 'Última revisión', en: 'Last poll' }, admin: { ...readOnlyDate, width: '33%' } },
        { name: 'lastSuccessAt', type: 'date', label: { es: 'Última lectura correcta', en: 'Last success' }, admin: { ...readOnlyDate, width: '33%' } },
        { name: 'nextPollAt', type: 'date', index: true, label: { es: 'Próxima revisión', en: 'Next poll' }, admin: { ...readOnlyDate, width: '33%' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'failures', type: 'number', defaultValue: 0, label: { es: 'Fallas seguidas', en: 'Consecutive failures' }, admin: { readOnly: true, width: '33%' } },
        { name: 'itemsLastPoll', type: 'number', label: { es: 'Notas nuevas en la última lectura', en: 'New items last poll' }, admin: { readOnly: true, width: '33%' } },
        { name: 'notModifiedCount', type: 'number', defaultValue: 0, label: { es: 'Lecturas sin cambios (304)', en: 'Not-modified answers' }, admin: { readOnly: true, width: '33%' } },
      ],
    },
    // The validators the outlet's server gave: sent back so an unchanged feed costs it a 304, not the body.
    { name: 'etag', type: 'text', admin: { hidden: true } },
    { name: 'lastModified', type: 'text', admin: { hidden: true } },
  ],
}
