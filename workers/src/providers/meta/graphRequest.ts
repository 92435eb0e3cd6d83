import type { RateLimitInfo } from '../SocialProvider'
import { META_NAME, META_SCOPES, META_TOKEN_VARIABLE, MetaProviderError, metaCode, type MetaNetwork, type MetaRequestStage } from './MetaProviderError'
import { NOT_SENT_CODES } from '../SocialProviderError'

/**
 * The one way Pregón calls Meta's Graph APIs (graph.facebook.com for the Page and Instagram, graph.threads.net
 * for Threads): plain fetch with a timeout, the token in the Authorization header (never in a URL that could
 * end up in a log), Graph's error JSON turned into a MetaProviderError, and the X-Business-Use-Case-Usage
 * header turned into rate-limit info on every answer.
 */

export interface GraphClientOptions {
  network: MetaNetwork
  /** Base with its version: https://graph.facebook.com/v23.0, https://graph.threads.net/v1.0. */
  apiUrl: string
  accessToken: string
  timeoutMs: number
}

export interface GraphRequest {
  query?: Record<string, string>
  /** Form fields or multipart: the call is a POST when there is a body. */
  body?: URLSearchParams | FormData
  /** DELETE instead of GET or POST. */
  isDelete?: boolean
}

export interface GraphAnswer<T> {
  body: T
  /** From the Business Use Case header; null when Meta sent none (it does not for every endpoint). */
  rateLimit: RateLimitInfo | null
}

export type GraphCall = <T>(stage: MetaRequestStage, pathname: string, request?: GraphRequest) => Promise<GraphAnswer<T>>

/** Graph's error object (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export interface GraphError {
  message?: string
  type?: string
  code?: number
  error_subcode?: number
  is_transient?: boolean
  error_user_msg?: string
  fbtrace_id?: string
}

// Usage is a percentage of the quota; at or past this the account waits instead of being throttled.
const NEAR_LIMIT_PERCENT = 90
// A throttling error with no estimate: Meta says access may take up to an hour to come back.
const THROTTLE_FALLBACK_MINUTES = 15
const MINUTE_MS = 60_000
const WHERE: Record<MetaRequestStage, string> = {
  read: 'al leer la cuenta',
  container: 'al preparar la publicación',
  post: 'al publicar',
  delete: 'al borrar la publicación',
}
// Application, user, page and business-use-case throttling (4, 17, 32, 613; 80001 Pages, 80002 Instagram…).
const THROTTLING_CODES = new Set([4, 17, 32, 341, 613])
const isThrottling = (code: number) => THROTTLING_CODES.has(code) || (code >= 80_000 && code < 80_100)
// Instagram: "You reached maximum number of posts that is allowed to be published by Content Publishing API".
const IG_PUBLISHING_LIMIT = { code: 9, subcode: 2_207_042 }
// Instagram could not download the image (not published yet, or too slow): nothing was created.
const IMAGE_FETCH_SUBCODES = new Set([2_207_052, 2_207_003])

export function createGraphClient({ network, apiUrl, accessToken, timeoutMs }: GraphClientOptions): GraphCall {
  const base = apiUrl.replace(/\/+$/, '')
  return async function graph<T>(stage: MetaRequestStage, pathname: string, { query, body, isDelete = false }: GraphRequest = {}): Promise<GraphAnswer<T>> {
    const url = new URL(`${base}${pathname}`)
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value)
    let response: Response
    let text: string
    try {
      response = await fetch(url, {
        method: isDelete ? 'DELETE' : body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${accessToken}` },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw networkFailure(network, stage, error)
    }
    const rateLimit = rateLimitOf(response.headers)
    const json = parseJson(text) as { error?: GraphError } | undefined
    if (!response.ok || json?.error) throw graphFailure({ network, stage, status: response.status, error: json?.error, rateLimit })
    // A success whose body is cut or garbled: the request was handled, its answer is lost.
    if (json === undefined) throw networkFailure(network, stage, new Error(`respuesta ilegible (HTTP ${response.status})`))
    return { body: json as T, rateLimit }
  }
}

/**
 * The X-Business-Use-Case-Usage header: `{ "<object id>": [{ type, call_count, total_cputime, total_time,
 * estimated_time_to_regain_access }] }`, usage in percent of the quota, the estimate in minutes. The highest
 * usage of any entry decides; at NEAR_LIMIT_PERCENT or more nothing remains, so the account waits until Meta's
 * estimate (a minute when it gives none). `remaining` is the percentage of the quota left.
 */
