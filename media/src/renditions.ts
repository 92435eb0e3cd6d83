/**
 * Image renditions, declared once: the CMS generates them on upload and the portal and workers pick them
 * by name. (Network crops and metadata stripping arrive with the media issue.)
 */
export interface Rendition {
  name: string
  width: number
  format: 'webp' | 'jpeg'
  quality: number
}

export const RENDITIONS = {
  /** Listing cards and the admin thumbnail. */
  card: { name: 'card', width: 960, format: 'webp', quality: 78 },
} as const satisfies Record<string, Rendition>

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const

/** Attachments citizens and journalists download (requirements, full texts). */
export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf'] as const
