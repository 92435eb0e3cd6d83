import path from 'node:path'
import { MASTODON_MAX_LENGTH, mastodonTextLength } from '@pregon/core/composePostText'
import type { FoundPost, RateLimitInfo, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { MastodonProviderError, type MastodonRequestStage } from './MastodonProviderError'
import { NOT_SENT_CODES, readPostImage } from '../SocialProviderError'

export interface MastodonProvider extends SocialProvider {
  readonly channel: 'mastodon'
}

export interface CreateMastodonProviderOptions {
  /** null: no Mastodon account configured (dry run). */
  server: { url: string; accessToken: string } | null
  timeoutMs?: number
}

const DESCRIPTION_MAX = 1500
// Mastodon keeps an Idempotency-Key for an hour; within it, sending the same status again returns the first.
const IDEMPOTENCY_WINDOW_MS = 50 * 60 * 1000
const WHERE = { upload: 'al subir la imagen', post: 'al publicar', read: 'al revisar las publicaciones recientes de la cuenta', delete: 'al borrar la publicación' } as const
const MEDIA_POLLS = 20

export function createMastodonProvider({ server, timeoutMs = 30_000 }: CreateMastodonProviderOptions): MastodonProvider {
  if (!server) return dryRunMastodonProvider
  const base = server.url.replace(/\/+$/, '')
  let accountId: string | undefined

  async function call<T>(stage: MastodonRequestStage, pathname: string, init: RequestInit = {}): Promise<{ body: T; response: Response }> {
    let response: Response
    try {
      response = await fetch(`${base}${pathname}`, {
        ...init,
        headers: { authorization: `Bearer ${server!.accessToken}`, ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw networkError(error, stage)
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      throw responseError(response, text, stage)
    }
    try {
      return { body: (await response.json()) as T, response }
    } catch (error) {
      // The server answered success but the body was cut: the request was handled.
      throw networkError(error, stage)
    }
  }

  async function uploadImage(image: NonNullable<SocialPostInput['image']>): Promise<string> {
    const bytes = await readPostImage(
      { path: image.path, network: 'Mastodon' },
      (failure) => new MastodonProviderError({ ...failure, code: 'MASTODON_MEDIA_UNREADABLE', stage: null }),
    )
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type: image.mimeType }), path.basename(image.path))
    const description = [...image.alt.trim()].slice(0, DESCRIPTION_MAX).join('')
    if (description) form.append('description', description)
    let { body } = await call<{ id: string; url: string | null }>('upload', '/api/v2/media', { method: 'POST', body: form })
    // 202: still processing; a status may only attach it once it has a URL.
    for (let poll = 0; body.url === null && poll < MEDIA_POLLS; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      body = (await call<{ id: string; url: string | null }>('upload', `/api/v1/media/${encodeURIComponent(body.id)}`)).body
    }
    return body.id
  }

  return {
    channel: 'mastodon',
    mode: 'live',
    canResendSafely(firstAttemptAt) {
      return Date.now() - firstAttemptAt.getTime() < IDEMPOTENCY_WINDOW_MS
    },
    async post({ text, image, idempotencyKey }: SocialPostInput): Promise<SocialPostResult> {
      assertFits(text)
      const mediaIds = image ? [await uploadImage(image)] : []
      const { body, response } = await call<{ id: string; url: string | null; uri: string }>('post', '/api/v1/statuses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        body: JSON.stringify({ status: text, media_ids: mediaIds, visibility: 'public', language: 'es' }),
      })
      return { kind: 'posted', id: body.id, url: body.url ?? body.uri, rateLimit: rateLimitOf(response) }
    },
    async reply({ toPostId, text, idempotencyKey }) {
      assertFits(text)
      const { body, response } = await call<{ id: string; url: string | null; uri: string }>('post', '/api/v1/statuses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        body: JSON.stringify({ status: text, in_reply_to_id: toPostId, visibility: 'public', language: 'es' }),
      })
      return { kind: 'posted', id: body.id, url: body.url ?? body.uri, rateLimit: rateLimitOf(response) }
    },
    async deletePost(postId) {
      try {
        await call('delete', `/api/v1/statuses/${encodeURIComponent(postId)}`, { method: 'DELETE' })
      } catch (error) {
        // Already gone (deleted by hand, or by an attempt whose answer was lost): that is what was asked.
        if (error instanceof MastodonProviderError && error.httpStatus === 404) return
        throw error
      }
    },
    async checkConnection() {
      const { body } = await call<{ id: string; acct: string }>('read', '/api/v1/accounts/verify_credentials')
      accountId = body.id
      // Access tokens made under Preferencias → Desarrollo do not expire; they stop working only when revoked.
      return { account: `@${body.acct}@${new URL(base).host}`, expiresAt: null }
    },
    async findRecentPost(link): Promise<FoundPost | null> {
      accountId ??= (await call<{ id: string }>('read', '/api/v1/accounts/verify_credentials')).body.id
      const { body } = await call<Array<{ id: string; url: string | null; uri: string; content: string; card?: { url?: string } | null }>>(
        'read',
        `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?limit=40&exclude_replies=true&exclude_reblogs=true`,
      )
      const href = `href="${escapeHtml(link)}"`
      const found = body.find((status) => status.content.includes(href) || status.content.includes(escapeHtml(link)) || status.card?.url === link)
      return found ? { id: found.id, url: found.url ?? found.uri } : null
    },
  }
}

