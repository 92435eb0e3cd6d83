import type { Access } from 'payload'
import { roleOf } from './roles'

/**
 * Staff see every upload; the public only the images and documents a published bulletin or program shows
 * (`shownPublicly`, kept on each media row by collections/Media/mediaVisibility.ts). A photo uploaded for a
 * draft or an embargoed bulletin must not be reachable by guessing its file name.
 */
export const publishedMediaOrStaff: Access = ({ req }) => (roleOf(req) !== null ? true : { shownPublicly: { equals: true } })
