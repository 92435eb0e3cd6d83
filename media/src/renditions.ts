/**
 * Every file made from one upload, declared once: the CMS generates them (Payload image sizes, cropped around
 * the editor's focal point), and the portal, feeds, workers and emails pick them by name. Nothing is upscaled:
 * a size larger than the upload is simply not made.
 */
export interface Rendition {
  name: string
  width: number
  /** With a height, the image is cropped to exactly width × height around the focal point. */
  height?: number
  format: 'avif' | 'webp' | 'jpeg'
  quality: number
}

/** Responsive widths for the portal's srcset, each in AVIF and WebP with a JPEG fallback. */
export const RESPONSIVE_WIDTHS = [480, 960, 1600] as const
const RESPONSIVE_FORMATS = [
  ['avif', 55],
  ['webp', 78],
  ['jpeg', 80],
] as const

/** One crop per place an image goes out; JPEG, which every network and mail client takes. */
export const CROPS = {
  og: { width: 1200, height: 630, label: 'Vista previa al compartir (Open Graph)' },
  x: { width: 1600, height: 900, label: 'X' },
  square: { width: 1080, height: 1080, label: 'Cuadrada' },
  vertical: { width: 1080, height: 1350, label: 'Vertical' },
  email: { width: 1200, height: 600, label: 'Encabezado de correo' },
} as const
export type CropName = keyof typeof CROPS

export const responsiveName = (width: number, format: Rendition['format']) => `w${width}-${format}`

export const RENDITIONS: Rendition[] = [
  ...RESPONSIVE_WIDTHS.flatMap((width) => RESPONSIVE_FORMATS.map(([format, quality]) => ({ name: responsiveName(width, format), width, format, quality }))),
  ...Object.entries(CROPS).map(([name, { width, height }]) => ({ name, width, height, format: 'jpeg' as const, quality: 85 })),
  // A blurred stand-in the portal shows while the real image loads on a slow connection.
  { name: 'placeholder', width: 24, format: 'webp', quality: 40 },
]

/**
 * The one file where a single image is named: an `<img src>` fallback and the RSS `media:content`. JPEG, which
 * every browser and feed reader opens; pages offer AVIF and WebP through srcset first.
 */
export const CARD_RENDITION = responsiveName(960, 'jpeg')
export const THUMBNAIL_RENDITION = responsiveName(480, 'webp')

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const

/** Attachments citizens and journalists download (requirements, full texts). */
export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf'] as const
