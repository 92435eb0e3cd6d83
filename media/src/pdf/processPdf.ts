import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib'
import { MediaError } from '../MediaError'
import { activeContentOf } from './activeContentOf'
import { measureStreams } from './measureStreams'
import { stripPdfMetadata } from './stripPdfMetadata'

export interface PdfLimits {
  /** Most pages a document may have. */
  maxPages: number
  /** Most bytes all its streams may decode to, together: a "decompression bomb" guard. */
  maxInflatedBytes: number
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 500, maxInflatedBytes: 200 * 1024 * 1024 }

export interface ProcessedPdf {
  /** The file to store: re-saved without metadata, or the upload itself when there was nothing to remove. */
  data: Buffer
  pageCount: number
}

/**
 * The document pipeline after intake: a PDF is stored only if it parses, has a sane number of pages,
 * decodes to a bounded size and carries nothing that runs by itself (scripts, programs, form submissions,
 * attachments, multimedia). It is stored without its author, software and dates (information dictionary,
 * XMP), as a citizen downloading it should not learn who in the office wrote it.
 */
export async function processPdf(data: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<ProcessedPdf> {
  // Before pdf-lib: its parser inflates object streams in full, whatever they hold.
  await measureStreams(data, limits.maxInflatedBytes)
  let document: PDFDocument
  try {
    document = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false })
  } catch (cause) {
    throw invalid(cause)
  }
  if (document.isEncrypted) {
    throw new MediaError(
      'MEDIA_PDF_ENCRYPTED',
      'El PDF está protegido con contraseña o cifrado, y así no se puede revisar: ábrelo y expórtalo de nuevo sin protección con «Imprimir a PDF».',
    )
  }
  const pageCount = readOrRefuse(() => countPages(document, limits.maxPages))
  if (pageCount === 0) throw invalid()
  if (pageCount > limits.maxPages) {
    throw new MediaError(
      'MEDIA_PDF_TOO_MANY_PAGES',
      `El PDF tiene más de ${limits.maxPages} páginas, el máximo: divídelo en varios documentos y súbelos por separado.`,
    )
  }
  const active = readOrRefuse(() => activeContentOf(document))
  if (active.length > 0) {
    throw new MediaError(
      'MEDIA_PDF_ACTIVE_CONTENT',
      `El PDF contiene ${listOf(active)}, y por seguridad no se publica: ábrelo y vuelve a exportarlo con «Imprimir a PDF» o «Guardar como PDF» (así queda solo el texto y las imágenes) y sube ese archivo.`,
    )
  }
  const isRewritten = readOrRefuse(() => stripPdfMetadata(document)) || hasOlderRevisions(data)
  if (!isRewritten) return { data, pageCount }
  try {
    const saved = await document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })
    return { data: Buffer.from(saved), pageCount }
  } catch (cause) {
    throw invalid(cause)
  }
}

/** Leaves of the page tree, counted without trusting /Count and without looping on a cyclic tree. */
function countPages(document: PDFDocument, max: number): number {
  const { context } = document
  const seen = new Set<PDFRef>()
  const pending = [document.catalog.get(PDFName.of('Pages'))]
  let count = 0
  for (let node = pending.pop(); node !== undefined && count <= max; node = pending.pop()) {
    if (node instanceof PDFRef) {
      if (seen.has(node)) continue
      seen.add(node)
    }
    const dict = context.lookup(node)
    if (!(dict instanceof PDFDict)) continue
    const kids = dict.lookup(PDFName.of('Kids'))
    if (kids instanceof PDFArray) pending.push(...kids.asArray())
    else count++
  }
  return count
}

/** Incremental updates keep earlier versions of objects (an author's name, say) in the bytes pdf-lib overrides. */
function hasOlderRevisions(data: Buffer): boolean {
  const text = data.toString('latin1')
  const lastEof = text.lastIndexOf('%%EOF')
  return text.indexOf('startxref') !== text.lastIndexOf('startxref') || text.slice(lastEof + 5).trim() !== ''
}

/** pdf-lib reads a damaged structure (no catalog, a page tree of numbers) as TypeErrors: the file is unreadable. */
function readOrRefuse<T>(read: () => T): T {
  try {
    return read()
  } catch (cause) {
    throw invalid(cause)
  }
}

function listOf(items: string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} y ${items.at(-1)}`
}

function invalid(cause?: unknown): MediaError {
  return new MediaError(
    'MEDIA_PDF_INVALID',
    'El PDF está dañado o no se puede leer: ábrelo en tu equipo y expórtalo de nuevo con «Imprimir a PDF».',
    { cause },
  )
}
