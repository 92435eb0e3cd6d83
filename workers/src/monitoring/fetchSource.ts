import { PregonError } from '@pregon/core/PregonError'

/** A feed larger than this is not a feed an outlet means to be read every half hour. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024
export const FETCH_TIMEOUT_MS = 20_000

export type Fetched =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: Uint8Array; contentType: string | null; etag: string | null; lastModified: string | null }

export interface Validators {
  etag?: string | null
  lastModified?: string | null
}

/** A failure the source's page shows as it is; `retryAfterMs` when the outlet asked us to wait. */
export class SourceFetchError extends PregonError {
  readonly retryAfterMs: number | null
  constructor(code: string, message: string, { retryAfterMs = null, cause }: { retryAfterMs?: number | null; cause?: unknown } = {}) {
    super({ code, message, kind: 'conflict', cause })
    this.retryAfterMs = retryAfterMs
  }
}

const HTTP_ADVICE: Record<number, string> = {
  401: 'El sitio pide usuario y contraseña: este canal no es público.',
  403: 'El sitio rechaza la lectura (403). Puede que bloquee lectores automáticos: pida al medio la dirección de su canal RSS o revise si cambió.',
  404: 'La dirección ya no existe (404). Busque en el sitio del medio su canal RSS actual (suele terminar en /feed/) y corrija la dirección.',
  410: 'El medio retiró este canal (410). Quítelo o busque otro canal del mismo medio.',
  429: 'El sitio pide leer con menos frecuencia (429). Pregón esperará lo que pide antes de volver a intentarlo.',
}

function retryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * One polite GET of a source: it sends back the validators the outlet gave last time (an unchanged feed costs
 * the outlet a 304), names itself, gives up after FETCH_TIMEOUT_MS and stops reading past MAX_FEED_BYTES.
 * Every failure is a SourceFetchError whose message tells the office what happened and what to do.
 */
export async function fetchSource(url: string, validators: Validators, { userAgent, timeoutMs = FETCH_TIMEOUT_MS }: { userAgent: string; timeoutMs?: number }): Promise<Fetched> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  }
  if (validators.etag) headers['if-none-match'] = validators.etag
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
  const signal = AbortSignal.timeout(timeoutMs)
  let response: Response
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' })
  } catch (error) {
    throw networkError(error, timeoutMs)
  }
  if (response.status === 304) {
    await response.body?.cancel()
    return { status: 'not-modified' }
  }
  if (!response.ok) {
    await response.body?.cancel()
    const advice = HTTP_ADVICE[response.status] ?? (response.status >= 500 ? `El sitio del medio tiene una falla (${response.status}). Suele ser pasajero; Pregón lo volverá a intentar.` : `El sitio respondió ${response.status}. Revise la dirección del canal.`)
    throw new SourceFetchError(`feed-http-${response.status}`, advice, { retryAfterMs: response.status === 429 || response.status === 503 ? retryAfter(response.headers.get('retry-after')) : null })
  }
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > MAX_FEED_BYTES) {
    await response.body?.cancel()
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
      size += read.value.byteLength
      if (size > MAX_FEED_BYTES) {
        await reader!.cancel().catch(() => undefined)
        throw tooLarge()
      }
      chunks.push(read.value)
    }
  } catch (error) {
    if (error instanceof SourceFetchError) throw error
    throw networkError(error, timeoutMs)
  }
  return { status: 'ok', bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type'), etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') }
}

const tooLarge = () =>
  new SourceFetchError('feed-too-large', `El canal pesa más de ${MAX_FEED_BYTES / 1024 / 1024} MB: no parece un canal de noticias. Revise la dirección (quizá apunta a un archivo o a un respaldo).`)

function networkError(error: unknown, timeoutMs: number): SourceFetchError {
  const cause = (error as { cause?: { code?: string } })?.cause
  const name = (error as { name?: string })?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SourceFetchError('feed-timeout', `El sitio no respondió en ${Math.round(timeoutMs / 1000)} segundos. Suele ser pasajero; si sigue, revise que la dirección abra en el navegador.`, { cause: error })
  }
  const code = cause?.code ?? (error as { code?: string })?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SourceFetchError('feed-dns', 'No se encontró el sitio (el dominio no existe o no responde). Revise que la dirección esté bien escrita.', { cause: error })
  if (code === 'ECONNREFUSED') return new SourceFetchError('feed-refused', 'El sitio rechazó la conexión: su servidor está apagado o la dirección es incorrecta.', { cause: error })
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return new SourceFetchError('feed-tls', 'El certificado de seguridad (HTTPS) del sitio no es válido. Avise al medio; mientras tanto el canal no se puede leer con seguridad.', { cause: error })
  }
  return new SourceFetchError('feed-network', `No se pudo leer el canal: ${(error as Error)?.message ?? String(error)}. Suele ser pasajero; Pregón lo volverá a intentar.`, { cause: error })
}
