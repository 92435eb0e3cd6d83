import fs from 'node:fs/promises'
import { CENTRE, DEFAULT_PDF_LIMITS, inspectUpload, MediaError, processImage, processPdf, safeBaseName, type FocalPoint, type MediaLimits, type PdfLimits } from '@pregon/media'
import { PregonError } from '@pregon/core/PregonError'
import type { CollectionBeforeOperationHook } from 'payload'
import { toApiError } from '../../http/errorReply'
import { stashRenditions } from './renditionFiles'

/**
 * Every upload goes through the media pipeline before Payload stores anything: its type is decided by its
 * bytes, bad files are refused with a Spanish reason and a stable code (nothing is written), images are
 * stored upright, in sRGB, without metadata (the original included), and PDFs only when they parse, stay
 * within the page and decompression limits and carry nothing active, without their metadata. The file name
 * is made safe (safeBaseName) and its extension made to match what the file really is. Renditions and
 * crops are made here too, side by side with the original, and kept for the save (see renditionFiles).
 */
export const sanitizeUpload =
  (limits: MediaLimits, pdfLimits: PdfLimits = DEFAULT_PDF_LIMITS): CollectionBeforeOperationHook =>
  async ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    // This hook runs before Payload checks access: someone not signed in gets its 403 without the pipeline's work.
    if (!args.overrideAccess && !args.req?.user) return args
    const file = args.req?.file
    if (!file) {
      if (operation === 'create' && isUploadFromUrl(args)) throw toApiError(new PregonError({ code: 'MEDIA_URL_NOT_ACCEPTED', message: URL_REFUSAL }))
      return args
    }
    const data = file.data?.length ? file.data : file.tempFilePath ? await fs.readFile(file.tempFilePath) : file.data
    try {
      const inspected = await inspectUpload(data, limits)
      const base = safeBaseName(file.name)
      if (inspected.kind === 'document') {
        const pdf = await processPdf(data, pdfLimits)
        Object.assign(file, { data: pdf.data, mimetype: inspected.mime, name: `${base}.${inspected.ext}`, size: pdf.data.length, tempFilePath: undefined })
        return args
      }
      const focal = requestedFocalPoint(args)
      const { original, renditions } = await processImage({ data, inspected, focal, limits })
      Object.assign(file, { data: original.data, mimetype: original.mime, name: `${base}.${original.ext}`, size: original.data.length, tempFilePath: undefined })
      stashRenditions(args.req, { focal, renditions })
      return args
    } catch (error) {
      if (error instanceof MediaError) {
        const kind = error.code === 'MEDIA_TOO_LARGE' ? 'too-large' : 'invalid'
        throw toApiError(new PregonError({ code: error.code, kind, message: error.message, cause: error }))
      }
      throw error
    }
  }

const URL_REFUSAL =
  'Pregón no toma archivos desde otra dirección de internet: descárgalo a tu equipo y súbelo desde ahí para que pase por la revisión de archivos.'

/**
 * Payload can fetch a file from a URL given as `url` and `filename` (its "paste URL"): such a file would skip
 * the intake above, so it is refused. Payload strips both from a REST request's data before this hook, so the
 * request's own body is read too.
 */
function isUploadFromUrl(args: { data?: unknown; duplicateFromID?: unknown; req?: { data?: unknown } }): boolean {
  if (args.duplicateFromID !== undefined && args.duplicateFromID !== null) return false
  const sent = (data: unknown) => typeof data === 'object' && data !== null && typeof (data as { url?: unknown }).url === 'string' && typeof (data as { filename?: unknown }).filename === 'string'
  return sent(args.data) || sent(args.req?.data)
}

/** The focal point the save will record, read as Payload reads it: the admin's upload edits, else the data. */
function requestedFocalPoint(args: { data?: unknown; req?: { query?: unknown } }): FocalPoint {
  const query = (args.req?.query ?? {}) as { uploadEdits?: { focalPoint?: Partial<FocalPoint> } }
  const data = (args.data ?? {}) as { focalX?: unknown; focalY?: unknown }
  const fromEdits = query.uploadEdits?.focalPoint
  const x = Number(fromEdits?.x ?? data.focalX)
  const y = Number(fromEdits?.y ?? data.focalY)
  return x && y ? { x: Math.round(x), y: Math.round(y) } : CENTRE
}
