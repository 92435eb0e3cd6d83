export {
  ACCEPTED_DOCUMENT_TYPES,
  ACCEPTED_IMAGE_TYPES,
  CARD_RENDITION,
  CROPS,
  RENDITIONS,
  RESPONSIVE_WIDTHS,
  THUMBNAIL_RENDITION,
  responsiveName,
  type CropName,
  type Rendition,
} from './renditions'
export { MediaError, type MediaErrorCode } from './MediaError'
export { DEFAULT_LIMITS, inspectUpload, type InspectedUpload, type MediaLimits } from './inspectUpload'
export { sanitizeImage, type SanitizedImage } from './sanitizeImage'
export { CENTRE, cropRegion, planRenditions, type FocalPoint, type RenditionPlan, type RenditionStep } from './planRenditions'
export { encode, renderRenditions, type RenderedFile } from './renderRenditions'
export { processImage, type ProcessedImage } from './processImage'
export { runImageJob } from './runImageJob'
export { DEFAULT_PDF_LIMITS, processPdf, type PdfLimits, type ProcessedPdf } from './pdf/processPdf'
export { safeBaseName } from './safeBaseName'
export { IMAGE_PROCESS_ENV } from './imageProcessEnv'