const dryRunMastodonProvider: MastodonProvider = {
  channel: 'mastodon',
  mode: 'dry-run',
  async post({ text, image }) {
    assertFits(text)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text }) {
    assertFits(text)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
  async findRecentPost() {
    return null
  },
}

function assertFits(text: string): void {
  const length = mastodonTextLength(text)
  if (length > MASTODON_MAX_LENGTH) {
    throw new MastodonProviderError({
      code: 'MASTODON_TEXT_TOO_LONG',
      stage: null,
      message: `El texto para Mastodon mide ${length} caracteres y se admiten ${MASTODON_MAX_LENGTH}. Acórtelo y vuelva a intentarlo.`,
    })
  }
}

function rateLimitOf(response: Response): RateLimitInfo | null {
  const remaining = Number(response.headers.get('x-ratelimit-remaining'))
  const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '')
  return Number.isFinite(remaining) && Number.isFinite(reset) && response.headers.has('x-ratelimit-remaining')
    ? { remaining, resetAt: new Date(reset) }
    : null
}

function responseError(response: Response, text: string, stage: MastodonRequestStage): MastodonProviderError {
  const status = response.status
  const where = WHERE[stage]
  const detail = (() => {
    try {
      return String((JSON.parse(text) as { error?: unknown }).error ?? text)
    } catch {
      return text.slice(0, 200)
    }
  })()
  const base = { stage, httpStatus: status }
  if (status === 429) {
    const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '')
    const resetAt = Number.isFinite(reset) ? new Date(reset) : new Date(Date.now() + 5 * 60 * 1000)
    return new MastodonProviderError({
      ...base,
      code: 'MASTODON_RATE_LIMITED',
      resetAt,
      message: `Mastodon rechazó la solicitud ${where} por exceso de publicaciones. Se reintentará después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }
  if (status === 401 || status === 403) {
    return new MastodonProviderError({
      ...base,
      code: 'MASTODON_AUTH_FAILED',
      message: `Mastodon no aceptó el token de acceso ${where} (HTTP ${status}). Genere un token nuevo con permisos write:statuses y write:media, póngalo en MASTODON_ACCESS_TOKEN, reinicie Pregón y use «Reintentar».`,
    })
  }
  if (status >= 500) {
    return new MastodonProviderError({
      ...base,
      code: 'MASTODON_UNAVAILABLE',
      isOutcomeUnknown: stage === 'post',
      message:
        stage === 'post'
          ? `Mastodon tuvo una falla interna (HTTP ${status}) al publicar y no se sabe si la publicación quedó hecha.`
          : `Mastodon tuvo una falla interna (HTTP ${status}) ${where}. Se reintentará más tarde.`,
    })
  }
  return new MastodonProviderError({
    ...base,
    code: 'MASTODON_REJECTED',
    message: `Mastodon rechazó la solicitud ${where} (HTTP ${status}: ${detail}). Revise el texto y la imagen de la difusión y vuelva a intentarlo.`,
  })
}

function networkError(error: unknown, stage: MastodonRequestStage): MastodonProviderError {
  const isTimeout = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
  const code = ((error as { cause?: { code?: string } }).cause?.code ?? '') as string
  const isOutcomeUnknown = stage === 'post' && !NOT_SENT_CODES.has(code)
  const outcome = isOutcomeUnknown ? 'No se sabe si la publicación quedó hecha; se revisará la cuenta.' : 'No se publicó nada; se reintentará.'
  return new MastodonProviderError({
    code: isTimeout ? 'MASTODON_TIMEOUT' : 'MASTODON_NETWORK',
    stage,
    isOutcomeUnknown,
    cause: error,
    message: isTimeout
      ? `Mastodon no respondió a tiempo ${WHERE[stage]}. ${outcome}`
      : `Se perdió la conexión con Mastodon ${WHERE[stage]} (${(error as Error).message}${code ? `, ${code}` : ''}). ${outcome}`,
  })
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
