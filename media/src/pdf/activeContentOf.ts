import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib'

/**
 * What in a PDF can act by itself when it is opened, clicked or filled in: scripts, programs, form
 * submissions, embedded files and multimedia. Every object is read (catalog, pages, annotations, forms,
 * name trees, objects kept in object streams), so nothing hides behind an indirection. Ordinary links (URI,
 * GoTo) and a plain "open at this page" are fine and not listed. Returns a Spanish label per kind found.
 */
export function activeContentOf(document: PDFDocument): string[] {
  const found = new Set<string>()
  const seen = new Set<PDFObject>()
  const visit = (object: PDFObject | undefined, depth: number): void => {
    if (!object || depth > 64 || seen.has(object)) return
    seen.add(object)
    if (object instanceof PDFArray) for (const item of object.asArray()) visit(item, depth + 1)
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream || object instanceof PDFRawStream ? object.dict : undefined
    if (!dict) return
    for (const [key, value] of dict.entries()) {
      const label = KEYS[key.decodeText()] ?? (value instanceof PDFName ? VALUES[`${key.decodeText()}=${value.decodeText()}`] : undefined)
      if (label) found.add(label)
      if (!(value instanceof PDFRef)) visit(value, depth + 1)
    }
  }
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object, 0)
  for (const value of Object.values(document.context.trailerInfo)) if (value && !(value instanceof PDFRef)) visit(value as PDFObject, 0)
  return [...found]
}

const SCRIPTS = 'código JavaScript'
const AUTOMATIC = 'acciones que se ejecutan solas al abrir o recorrer el documento'
const FILES = 'archivos adjuntos'
const FORMS = 'formularios que envían o importan datos'
const PROGRAMS = 'órdenes para abrir programas u otros archivos'
const MULTIMEDIA = 'contenido multimedia interactivo'

/** Keys whose mere presence is active content. */
const KEYS: Record<string, string> = {
  JS: SCRIPTS,
  JavaScript: SCRIPTS,
  AA: AUTOMATIC,
  EmbeddedFiles: FILES,
  EmbeddedFile: FILES,
  EF: FILES,
  RichMediaContent: MULTIMEDIA,
  RichMediaSettings: MULTIMEDIA,
  XFA: FORMS,
}

/** `Key=Value` pairs: an action's kind (/S) or an object's type. */
const VALUES: Record<string, string> = {
  'S=JavaScript': SCRIPTS,
  'S=Launch': PROGRAMS,
  'S=GoToR': PROGRAMS,
  'S=GoToE': FILES,
  'S=SubmitForm': FORMS,
  'S=ImportData': FORMS,
  'S=RichMediaExecute': MULTIMEDIA,
  'Type=EmbeddedFile': FILES,
  'Subtype=FileAttachment': FILES,
  'Subtype=RichMedia': MULTIMEDIA,
  'Subtype=3D': MULTIMEDIA,
}
