import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { PregonError } from '@pregon/core/PregonError'
import { QUEUES } from '@pregon/core/queues'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { transactionDb } from '../db/transactionDb'
import { toApiError } from '../http/errorReply'
import { petitionEndpoints } from '../petitions/petitionEndpoints'
import { PETITION_CHANNELS, PETITION_STATES, type PetitionState } from '../petitions/petitionStates'

/** Days a department has to attend a petition once turned, unless staff set another date. */
export const DEFAULT_DAYS_TO_ATTEND = 10

const refuse = (code: string, message: string) => toApiError(new PregonError({ code, message, kind: 'invalid' }))
const rank = (state: PetitionState) => PETITION_STATES.findIndex((s) => s.value === state)
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: number }).id : (value as number | null | undefined)) ?? null

/**
 * A petition's life: a folio from its own sequence at creation («PET-2026-00042», never reused); states only move
 * forward (recibida → turnada → atendida → cerrada; turning it again to another department is allowed); turning
 * needs a department and sets the due date; attending or closing needs what was done. Every step is kept in
 * `history` with who and when.
 */
const followLifecycle: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  const now = new Date()
  const next = { ...data }
  if (operation === 'create') {
    const db = await transactionDb(req)
    const { rows } = (await db.execute(sql`SELECT nextval('petition_folio_seq') AS n`)) as unknown as { rows: { n: string }[] }
    next.folio = `PET-${now.getFullYear()}-${String(rows[0]!.n).padStart(5, '0')}`
    next.state = 'recibida'
    next.receivedAt = now.toISOString()
    next.history = [{ state: 'recibida', at: now.toISOString(), by: req.user ? (req.user as { name?: string }).name ?? req.user.email : 'Portal ciudadano' }]
    if (!req.user) next.channel = 'portal'
    return next
  }
  const before = (originalDoc?.state ?? 'recibida') as PetitionState
  const after = (next.state ?? before) as PetitionState
  const department = idOf(next.department !== undefined ? next.department : originalDoc?.department)
  if (rank(after) < rank(before)) throw refuse('PETITION_STATE_BACKWARDS', `Una petición ${label(before)} no puede volver a «${label(after)}». Si hay que reabrirla, registre una petición nueva que cite este folio.`)
  if (rank(after) >= rank('turnada') && department === null) throw refuse('PETITION_NEEDS_DEPARTMENT', 'Para turnar la petición elija la dependencia que debe atenderla.')
  const response = next.response !== undefined ? next.response : originalDoc?.response
  if (rank(after) >= rank('atendida') && !String(response ?? '').trim()) throw refuse('PETITION_NEEDS_RESPONSE', 'Escriba en «Qué se hizo» cómo se atendió la petición antes de marcarla como atendida o cerrada.')
  const turnedAgain = after === 'turnada' && department !== idOf(originalDoc?.department)
  if (after !== before || turnedAgain) {
    const by = req.user ? ((req.user as { name?: string }).name ?? req.user.email) : 'Pregón'
    next.history = [...((originalDoc?.history as unknown[]) ?? []), { state: after, at: now.toISOString(), by, ...(turnedAgain || after === 'turnada' ? { department } : {}) }]
    if (after === 'turnada') {
      next.turnedAt = now.toISOString()
      if (!next.dueDate && !originalDoc?.dueDate) next.dueDate = new Date(now.getTime() + DEFAULT_DAYS_TO_ATTEND * 86_400_000).toISOString()
    }
    if (after === 'atendida') next.attendedAt = now.toISOString()
    if (after === 'cerrada') {
      next.closedAt = now.toISOString()
      next.attendedAt ??= originalDoc?.attendedAt ?? now.toISOString()
    }
  }
  return next
}

const label = (state: PetitionState) => PETITION_STATES.find((s) => s.value === state)?.label ?? state

/** Turning a petition (or turning it again elsewhere) emails the department's contact, from the worker. */
const tellTheDepartment: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.state !== 'turnada') return doc
  if (previousDoc?.state === 'turnada' && idOf(previousDoc.department) === idOf(doc.department)) return doc
  await enqueueInTransaction(req, [{ queue: QUEUES.notifyDepartment, data: { petitionId: doc.id, turn: (doc.history as unknown[] | null)?.length ?? 0 } }])
  return doc
}

/**
 * Citizens' petitions: from the portal's form (no account, no JavaScript) or captured by staff from networks.
 * Personal data is the least a department needs to answer (name and one way to reach them, both optional) and
 * is staff-only; the citizen follows the petition by folio, which shows its state and dates, nothing personal.
 */
