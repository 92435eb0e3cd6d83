import { PregonError } from '@pregon/core/PregonError'
import { parse } from 'csv-parse/sync'
import { z } from 'zod'

/**
 * Pure part of the directory import: reads the CSV, names every line it cannot use and why, and merges
 * repeated addresses. Nothing is dropped silently: each data line ends up imported, merged or rejected.
 */

export interface ImportRejection {
  line: number
  code: string
  reason: string
}

export interface ImportMerge {
  line: number
  email: string
  /** The earlier line of the same file this one was merged into. */
  mergedIntoLine: number
}

export interface ContactRow {
  line: number
  email: string
  name: string
  outlet?: string
  phone?: string
  lists: string[]
  beats: string[]
  consentAt?: Date
  consentSource?: string
}

export interface ParsedCsv {
  rows: ContactRow[]
  rejected: ImportRejection[]
  merged: ImportMerge[]
  ignoredColumns: string[]
  dataLines: number
}

/** A file that cannot be imported at all (unreadable, empty, without the columns it needs): 422. */
export class ImportError extends PregonError {
  constructor(code: string, message: string) {
    super({ code, kind: 'invalid', message })
    this.name = 'ImportError'
  }
}

type Field = Exclude<keyof ContactRow, 'line'>

const normalize = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_')

const HEADERS: Record<string, Field> = {
  nombre: 'name',
  name: 'name',
  nombre_completo: 'name',
  correo: 'email',
  correo_electronico: 'email',
  email: 'email',
  e_mail: 'email',
  medio: 'outlet',
  outlet: 'outlet',
  telefono: 'phone',
  phone: 'phone',
  listas: 'lists',
  lista: 'lists',
  lists: 'lists',
  fuentes: 'beats',
  beats: 'beats',
  dependencias: 'beats',
  consentimiento_fecha: 'consentAt',
  fecha_consentimiento: 'consentAt',
  consent_at: 'consentAt',
  consentimiento_origen: 'consentSource',
  origen_consentimiento: 'consentSource',
  consent_source: 'consentSource',
}

const emailSchema = z.email()

/** 2026-11-23, 23/11/2026 (as Mexican spreadsheets write it) or an ISO timestamp. */
export function parseConsentDate(value: string): Date | null {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : value
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return null
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)
  if (Number.isNaN(date.getTime()) || date.getTime() > Date.now() + 24 * 60 * 60 * 1000) return null
  // 31/02 must not roll over into March.
  return iso.length > 10 || date.toISOString().slice(0, 10) === iso ? date : null
}

function malformedReason(code: string | undefined): string {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'Una comilla (") abre un texto y no lo cierra; revisa esta línea y las siguientes.'
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'Hay texto pegado a una comilla de cierre ("); separa los campos con comas.'
  return `La línea no es CSV válido (${code ?? 'error de formato'}).`
}

const splitList = (value: string) =>
  value
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter(Boolean)

export function parsePressContactsCsv(input: string | Buffer): ParsedCsv {
  const rejected: ImportRejection[] = []
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(input, {
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) rejected.push({ line: Number(error.lines), code: 'IMPORT_LINE_MALFORMED', reason: malformedReason(error.code) })
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
  } catch (error) {
    throw new ImportError('IMPORT_CSV_UNREADABLE', `El archivo no se pudo leer como CSV: ${(error as Error).message}`)
  }
  const [header, ...data] = records
  if (!header) throw new ImportError('IMPORT_CSV_EMPTY', 'El archivo está vacío: debe tener una fila de encabezados (nombre, correo, …) y al menos un contacto.')
  const columns = header.record.map((title) => HEADERS[normalize(title)] ?? null)
  const ignoredColumns = header.record.filter((_, i) => columns[i] === null)
  if (!columns.includes('email')) {
    throw new ImportError('IMPORT_NO_EMAIL_COLUMN', 'Falta la columna «correo» en la primera fila (encabezados). Columnas aceptadas: nombre, correo, medio, telefono, listas, fuentes, consentimiento_fecha, consentimiento_origen.')
  }
  if (!columns.includes('name')) {
    throw new ImportError('IMPORT_NO_NAME_COLUMN', 'Falta la columna «nombre» en la primera fila (encabezados).')
  }

  const rows: ContactRow[] = []
  const merged: ImportMerge[] = []
  const byEmail = new Map<string, ContactRow>()
  for (const { record, info } of data) {
    const line = info.lines
    const cell = (field: Field) => {
      const index = columns.indexOf(field)
      return index >= 0 ? (record[index] ?? '').trim() : ''
    }
    if (record.every((value) => value.trim() === '')) continue
    const email = cell('email').toLowerCase()
    const name = cell('name')
    if (!email) {
      rejected.push({ line, code: 'IMPORT_EMAIL_MISSING', reason: 'Falta el correo electrónico.' })
      continue
    }
    if (!emailSchema.safeParse(email).success) {
      rejected.push({ line, code: 'IMPORT_EMAIL_INVALID', reason: `«${cell('email')}» no es un correo electrónico válido.` })
      continue
    }
    if (!name) {
      rejected.push({ line, code: 'IMPORT_NAME_MISSING', reason: `Falta el nombre de ${email}.` })
      continue
    }
    const consentText = cell('consentAt')
    const consentAt = consentText ? parseConsentDate(consentText) : undefined
    if (consentAt === null) {
      rejected.push({ line, code: 'IMPORT_CONSENT_DATE_INVALID', reason: `La fecha de consentimiento «${consentText}» no es válida: usa AAAA-MM-DD o DD/MM/AAAA, no en el futuro.` })
      continue
    }
    const row: ContactRow = {
      line,
      email,
      name,
      outlet: cell('outlet') || undefined,
      phone: cell('phone') || undefined,
      lists: splitList(cell('lists')),
      beats: splitList(cell('beats')),
      consentAt,
      consentSource: cell('consentSource') || undefined,
    }
    const earlier = byEmail.get(email)
    if (earlier) {
      // The same person twice: one contact, with every list and beat either line named.
      earlier.lists = [...new Set([...earlier.lists, ...row.lists])]
      earlier.beats = [...new Set([...earlier.beats, ...row.beats])]
      earlier.outlet ??= row.outlet
      earlier.phone ??= row.phone
      earlier.consentAt ??= row.consentAt
      earlier.consentSource ??= row.consentSource
      merged.push({ line, email, mergedIntoLine: earlier.line })
      continue
    }
    byEmail.set(email, row)
    rows.push(row)
  }
  rejected.sort((a, b) => a.line - b.line)
  return { rows, rejected, merged, ignoredColumns, dataLines: data.length + rejected.filter((r) => r.code === 'IMPORT_LINE_MALFORMED').length }
}
