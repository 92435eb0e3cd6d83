import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2'
import { NOT_SENT_CODES as NOT_SENT_ANYWHERE } from '../SocialProviderError'
import { XProviderError, type XRequestStage } from './XProviderError'

// Besides the connection failures: twitter-api-v2 refuses a malformed address before any request leaves.
const NOT_SENT_CODES = new Set([...NOT_SENT_ANYWHERE, 'ERR_INVALID_URL'])
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60 * 1000
const WHERE = {
  upload: 'al subir la imagen',
  'alt-text': 'al guardar el texto alternativo',
  post: 'al publicar',
  read: 'al revisar las publicaciones recientes de la cuenta',
  delete: 'al borrar la publicación',
} as const

/** Maps what twitter-api-v2 throws to an XProviderError with a stable code and a Spanish explanation. */
export function toXProviderError(error: unknown, stage: XRequestStage): XProviderError {
  if (error instanceof XProviderError) return error
  const where = WHERE[stage]

  if (error instanceof ApiResponseError) {
    const status = error.code
    const base = { stage, httpStatus: status, cause: error }
    if (status === 429) {
      const resetAt = rateLimitResetAt(error)
      return new XProviderError({
        ...base,
        code: 'X_RATE_LIMITED',
        resetAt,
        message: `X rechazó la solicitud ${where} por exceso de publicaciones (límite de la cuenta o de la app). Se podrá reintentar después de ${resetAt.toISOString()}; no es necesario hacer nada más.`,
      })
    }
    if (status === 403 && isDuplicate(error)) {
      return new XProviderError({
        ...base,
        code: 'X_DUPLICATE_CONTENT',
        message:
          'X rechazó la publicación porque la cuenta ya publicó exactamente el mismo texto. Revise en la cuenta si ya está publicada; si no, cambie el texto para X y vuelva a intentarlo.',
      })
    }
    if (status === 401 || status === 403) {
      return new XProviderError({
        ...base,
        code: 'X_AUTH_FAILED',
        message: `X no aceptó las credenciales ${where} (HTTP ${status}). Revise que las claves y tokens de la app de X sean correctos, vigentes y con permiso de lectura y escritura.`,
      })
    }
    if (status >= 500) {
      return new XProviderError({
        ...base,
        code: 'X_UNAVAILABLE',
        // A gateway error on the post may come after X created it.
        isOutcomeUnknown: stage === 'post',
        message:
          stage === 'post'
            ? `X tuvo una falla interna (HTTP ${status}) al publicar y no se sabe si la publicación quedó hecha. Revise la cuenta antes de reintentar.`
            : `X tuvo una falla interna (HTTP ${status}) ${where}. Se puede reintentar más tarde.`,
      })
    }
    return new XProviderError({
      ...base,
      code: 'X_REJECTED',
      message: `X rechazó la solicitud ${where} (HTTP ${status}: ${describe(error)}). Revise el texto y la imagen de la difusión y vuelva a intentarlo.`,
    })
  }

  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError) {
    const cause = error instanceof ApiRequestError ? underlyingRequestError(error) : error.responseError
    const isTimeout = cause?.message === 'Request timeout.'
    const wasSent = !NOT_SENT_CODES.has((cause as NodeJS.ErrnoException | undefined)?.code ?? '')
    const isOutcomeUnknown = stage === 'post' && wasSent
    const outcome = isOutcomeUnknown
      ? 'No se sabe si la publicación quedó hecha: revise la cuenta antes de reintentar.'
      : 'No se publicó nada; se puede reintentar.'
    return new XProviderError({
      code: isTimeout ? 'X_TIMEOUT' : 'X_NETWORK',
      stage,
      isOutcomeUnknown,
      cause: error,
      message: isTimeout
        ? `X no respondió a tiempo ${where}. ${outcome}`
        : `Se perdió la conexión con X ${where} (${cause?.message ?? error.message}). ${outcome}`,
    })
  }

  return new XProviderError({
    code: 'X_NETWORK',
    stage,
    isOutcomeUnknown: stage === 'post',
    cause: error,
    message: `Error inesperado ${where} en X (${error instanceof Error ? error.message : String(error)}). Revise la cuenta antes de reintentar.`,
  })
}

// twitter-api-v2 1.29.1 stores the socket error as `_options.error` but its `requestError` getter reads
// `_options.requestError`, so the getter is always undefined.
function underlyingRequestError(error: ApiRequestError): Error | undefined {
  const options = (error as unknown as { _options?: { error?: unknown } })._options
  const cause = error.requestError ?? options?.error
  return cause instanceof Error ? cause : undefined
}

function rateLimitResetAt(error: ApiResponseError): Date {
  // A post refused for the 24-hour user quota reports its own reset; it is later than the 15-minute window.
  const { rateLimit } = error
  const candidates = [rateLimit?.reset, rateLimit?.userDay?.remaining === 0 ? rateLimit.userDay.reset : undefined]
    .filter((seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0)
  return candidates.length ? new Date(Math.max(...candidates) * 1000) : new Date(Date.now() + DEFAULT_RATE_LIMIT_WAIT_MS)
}

function isDuplicate(error: ApiResponseError): boolean {
  // v1.1 signals it with error code 187; v2 only in prose.
  return error.hasErrorCode(187) || /duplicate/i.test(describe(error))
}

function describe(error: ApiResponseError): string {
  const data = error.data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown }> } | undefined
  const detail = data?.detail ?? data?.errors?.[0]?.message ?? data?.title
  return typeof detail === 'string' ? detail : error.message
}
