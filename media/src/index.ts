export { ACCEPTED_IMAGE_TYPES, RENDITIONS, type Rendition } from './renditions'
