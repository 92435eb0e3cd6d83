import { XRPCError } from '@atproto/api'
import { BlueskyProviderError, type BlueskyRequestStage } from './BlueskyProviderError'
import { NOT_SENT_CODES } from '../SocialProviderError'

// What Bluesky says when a session or the account itself is refused, whatever the HTTP status.
const REFUSED_ACCOUNT_ERRORS = new Set(['AuthenticationRequired', 'ExpiredToken', 'InvalidToken', 'AccountTakedown', 'AccountDeactivated', 'AuthFactorTokenRequired'])
// XRPC statuses: the HTTP one, or 1 when no answer came and 2 when the answer could not be read.
const NO_ANSWER = 1
const UNREADABLE_ANSWER = 2
const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60 * 1000
const WHERE = {
  login: 'al iniciar sesión',
  upload: 'al subir la imagen',
  post: 'al publicar',
  read: 'al revisar la cuenta',
  delete: 'al borrar la publicación',
} as const

/** Whether the access token was refused even after the agent tried to refresh it: logging in again may cure it. */
export function isRefusedToken(error: unknown): boolean {
  return error instanceof XRPCError && (error.status === 401 || error.error === 'ExpiredToken' || error.error === 'InvalidToken')
}

/** Maps what @atproto/api throws to a BlueskyProviderError with a stable code and a Spanish explanation. */
export function toBlueskyProviderError(error: unknown, stage: BlueskyRequestStage): BlueskyProviderError {
  if (error instanceof BlueskyProviderError) return error
  // The XRPC client wraps every failure, a dropped connection included (with the cause inside).
  const xrpc = XRPCError.from(error)
  const status = xrpc.status
  const where = WHERE[stage]
  const detail = `${xrpc.error}: ${xrpc.message}`
  const base = { stage, cause: error, ...(status >= 400 ? { httpStatus: status } : {}) }

  if (status === 429) {
    const reset = Number(xrpc.headers?.['ratelimit-reset'])
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(Date.now() + DEFAULT_RATE_LIMIT_WAIT_MS)
    return new BlueskyProviderError({
      ...base,
      code: 'BLUESKY_RATE_LIMITED',
      resetAt,
      message: `Bluesky rechazó la solicitud ${where} por exceso de solicitudes de la cuenta. Se reintentará después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }
  // Logging in is only ever refused for the account's sake (wrong handle or password, suspended account).
  if (status === 401 || REFUSED_ACCOUNT_ERRORS.has(xrpc.error) || (stage === 'login' && status === 400)) {
    return new BlueskyProviderError({
      ...base,
      code: 'BLUESKY_AUTH_FAILED',
      message: `Bluesky no aceptó la cuenta ${where} (${detail}). Revise que BLUESKY_HANDLE sea la cuenta correcta y que no esté suspendida, cree una contraseña de aplicación nueva en Bluesky (Ajustes › Privacidad y seguridad › Contraseñas de aplicación), póngala en BLUESKY_APP_PASSWORD, reinicie Pregón y use «Reintentar».`,
    })
  }
  // Named by newer PDS versions; older ones answer a taken record key with a 500, an unknown outcome below.
  if (xrpc.error === 'RecordAlreadyExists') {
    return new BlueskyProviderError({
      ...base,
      code: 'BLUESKY_RECORD_EXISTS',
      message: 'Bluesky ya tiene una publicación con la clave de esta difusión: un intento anterior sí publicó. Se buscará en la cuenta.',
    })
  }
  if (status >= 500) {
    return new BlueskyProviderError({
      ...base,
      code: 'BLUESKY_UNAVAILABLE',
      isOutcomeUnknown: stage === 'post',
      message:
        stage === 'post'
          ? `Bluesky tuvo una falla interna (HTTP ${status}) al publicar y no se sabe si la publicación quedó hecha; se buscará en la cuenta.`
          : `Bluesky tuvo una falla interna (HTTP ${status}) ${where}. No se publicó nada; se reintentará más tarde.`,
    })
  }
  if (status === NO_ANSWER || status === UNREADABLE_ANSWER) {
    // No answer, or an answer that could not be read: on createRecord the record may exist.
    const cause = xrpc.cause
    const isTimeout = cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
    const code = (cause as { cause?: { code?: string } } | undefined)?.cause?.code ?? ''
    const isOutcomeUnknown = stage === 'post' && !NOT_SENT_CODES.has(code)
    const what = isTimeout
      ? `Bluesky no respondió a tiempo ${where}.`
      : status === UNREADABLE_ANSWER
        ? `No se pudo leer la respuesta de Bluesky ${where} (${xrpc.message}).`
        : `Se perdió la conexión con Bluesky ${where} (${xrpc.message}${code ? `, ${code}` : ''}).`
    const outcome = isOutcomeUnknown ? 'No se sabe si la publicación quedó hecha; se buscará en la cuenta.' : 'No se publicó nada; se reintentará.'
    return new BlueskyProviderError({ ...base, code: isTimeout ? 'BLUESKY_TIMEOUT' : 'BLUESKY_NETWORK', isOutcomeUnknown, message: `${what} ${outcome}` })
  }
  return new BlueskyProviderError({
    ...base,
    code: 'BLUESKY_REJECTED',
    message: `Bluesky rechazó la solicitud ${where} (HTTP ${status}, ${detail}). Revise el texto y la imagen de la difusión y vuelva a intentarlo.`,
  })
}
