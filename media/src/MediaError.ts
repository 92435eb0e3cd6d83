export type MediaErrorCode =
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_UNSUPPORTED_TYPE'
  | 'MEDIA_SVG_REJECTED'
  | 'MEDIA_TOO_MANY_PIXELS'
  | 'MEDIA_CORRUPT'

/** A refused upload: a stable code for code, a Spanish sentence (what happened, what to do) for the person. */
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
