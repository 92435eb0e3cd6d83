import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib'

/** Keys that carry who made a document, with what, when, and the application's private data. */
const METADATA_KEYS = ['Metadata', 'PieceInfo'].map((name) => PDFName.of(name))

/**
 * Removes the document information dictionary (Title, Author, Creator, Producer, dates), every XMP
 * `/Metadata` stream and applications' `/PieceInfo`, and every object nothing points to any more (old
 * revisions, orphaned metadata). Returns whether anything was removed: a clean file is kept byte for byte.
 */
export function stripPdfMetadata(document: PDFDocument): boolean {
  const { context } = document
  let isChanged = false
  if (context.trailerInfo.Info) {
    context.trailerInfo.Info = undefined
    isChanged = true
  }
  for (const [, object] of context.enumerateIndirectObjects()) {
    for (const dict of dictsIn(object)) {
      for (const key of METADATA_KEYS) {
        if (dict.has(key)) {
          dict.delete(key)
          isChanged = true
        }
      }
    }
  }
  const reachable = reachableFrom(document)
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) {
      context.delete(ref)
      isChanged = true
    }
  }
  return isChanged
}

/** The dictionary of an object and every dictionary nested directly in it. */
function dictsIn(object: PDFObject, depth = 0): PDFDict[] {
  if (depth > 64) return []
  if (object instanceof PDFStream || object instanceof PDFRawStream) return dictsIn(object.dict, depth + 1)
  if (object instanceof PDFArray) return object.asArray().flatMap((item) => dictsIn(item, depth + 1))
  if (object instanceof PDFDict) return [object, ...object.values().flatMap((value) => dictsIn(value, depth + 1))]
  return []
}

function reachableFrom(document: PDFDocument): Set<PDFRef> {
  const { context } = document
  const reachable = new Set<PDFRef>()
  const pending: PDFObject[] = Object.values(context.trailerInfo).filter((value): value is PDFObject => !!value)
  for (let object = pending.pop(); object; object = pending.pop()) {
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue
      reachable.add(object)
      const target = context.lookup(object)
      if (target) pending.push(target)
    } else if (object instanceof PDFStream || object instanceof PDFRawStream) pending.push(object.dict)
    else if (object instanceof PDFArray) pending.push(...object.asArray())
    else if (object instanceof PDFDict) pending.push(...object.values())
  }
  return reachable
}