export const Petitions: CollectionConfig = {
  slug: 'petitions',
  labels: { singular: { es: 'Petición ciudadana', en: 'Petition' }, plural: { es: 'Peticiones ciudadanas', en: 'Petitions' } },
  admin: {
    useAsTitle: 'folio',
    defaultColumns: ['folio', 'summary', 'department', 'state', 'dueDate', 'channel'],
    group: { es: 'Atención ciudadana', en: 'Citizens' },
    listSearchableFields: ['folio', 'text'],
    description: { es: 'Turne cada petición a la dependencia que debe atenderla: se le avisa por correo. La persona sigue su petición con el folio.', en: 'Route each petition.' },
  },
  defaultSort: '-receivedAt',
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  endpoints: petitionEndpoints,
  hooks: { beforeChange: [followLifecycle], afterChange: [tellTheDepartment] },
  fields: [
    { name: 'folio', type: 'text', unique: true, index: true, label: { es: 'Folio', en: 'Folio' }, admin: { readOnly: true, description: { es: 'Se asigna al registrarla.', en: 'Assigned on creation.' } } },
    {
      name: 'channel',
      type: 'select',
      required: true,
      defaultValue: 'facebook',
      label: { es: 'Por dónde llegó', en: 'Channel' },
      options: PETITION_CHANNELS.map(({ value, label }) => ({ value, label: { es: label, en: value } })),
    },
    { name: 'link', type: 'text', label: { es: 'Enlace a la publicación o mensaje', en: 'Link' }, admin: { condition: (data) => data?.channel !== 'portal', description: { es: 'Si llegó por una red social: la dirección del comentario o mensaje.', en: 'Post URL.' } } },
    { name: 'summary', type: 'text', required: true, maxLength: 140, label: { es: 'Asunto', en: 'Subject' }, admin: { description: { es: 'En pocas palabras: «Fuga de agua en calle Hidalgo».', en: 'Short subject.' } } },
    { name: 'text', type: 'textarea', required: true, maxLength: 4000, label: { es: 'Petición', en: 'Petition' } },
    { name: 'place', type: 'text', maxLength: 200, label: { es: 'Lugar (colonia, calle)', en: 'Place' } },
    {
      type: 'collapsible',
      label: { es: 'Datos de contacto (datos personales)', en: 'Contact (personal data)' },
      admin: { description: { es: 'Opcionales. Solo los ve la oficina y la dependencia que atiende; están cubiertos por el aviso de privacidad.', en: 'Optional, staff only.' } },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', maxLength: 120, label: { es: 'Nombre', en: 'Name' }, admin: { width: '33%' } },
            { name: 'email', type: 'email', label: { es: 'Correo', en: 'Email' }, admin: { width: '33%' } },
            { name: 'phone', type: 'text', maxLength: 30, label: { es: 'Teléfono', en: 'Phone' }, admin: { width: '33%' } },
          ],
        },
        { name: 'privacyNoticeVersion', type: 'text', label: { es: 'Versión del aviso de privacidad aceptada', en: 'Privacy notice version' }, admin: { readOnly: true, condition: (data) => Boolean(data?.privacyNoticeVersion) } },
      ],
    },
    { name: 'department', type: 'relationship', relationTo: 'departments', index: true, label: { es: 'Dependencia que atiende', en: 'Department' }, admin: { position: 'sidebar' } },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'recibida',
      index: true,
      label: { es: 'Estado', en: 'State' },
      options: PETITION_STATES.map(({ value, label }) => ({ value, label: { es: label, en: value } })),
      admin: { position: 'sidebar', description: { es: 'Recibida → Turnada (se avisa a la dependencia) → Atendida → Cerrada.', en: 'Lifecycle.' } },
    },
    { name: 'dueDate', type: 'date', label: { es: 'Fecha compromiso', en: 'Due date' }, admin: { position: 'sidebar', date: { pickerAppearance: 'dayOnly' }, description: { es: `Al turnar, ${DEFAULT_DAYS_TO_ATTEND} días si no se elige otra.`, en: 'Due date.' } } },
    { name: 'response', type: 'textarea', maxLength: 4000, label: { es: 'Qué se hizo', en: 'Response' }, admin: { description: { es: 'Obligatorio para marcarla atendida o cerrada. Uso interno: no se publica.', en: 'Internal.' } } },
    {
      type: 'row',
      fields: [
        { name: 'receivedAt', type: 'date', index: true, label: { es: 'Recibida', en: 'Received' }, admin: { readOnly: true, width: '25%', date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'turnedAt', type: 'date', label: { es: 'Turnada', en: 'Turned' }, admin: { readOnly: true, width: '25%', date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'attendedAt', type: 'date', label: { es: 'Atendida', en: 'Attended' }, admin: { readOnly: true, width: '25%', date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'closedAt', type: 'date', label: { es: 'Cerrada', en: 'Closed' }, admin: { readOnly: true, width: '25%', date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    { name: 'history', type: 'json', label: { es: 'Historial', en: 'History' }, admin: { readOnly: true } },
    { name: 'departmentNotice', type: 'textarea', label: { es: 'Aviso a la dependencia', en: 'Department notice' }, admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.departmentNotice) } },
  ],
}
