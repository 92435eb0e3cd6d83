import { fileTypeFromBuffer } from 'file-type'
import sharp, { type Metadata } from 'sharp'
import { MediaError } from './MediaError'
import { ACCEPTED_DOCUMENT_TYPES, ACCEPTED_IMAGE_TYPES } from './renditions'

export interface MediaLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number
  /** Largest image accepted, in pixels (width × height × frames): a "pixel bomb" guard. */
  maxPixels: number
}

export const DEFAULT_LIMITS: MediaLimits = { maxBytes: 25 * 1024 * 1024, maxPixels: 50_000_000 }

export type InspectedUpload =
  | {
      kind: 'image'
      mime: (typeof ACCEPTED_IMAGE_TYPES)[number]
      ext: string
      /** Upright size, orientation applied. */
      width: number
      height: number
      frames: number
    }
  | { kind: 'document'; mime: (typeof ACCEPTED_DOCUMENT_TYPES)[number]; ext: 'pdf' }

const MB = 1024 * 1024

/**
 * Decides what an upload is by its bytes (never its name or the browser's MIME type) and refuses what must
 * not be stored, reading only headers: a 20,000 × 20,000 image is refused before a pixel is decoded.
 */
export async function inspectUpload(data: Buffer, limits: MediaLimits = DEFAULT_LIMITS): Promise<InspectedUpload> {
  if (data.length > limits.maxBytes) {
    throw new MediaError(
      'MEDIA_TOO_LARGE',
      `El archivo pesa ${(data.length / MB).toFixed(1)} MB y el máximo es ${(limits.maxBytes / MB).toFixed(0)} MB: reduce la foto o divide el documento.`,
    )
  }
  const type = await fileTypeFromBuffer(data)
  const isTextual = !type || type.mime === 'application/xml' || type.mime === 'image/svg+xml'
  if (isTextual && looksLikeSvg(data)) {
    throw new MediaError('MEDIA_SVG_REJECTED', 'Los archivos SVG no se aceptan porque pueden contener código: súbelo como PNG o JPEG.')
  }
  if (type && (ACCEPTED_DOCUMENT_TYPES as readonly string[]).includes(type.mime)) {
    if (!isCompletePdf(data)) throw corrupt()
    return { kind: 'document', mime: 'application/pdf', ext: 'pdf' }
  }
  if (!type || !(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type.mime)) {
    throw new MediaError(
      'MEDIA_UNSUPPORTED_TYPE',
      `Este tipo de archivo${type ? ` (${type.ext})` : ''} no se acepta; sube una foto JPEG, PNG, WebP, AVIF o GIF o un documento PDF.`,
    )
  }
  let metadata: Metadata
  try {
    metadata = await sharp(data, { limitInputPixels: false, animated: true }).metadata()
  } catch (cause) {
    throw corrupt(cause)
  }
  // Upright size: a phone photo stored sideways with "rotate 90°" in its EXIF is as tall as it looks.
  const isSideways = (metadata.orientation ?? 1) >= 5
  const width = (isSideways ? metadata.pageHeight ?? metadata.height : metadata.width) ?? 0
  const height = (isSideways ? metadata.width : metadata.pageHeight ?? metadata.height) ?? 0
  const frames = metadata.pages ?? 1
  if (width === 0 || height === 0) throw corrupt()
  if (width * height * frames > limits.maxPixels) {
    const megapixels = (width * height * frames) / 1_000_000
    throw new MediaError(
      'MEDIA_TOO_MANY_PIXELS',
      `La imagen mide ${width} × ${height}${frames > 1 ? ` × ${frames} cuadros` : ''} (${megapixels.toFixed(0)} megapíxeles) y el máximo es ${(limits.maxPixels / 1_000_000).toFixed(0)}: redúcela antes de subirla.`,
    )
  }
  return { kind: 'image', mime: type.mime as (typeof ACCEPTED_IMAGE_TYPES)[number], ext: type.ext, width, height, frames }
}

export function corrupt(cause?: unknown): MediaError {
  return new MediaError('MEDIA_CORRUPT', 'El archivo está dañado o incompleto (quizá se cortó la subida): vuelve a subirlo.', { cause })
}

function looksLikeSvg(data: Buffer): boolean {
  // SVG is text: no magic bytes, so look for its root element near the start.
  return data.subarray(0, 4096).toString('utf8').toLowerCase().includes('<svg')
}

function isCompletePdf(data: Buffer): boolean {
  const tail = data.subarray(Math.max(0, data.length - 1024)).toString('latin1')
  return tail.includes('%%EOF') && (tail.includes('startxref') || tail.includes('xref'))
}
