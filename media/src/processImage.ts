import { DEFAULT_LIMITS, type InspectedUpload, type MediaLimits } from './inspectUpload'
import type { FocalPoint } from './planRenditions'
import { renderRenditions, type RenderedFile } from './renderRenditions'
import { sanitizeImage, type SanitizedImage } from './sanitizeImage'

export interface ProcessedImage {
  original: SanitizedImage
  renditions: RenderedFile[]
}

/**
 * The whole image pipeline after intake: the clean original and every rendition and crop, made side by side
 * from the upload (each applies orientation and sRGB itself), so one core writes the full-size original while
 * the other cuts the renditions. Either failing fails the whole: nothing is half-made.
 */
export async function processImage({
  data,
  inspected,
  focal,
  limits = DEFAULT_LIMITS,
}: {
  data: Buffer
  inspected: Extract<InspectedUpload, { kind: 'image' }>
  focal?: FocalPoint
  limits?: MediaLimits
}): Promise<ProcessedImage> {
  const [original, renditions] = await Promise.all([
    sanitizeImage(data, inspected, limits),
    renderRenditions({ source: data, width: inspected.width, height: inspected.height, ...(focal ? { focal } : {}) }),
  ])
  return { original, renditions }
}
