import { createHash } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { zipSync, type Zippable } from 'fflate'
import { csvSafeCast } from '@pregon/core/csvSafe'
import { auditToCsv } from '../audit/auditExport'
import type { AuditLog } from '../payload-types'
import type { ExpedienteRow } from './readExpediente'

export const MANIFEST = 'manifiesto.txt'
export const README = 'LEEME.txt'

const FOLDER: Record<Exclude<ExpedienteRow['kind'], 'social-post'>, { dir: string; ext: string }> = {
  page: { dir: 'paginas', ext: 'html' },
  'feed-item': { dir: 'rss', ext: 'xml' },
  mailing: { dir: 'correos', ext: 'eml' },
}

export const POST_COLUMNS = ['fecha', 'red', 'cuenta', 'id', 'url', 'texto', 'imagenSha256', 'versionHash', 'sha256'] as const

export interface ExpedienteItem {
  collection: 'bulletins' | 'programs'
  id: number
  title: string
  slug: string
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
/** 2026-12-02T10:15:00.000Z → 2026-12-02_101500 (UTC, sorts by time, safe in every file system). */
const stampOf = (at: Date) => at.toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '')

/**
 * The expediente of one item as the files of a ZIP: what went out (pages, feed items, mail copies, as kept),
 * its posts (CSV and JSON), its record (CSV and JSON, the audit export's conventions), a manifest of every
 * file's SHA-256 in `sha256sum` format, and a note saying how to check it.
 */
export function expedienteFiles({ item, rows, audit, generatedAt }: { item: ExpedienteItem; rows: ExpedienteRow[]; audit: AuditLog[]; generatedAt: Date }): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  const text = (value: string) => new TextEncoder().encode(value)
  for (const row of rows) {
    if (row.kind === 'social-post' || !row.body) continue
    const { dir, ext } = FOLDER[row.kind]
    let name = `${dir}/${stampOf(row.recordedAt)}-${row.sha256.slice(0, 8)}.${ext}`
    if (files.has(name)) name = `${dir}/${stampOf(row.recordedAt)}-${row.sha256.slice(0, 8)}-${row.id}.${ext}`
    files.set(name, new Uint8Array(row.body))
  }
  const posts = rows
    .filter((row) => row.kind === 'social-post')
    .map((row) => ({
      fecha: row.recordedAt.toISOString(),
      red: row.channel,
      cuenta: row.account ?? '',
      id: row.remoteId ?? '',
      url: row.url ?? '',
      texto: row.text ?? '',
      imagenSha256: row.imageSha256 ?? '',
      versionHash: row.versionHash ?? '',
      sha256: row.sha256,
    }))
  files.set('publicaciones.csv', text(stringify(posts.map((post) => POST_COLUMNS.map((column) => post[column])), { header: true, columns: [...POST_COLUMNS], bom: true, cast: csvSafeCast })))
  files.set('publicaciones.json', text(`${JSON.stringify(posts, null, 2)}\n`))
  files.set('registro.csv', text(auditToCsv(audit)))
  files.set('registro.json', text(`${JSON.stringify(audit, null, 2)}\n`))
  files.set(README, text(readme({ item, generatedAt, counts: countsOf(rows) })))
  const manifest = [...files].map(([name, bytes]) => `${sha256(bytes)}  ${name}\n`).join('')
  files.set(MANIFEST, text(manifest))
  return files
}

/** The files as one ZIP, each dated as the expediente was generated. */
export function zipExpediente(files: Map<string, Uint8Array>, generatedAt: Date): Uint8Array {
  const zippable: Zippable = {}
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime: generatedAt }]
  return zipSync(zippable, { level: 6 })
}

function countsOf(rows: ExpedienteRow[]): Record<ExpedienteRow['kind'], number> {
  const counts = { page: 0, 'feed-item': 0, 'social-post': 0, mailing: 0 }
  for (const row of rows) counts[row.kind]++
  return counts
}

function readme({ item, generatedAt, counts }: { item: ExpedienteItem; generatedAt: Date; counts: Record<ExpedienteRow['kind'], number> }): string {
  const noun = item.collection === 'programs' ? 'del programa' : 'del boletín'
  return [
    `Expediente ${noun} «${item.title}» (id ${item.id}, dirección /${item.collection === 'programs' ? 'programas' : 'boletines'}/${item.slug}/)`,
    `Generado por Pregón el ${generatedAt.toISOString()} (hora UTC).`,
    '',
    'Qué es: la copia exacta de lo que se publicó y se envió de este contenido, como comunicación pública que',
    'debe conservarse (Ley General de Archivos). Pregón guarda cada versión distinta una sola vez y no la borra.',
    '',
    `paginas/      la página del portal, tal como se publicó cada vez que cambió (${counts.page}): publicación,`,
    '              correcciones, aviso de retiro, suspensión por veda electoral. Nombre: fecha (UTC) y huella.',
    `rss/          el elemento del canal RSS de cada versión (${counts['feed-item']}).`,
    `correos/      una copia de cada envío a periodistas (${counts.mailing}), en formato de correo (.eml, RFC 822).`,
    '              Va dirigida a la lista y lleva el marcador del enlace de baja en lugar del de cada periodista.',
    `publicaciones.csv / .json  las publicaciones en redes (${counts['social-post']}): red, cuenta, id y enlace que`,
    '              dio la red, el texto exacto y la huella SHA-256 de la imagen enviada.',
    'registro.csv / .json  el registro de actividad del contenido: quién lo envió a revisión, lo aprobó,',
    '              lo publicó, lo corrigió o lo retiró, y cuándo.',
    `${MANIFEST}  la huella SHA-256 de cada archivo de este expediente.`,
    '',
    'Cómo comprobar que nada cambió: descomprima el archivo y, en la carpeta, ejecute',
    '',
    `    sha256sum -c ${MANIFEST}`,
    '',
    'Cada línea debe terminar en «La suma coincide» (o «OK»). En Windows: Get-FileHash -Algorithm SHA256 <archivo>',
    `y compare con la línea del archivo en ${MANIFEST}.`,
    '',
    'La columna sha256 de publicaciones es la huella que Pregón guardó al publicar: la del JSON compacto, con las',
    'claves en orden alfabético y null donde no hay valor, de {"account", "channel", "imageSha256",',
    `"itemCollection": "${item.collection}", "itemId": ${item.id}, "remoteId", "text", "url"} (cuenta, red, huella de la`,
    'imagen, id y enlace que dio la red, texto exacto).',
    '',
  ].join('\r\n')
}
