import type { Payload, PayloadRequest } from 'payload'
import { slugify } from '@pregon/core/slugify'
import type { User } from '../payload-types'
import { parsePressContactsCsv, type ImportMerge, type ImportRejection } from './parsePressContactsCsv'

export interface ImportReport {
  file: string | null
  /** Data lines read (the header excluded). */
  lines: number
  created: number
  updated: number
  merged: ImportMerge[]
  rejected: ImportRejection[]
  /** Lines imported with something to know: a contact who unsubscribed stays unsubscribed. */
  notes: ImportRejection[]
  ignoredColumns: string[]
}

const key = (value: string) => slugify(value)

/**
 * Imports press contacts from a CSV as `user` (with their access): new addresses are created, known ones
 * updated (lists and beats added, never removed), and every line that could not be used is reported with
 * its number and reason. A contact who unsubscribed or bounced is never reactivated by an import.
 */
export async function importPressContacts({
  payload,
  user,
  csv,
  file = null,
  req,
}: {
  payload: Payload
  user: User
  csv: string | Buffer
  file?: string | null
  req?: Partial<PayloadRequest>
}): Promise<ImportReport> {
  const parsed = parsePressContactsCsv(csv)
  const report: ImportReport = { file, lines: parsed.dataLines, created: 0, updated: 0, merged: parsed.merged, rejected: [...parsed.rejected], notes: [], ignoredColumns: parsed.ignoredColumns }
  const access = { overrideAccess: false as const, user, ...(req ? { req } : {}) }

  const lists = await payload.find({ collection: 'mailing-lists', depth: 0, pagination: false, ...access })
  const listIds = new Map<string, number>()
  for (const list of lists.docs) {
    if (list.audience !== 'press') continue
    listIds.set(key(list.name), list.id)
    if (list.slug) listIds.set(key(list.slug), list.id)
  }
  const departments = await payload.find({ collection: 'departments', depth: 0, pagination: false, ...access })
  const departmentIds = new Map<string, number>()
  for (const department of departments.docs) {
    departmentIds.set(key(department.name), department.id)
    if (department.slug) departmentIds.set(key(department.slug), department.id)
  }

  const now = new Date()
  for (const row of parsed.rows) {
    const unknownLists = row.lists.filter((name) => !listIds.has(key(name)))
    if (unknownLists.length > 0) {
      report.rejected.push({ line: row.line, code: 'IMPORT_LIST_UNKNOWN', reason: `No existe la lista de prensa ${unknownLists.map((n) => `«${n}»`).join(', ')}: créala antes o corrige el nombre.` })
      continue
    }
    const unknownBeats = row.beats.filter((name) => !departmentIds.has(key(name)))
    if (unknownBeats.length > 0) {
      report.rejected.push({ line: row.line, code: 'IMPORT_BEAT_UNKNOWN', reason: `No existe la dependencia ${unknownBeats.map((n) => `«${n}»`).join(', ')}.` })
      continue
    }
    const rowLists = row.lists.map((name) => listIds.get(key(name))!)
    const rowBeats = row.beats.map((name) => departmentIds.get(key(name))!)
    try {
      const existing = (await payload.find({ collection: 'press-contacts', where: { email: { equals: row.email } }, depth: 0, limit: 1, ...access })).docs[0]
      if (existing) {
        const ids = (values: unknown[] | null | undefined) => (values ?? []).map((v) => (typeof v === 'object' && v ? (v as { id: number }).id : (v as number)))
        await payload.update({
          collection: 'press-contacts',
          id: existing.id,
          data: {
            name: row.name,
            ...(row.outlet ? { outlet: row.outlet } : {}),
            ...(row.phone ? { phone: row.phone } : {}),
            lists: [...new Set([...ids(existing.lists), ...rowLists])],
            beats: [...new Set([...ids(existing.beats), ...rowBeats])],
            ...(existing.consent?.at ? {} : { consent: consentOf(row, file, now) }),
          },
          ...access,
        })
        report.updated++
        if (existing.status !== 'active') {
          report.notes.push({
            line: row.line,
            code: 'IMPORT_CONTACT_NOT_ACTIVE',
            reason: `${row.email} ${existing.status === 'bounced' ? 'rebotó' : 'se dio de baja'}: se actualizaron sus datos, pero no recibirá boletines.`,
          })
        }
      } else {
        await payload.create({
          collection: 'press-contacts',
          data: { name: row.name, email: row.email, outlet: row.outlet, phone: row.phone, lists: rowLists, beats: rowBeats, status: 'active', consent: consentOf(row, file, now) },
          ...access,
        })
        report.created++
      }
    } catch (error) {
      report.rejected.push({ line: row.line, code: 'IMPORT_SAVE_FAILED', reason: `No se pudo guardar ${row.email}: ${(error as Error).message}` })
    }
  }
  report.rejected.sort((a, b) => a.line - b.line)
  return report
}

/** Consent as the file states it; without a date, the import itself is recorded as the source. */
function consentOf(row: { consentAt?: Date; consentSource?: string }, file: string | null, now: Date) {
  return {
    at: (row.consentAt ?? now).toISOString(),
    source: row.consentSource ?? `Importación CSV${file ? ` (${file})` : ''}${row.consentAt ? '' : '; fecha de la importación'}`,
  }
}