function rateLimitOf(headers: Headers): RateLimitInfo | null {
  const usage = businessUseCaseUsage(headers)
  if (!usage) return null
  return {
    remaining: usage.used >= NEAR_LIMIT_PERCENT ? 0 : Math.max(0, 100 - usage.used),
    // Meta sends whole minutes; 0 means "no estimate". A fraction (a fake's short wait) is taken as given.
    resetAt: new Date(Date.now() + (usage.regainMinutes > 0 ? usage.regainMinutes : 1) * MINUTE_MS),
  }
}

function businessUseCaseUsage(headers: Headers): { used: number; regainMinutes: number } | null {
  const raw = headers.get('x-business-use-case-usage')
  if (!raw) return null
  let entries: Array<Record<string, unknown>>
  try {
    entries = Object.values(JSON.parse(raw) as Record<string, Array<Record<string, unknown>>>).flat()
  } catch {
    return null
  }
  const numbers = (field: string) => entries.map((entry) => Number(entry[field])).filter(Number.isFinite)
  const used = Math.max(0, ...numbers('call_count'), ...numbers('total_cputime'), ...numbers('total_time'))
  return { used, regainMinutes: Math.max(0, ...numbers('estimated_time_to_regain_access')) }
}

function graphFailure({
  network,
  stage,
  status,
  error,
  rateLimit,
}: {
  network: MetaNetwork
  stage: MetaRequestStage
  status: number
  error: GraphError | undefined
  rateLimit: RateLimitInfo | null
}): MetaProviderError {
  const name = META_NAME[network]
  const where = WHERE[stage]
  const code = error?.code ?? 0
  const subcode = error?.error_subcode ?? 0
  const detail = error ? `${error.error_user_msg ?? error.message ?? 'sin detalle'} (código ${code}${subcode ? `/${subcode}` : ''})` : `HTTP ${status}`
  const base = { stage, httpStatus: status, cause: error }
  const renew = `póngalo en ${META_TOKEN_VARIABLE[network]}, reinicie Pregón y use «Reintentar»`

  if (code === IG_PUBLISHING_LIMIT.code && subcode === IG_PUBLISHING_LIMIT.subcode) {
    // The quota read before each post normally catches this; a refusal says nothing about when, so wait an hour.
    const resetAt = new Date(Date.now() + 60 * MINUTE_MS)
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'PUBLISHING_LIMIT'),
      resetAt,
      message: `${name} alcanzó el máximo de publicaciones permitidas en 24 horas ${where}. Se volverá a intentar después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }
  if (isThrottling(code)) {
    const resetAt = rateLimit?.resetAt ?? new Date(Date.now() + THROTTLE_FALLBACK_MINUTES * MINUTE_MS)
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'RATE_LIMITED'),
      resetAt,
      message: `${name} pidió esperar por exceso de solicitudes ${where} (${detail}). Se reintentará después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }
  if (code === 190 && subcode === 463) {
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'TOKEN_EXPIRED'),
      message: `El token de acceso de ${name} venció (${where}). Genere un token nuevo con los permisos ${META_SCOPES[network]}, ${renew}.`,
    })
  }
  if (code === 190 || code === 102 || (!error && status === 401)) {
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'AUTH_FAILED'),
      message: `${name} no aceptó el token de acceso ${where}: ${detail}. Genere un token nuevo con los permisos ${META_SCOPES[network]}, ${renew}.`,
    })
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'PERMISSION_DENIED'),
      message: `El token de ${name} no tiene permiso ${where}: ${detail}. Genere un token con los permisos ${META_SCOPES[network]}, ${renew}.`,
    })
  }
  if (code === 506) {
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'DUPLICATE'),
      message: `${name} rechazó la publicación por repetir una reciente: ${detail}. Se revisará si ya está en la cuenta.`,
    })
  }
  if (IMAGE_FETCH_SUBCODES.has(subcode)) return imageNotFetched(network, stage, detail, { httpStatus: status, cause: error })
  if (status >= 500 || error?.is_transient || code === 1 || code === 2) {
    const isOutcomeUnknown = stage === 'post'
    return new MetaProviderError({
      ...base,
      code: metaCode(network, 'UNAVAILABLE'),
      isOutcomeUnknown,
      message: isOutcomeUnknown
        ? `${name} tuvo una falla temporal al publicar (${detail}) y no se sabe si la publicación quedó hecha; se revisará la cuenta.`
        : `${name} tuvo una falla temporal ${where} (${detail}). No se publicó nada; se reintentará más tarde.`,
    })
  }
  return new MetaProviderError({
    ...base,
    code: metaCode(network, 'REJECTED'),
    message: `${name} rechazó la solicitud ${where}: ${detail}. Revise el texto y la imagen de la difusión y vuelva a intentarlo.`,
  })
}

