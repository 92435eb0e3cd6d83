export { ACCEPTED_DOCUMENT_TYPES, ACCEPTED_IMAGE_TYPES, RENDITIONS, type Rendition } from './renditions'
