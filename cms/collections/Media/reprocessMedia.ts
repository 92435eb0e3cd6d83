import fs from 'node:fs/promises'
import path from 'node:path'
import { ACCEPTED_IMAGE_TYPES } from '@pregon/media'
import { APIError, type Payload } from 'payload'

export interface ReprocessReport {
  processed: number
  failed: Array<{ id: number; filename: string; reason: string }>
}

/**
 * Runs every stored image through today's media pipeline again, as if it were uploaded now with its alt
 * text and focal point: metadata stripped from the original, every rendition and crop made afresh. For
 * images stored before a rendition was added or changed, or before the intake existed. One image failing
 * (a missing or damaged file) is reported and the rest go on; nothing of that image changes.
 */
export async function reprocessMedia({ payload, staticDir }: { payload: Payload; staticDir: string }): Promise<ReprocessReport> {
  const report: ReprocessReport = { processed: 0, failed: [] }
  for (let page = 1, hasNextPage = true; hasNextPage; page++) {
    const result = await payload.find({
      collection: 'media',
      where: { mimeType: { in: [...ACCEPTED_IMAGE_TYPES] } },
      sort: 'id',
      page,
      limit: 50,
      depth: 0,
    })
    hasNextPage = result.hasNextPage
    for (const media of result.docs) {
      const filename = media.filename ?? ''
      try {
        const data = await fs.readFile(path.join(staticDir, path.basename(filename)))
        await payload.update({
          collection: 'media',
          id: media.id,
          data: { focalX: media.focalX ?? 50, focalY: media.focalY ?? 50 },
          file: { data, name: filename, mimetype: media.mimeType ?? 'application/octet-stream', size: data.length },
        })
        report.processed++
      } catch (error) {
        const reason = error instanceof APIError || error instanceof Error ? error.message : String(error)
        report.failed.push({ id: media.id, filename, reason })
      }
    }
  }
  return report
}
