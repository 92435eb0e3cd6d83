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
