export type MediaErrorCode =
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_UNSUPPORTED_TYPE'
  | 'MEDIA_SVG_REJECTED'
  | 'MEDIA_TOO_MANY_PIXELS'
  | 'MEDIA_CORRUPT'
  | 'MEDIA_PDF_INVALID'
  | 'MEDIA_PDF_ENCRYPTED'
  | 'MEDIA_PDF_TOO_MANY_PAGES'
  | 'MEDIA_PDF_TOO_LARGE_UNCOMPRESSED'
  | 'MEDIA_PDF_ACTIVE_CONTENT'

/**
 * A refused upload: a stable code for code, a Spanish sentence (what happened, what to do) for the person.
 * At most one colon, and no comma after it: the admin's error toast shows what follows a colon as a list,
 * split at commas.
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'MediaError'
  }
}
