import type { CollectionConfig } from 'payload'
import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { auditExportEndpoint } from '../audit/auditExportEndpoint'

// Stored verbs and states (`approve`, `in_review`) read as the admin's Spanish labels in the list.
const ACTION_CELL = '/components/AuditCells#ActionCell'
const STATE_CELL = '/components/AuditCells#StateCell'

/**
 * The record: one row per workflow step, append-only. Only the workflow service writes it (as the system,
 * inside the transaction of the step). No API updates or deletes it, and a database trigger (see the
 * migration) refuses UPDATE, DELETE and TRUNCATE even from the application's own database user.
 * Actors are copied (id, name, email) rather than related, so the row never changes with the user.
 */
export const AuditLog: CollectionConfig = {
  slug: 'audit-log',
  labels: { singular: { es: 'Registro', en: 'Audit entry' }, plural: { es: 'Registro de actividad', en: 'Audit log' } },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['at', 'actorName', 'action', 'itemTitle', 'fromState', 'toState'],
    group: { es: 'Administración', en: 'Administration' },
  },
  defaultSort: '-at',
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  timestamps: false,
  endpoints: [auditExportEndpoint],
  lockDocuments: false,
  fields: [
    { name: 'at', type: 'date', required: true, index: true, label: { es: 'Fecha', en: 'At' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'summary', type: 'text', required: true, label: { es: 'Resumen', en: 'Summary' } },
    { name: 'actorId', type: 'text', label: { es: 'Id de la persona', en: 'Actor id' } },
    { name: 'actorName', type: 'text', label: { es: 'Persona', en: 'Actor' } },
    { name: 'actorEmail', type: 'text', label: { es: 'Correo de la persona', en: 'Actor email' } },
    { name: 'actorRole', type: 'text', label: { es: 'Rol', en: 'Role' } },
    { name: 'action', type: 'text', required: true, index: true, label: { es: 'Acción', en: 'Action' }, admin: { components: { Cell: ACTION_CELL } } },
    { name: 'itemCollection', type: 'text', required: true, label: { es: 'Tipo de contenido', en: 'Collection' } },
    { name: 'itemId', type: 'text', required: true, index: true, label: { es: 'Id del contenido', en: 'Item id' } },
    { name: 'itemTitle', type: 'text', label: { es: 'Título', en: 'Title' } },
    { name: 'fromState', type: 'text', label: { es: 'Estado anterior', en: 'From' }, admin: { components: { Cell: STATE_CELL } } },
    { name: 'toState', type: 'text', label: { es: 'Estado nuevo', en: 'To' }, admin: { components: { Cell: STATE_CELL } } },
    { name: 'versionHash', type: 'text', label: { es: 'Huella de la versión', en: 'Version hash' } },
    { name: 'reason', type: 'textarea', label: { es: 'Motivo', en: 'Reason' } },
    { name: 'channels', type: 'json', label: { es: 'Canales', en: 'Channels' } },
  ],
}