/** The network could not download the post's image from the portal: nothing was created, try again shortly. */
export function imageNotFetched(
  network: MetaNetwork,
  stage: MetaRequestStage,
  detail: string,
  extra: { httpStatus?: number; cause?: unknown } = {},
): MetaProviderError {
  return new MetaProviderError({
    ...extra,
    stage,
    code: metaCode(network, 'IMAGE_NOT_FETCHED'),
    message: `${META_NAME[network]} no pudo descargar la imagen desde el portal (${detail}); quizá el portal todavía no la publica. No se publicó nada; se reintentará en unos minutos.`,
  })
}

/** A post's public address. The post is already made: a failed read must not fail it, so this falls back. */
export async function readPermalink(graph: GraphCall, id: string, field: 'permalink_url' | 'permalink', fallback: string): Promise<string> {
  try {
    const { body } = await graph<Record<string, string | undefined>>('read', `/${encodeURIComponent(id)}`, { query: { fields: field } })
    return body[field] ?? fallback
  } catch {
    return fallback
  }
}

/**
 * When the token stops working, from Meta's debug_token; null when it does not expire (a Page token made from a
 * long-lived user token) or Meta does not say.
 */
export async function tokenExpiry(graph: GraphCall, accessToken: string): Promise<Date | null> {
  try {
    const { body } = await graph<{ data?: { expires_at?: number } }>('read', '/debug_token', { query: { input_token: accessToken } })
    const seconds = body.data?.expires_at ?? 0
    return seconds > 0 ? new Date(seconds * 1000) : null
  } catch {
    // Some tokens may not inspect themselves (Meta may ask for an app token); the account was read, which is what
    // «Probar conexión» checks, so an unknown expiry is not a failure.
    return null
  }
}

function networkFailure(network: MetaNetwork, stage: MetaRequestStage, error: unknown): MetaProviderError {
  const isTimeout = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
  const code = (error as { cause?: { code?: string } }).cause?.code ?? ''
  // Refused or unresolved before anything was sent: the post cannot exist.
  const isOutcomeUnknown = stage === 'post' && !NOT_SENT_CODES.has(code)
  const outcome = isOutcomeUnknown ? 'No se sabe si la publicación quedó hecha; se revisará la cuenta.' : 'No se publicó nada; se reintentará.'
  const name = META_NAME[network]
  return new MetaProviderError({
    code: metaCode(network, isTimeout ? 'TIMEOUT' : 'NETWORK'),
    stage,
    isOutcomeUnknown,
    cause: error,
    message: isTimeout
      ? `${name} no respondió a tiempo ${WHERE[stage]}. ${outcome}`
      : `Se perdió la conexión con ${name} ${WHERE[stage]} (${(error as Error).message}${code ? `, ${code}` : ''}). ${outcome}`,
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Deletes a post or comment; one already gone (Graph's 404, or code 100 "does not exist") counts as deleted:
 * a retry after a lost answer, or a post someone removed by hand, is what was asked.
 */
export async function deleteGraphObject(graph: GraphCall, id: string): Promise<void> {
  try {
    await graph('delete', `/${encodeURIComponent(id)}`, { isDelete: true })
  } catch (error) {
    const cause = (error as { cause?: GraphError }).cause
    if ((error as { httpStatus?: number }).httpStatus === 404 || (cause?.code === 100 && (cause.error_subcode === 33 || /does not exist/i.test(cause.message ?? '')))) return
    throw error
  }
}
