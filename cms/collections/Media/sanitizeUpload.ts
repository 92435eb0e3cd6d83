import fs from 'node:fs/promises'
import path from 'node:path'
import { inspectUpload, MediaError, sanitizeImage, type MediaLimits } from '@pregon/media'
import { APIError, type CollectionBeforeOperationHook } from 'payload'

/**
 * Every upload goes through the media intake before Payload stores anything: its type is decided by its
 * bytes, bad files are refused with a Spanish reason and a stable code (nothing is written), and images
 * are stored upright, in sRGB, without metadata (the original included). The file name's extension is
 * made to match what the file really is.
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
      const clean = await sanitizeImage(data, inspected, limits)
      Object.assign(file, { data: clean.data, mimetype: clean.mime, name: `${base}.${clean.ext}`, size: clean.data.length, tempFilePath: undefined })
      return args
    } catch (error) {
      if (error instanceof MediaError) throw new APIError(error.message, 400, { code: error.code }, true)
      throw error
    }
  }
