import fs from 'node:fs/promises'
import path from 'node:path'
import { CENTRE, inspectUpload, MediaError, processImage, type FocalPoint, type MediaLimits } from '@pregon/media'
import { PregonError } from '@pregon/core/PregonError'
import type { CollectionBeforeOperationHook } from 'payload'
import { toApiError } from '../../http/errorReply'
import { stashRenditions } from './renditionFiles'

/**
 * Every upload goes through the media pipeline before Payload stores anything: its type is decided by its
 * bytes, bad files are refused with a Spanish reason and a stable code (nothing is written), and images are
 * stored upright, in sRGB, without metadata (the original included). The file name's extension is made to
 * match what the file really is. Renditions and crops are made here too, side by side with the original,
 * and kept for the save (see renditionFiles).
 */
export const sanitizeUpload =
  (limits: MediaLimits): CollectionBeforeOperationHook =>
  async ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = args.req?.file
    if (!file) return args
    const data = file.data?.length ? file.data : file.tempFilePath ? await fs.readFile(file.tempFilePath) : file.data
    try {
      const inspected = await inspectUpload(data, limits)
      const base = path.parse(file.name).name || 'archivo'
      if (inspected.kind === 'document') {
        Object.assign(file, { data, mimetype: inspected.mime, name: `${base}.${inspected.ext}`, size: data.length })
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

/** The focal point the save will record, read as Payload reads it: the admin's upload edits, else the data. */
function requestedFocalPoint(args: { data?: unknown; req?: { query?: unknown } }): FocalPoint {
  const query = (args.req?.query ?? {}) as { uploadEdits?: { focalPoint?: Partial<FocalPoint> } }
  const data = (args.data ?? {}) as { focalX?: unknown; focalY?: unknown }
  const fromEdits = query.uploadEdits?.focalPoint
  const x = Number(fromEdits?.x ?? data.focalX)
  const y = Number(fromEdits?.y ?? data.focalY)
  return x && y ? { x: Math.round(x), y: Math.round(y) } : CENTRE
}
