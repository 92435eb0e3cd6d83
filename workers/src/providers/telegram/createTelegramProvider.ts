import path from 'node:path'
import { apiThrottler } from '@grammyjs/transformer-throttler'
import { postTextRules } from '@pregon/core/channels'
import { Api, GrammyError, HttpError, InputFile } from 'grammy'
import type { Message } from 'grammy/types'
import type { ConnectionCheck, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { TelegramProviderError, type TelegramRequestStage } from './TelegramProviderError'
import { NOT_SENT_CODES, readPostImage } from '../SocialProviderError'

/**
 * Posts to a Telegram channel as a bot that is one of its administrators.
 *
 * No `findRecentPost` and no `canResendSafely`: the Bot API gives a bot no way to read its channel's history
 * and has no idempotency key, so a send whose outcome is unknown can be neither looked up nor safely repeated.
 * The posting task then flags the distribution «Sin confirmar» for a person to check the channel.
 */
export interface TelegramProvider extends SocialProvider {
  readonly channel: 'telegram'
}

export interface CreateTelegramProviderOptions {
  /** null: no bot configured (dry run). `chatId`: the channel as @name or as its numeric id (-100…). */
  credentials: { botToken: string; chatId: string } | null
  /** Root of the Bot API (https://api.telegram.org, a self-hosted Bot API server, or a test stand-in). */
  apiUrl: string
  /** Per request, counted from when the request leaves (grammY starts its clock after the throttler's wait). */
  timeoutMs?: number
}

/**
 * About 20 messages a minute to one group or channel and one a second to one chat, per Telegram's bot FAQ.
 * The throttler keys a chat by `Number(chat_id)`: a -100… id gets its `group` limits, but an @name (NaN) falls
 * to its `out` limits, which have no per-minute cap. This API only ever posts to one channel, so both get the
 * channel's.
 */
const CHANNEL_PACE = { maxConcurrent: 1, minTime: 1_000, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 }
const CANNOT_POST = /not enough rights|administrator rights|CHAT_ADMIN_REQUIRED|CHAT_WRITE_FORBIDDEN|not a member|kicked|user not found|member not found/i
const DEFAULT_RETRY_AFTER_SECONDS = 60
const WHERE = { send: 'al publicar en el canal', check: 'al probar la conexión', delete: 'al borrar el mensaje del canal' } as const

export function createTelegramProvider({ credentials, apiUrl, timeoutMs = 30_000 }: CreateTelegramProviderOptions): TelegramProvider {
  if (!credentials) return dryRunTelegramProvider
  const { botToken, chatId } = credentials
  // Only an Api, never a Bot: nothing polls for updates. grammY makes each call once and never retries it; no
  // auto-retry plugin is installed, since a repeated send could post the bulletin twice.
  const api = new Api(botToken, { apiRoot: apiUrl.replace(/\/+$/, ''), timeoutSeconds: timeoutMs / 1000 })
  api.config.use(apiThrottler({ group: CHANNEL_PACE, out: CHANNEL_PACE }))

  async function call<T>(stage: TelegramRequestStage, request: () => Promise<T>): Promise<T> {
    try {
      return await request()
    } catch (error) {
      throw error instanceof GrammyError ? apiError(error, stage, chatId) : networkError(error, stage, botToken)
    }
  }

  return {
    channel: 'telegram',
    mode: 'live',
    async post({ text, link, image }: SocialPostInput): Promise<SocialPostResult> {
      assertFits(text, link)
      // Telegram photos have no alt-text field: `image.alt` cannot be sent, the caption carries the bulletin's words.
      // Read before the request, so a missing file is refused as such and never mistaken for a failed send.
      const photo = image
        ? new InputFile(
            await readPostImage({ path: image.path, network: 'Telegram' }, (failure) => new TelegramProviderError({ ...failure, code: 'TELEGRAM_MEDIA_UNREADABLE', stage: null })),
            path.basename(image.path),
          )
        : null
      // Plain text, no parse_mode: nothing a bulletin says can be misread as markup.
      const message = await call<Message>('send', () =>
        photo
          ? api.sendPhoto(chatId, photo, { caption: text })
          : api.sendMessage(chatId, text, link ? { link_preview_options: { url: link, prefer_large_media: true } } : {}),
      )
      return { kind: 'posted', id: String(message.message_id), url: messageUrl(message.chat, message.message_id) }
    },
    async reply({ toPostId, text, link }) {
      assertFits(text, link)
      // Plain text, like a post; if the original is gone, the answer still goes out (allow_sending_without_reply).
      const message = await call<Message>('send', () =>
        api.sendMessage(chatId, text, { reply_parameters: { message_id: Number(toPostId), allow_sending_without_reply: true }, link_preview_options: { is_disabled: true } }),
      )
      return { kind: 'posted', id: String(message.message_id), url: messageUrl(message.chat, message.message_id) }
    },
    async deletePost(postId) {
      try {
        await call('delete', () => api.deleteMessage(chatId, Number(postId)))
      } catch (error) {
        const said = error instanceof TelegramProviderError ? error.message : ''
        // Already gone (deleted by hand, or by an attempt whose answer was lost): that is what was asked.
        if (error instanceof TelegramProviderError && error.httpStatus === 400 && /message to delete not found/i.test(said)) return
        if (error instanceof TelegramProviderError && error.httpStatus === 400 && /can't be deleted/i.test(said)) {
          throw new TelegramProviderError({
            code: 'TELEGRAM_CANNOT_DELETE',
            stage: 'delete',
            httpStatus: 400,
            message: 'Telegram no deja que el bot borre este mensaje (un bot solo puede borrar mensajes del canal durante 48 horas).',
          })
        }
        throw error
      }
    },
    async checkConnection(): Promise<ConnectionCheck> {
      const bot = await call('check', () => api.getMe())
      const chat = await call('check', () => api.getChat(chatId))
      const member = await call('check', () => api.getChatMember(chatId, bot.id))
      if (member.status !== 'administrator' || !member.can_post_messages) {
        const role = member.status === 'administrator' ? 'es administrador del canal sin permiso para publicar' : 'no es administrador del canal'
        throw new TelegramProviderError({
          code: 'TELEGRAM_NOT_ADMIN',
          stage: 'check',
          message: `El bot @${bot.username} ${role} ${chatId}. Agréguelo como administrador del canal con permiso para publicar mensajes y vuelva a probar la conexión.`,
        })
      }
      return { account: `${chat.title ?? chatId} (${chat.username ? `@${chat.username}` : chatId})`, expiresAt: null }
    },
  }
}

const dryRunTelegramProvider: TelegramProvider = {
  channel: 'telegram',
  mode: 'dry-run',
  async post({ text, link, image }) {
    assertFits(text, link)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertFits(text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
}

/**
 * The catalogue's limit is the caption's (1,024), and it holds for a message without a photo too, so the
 * admin's counter means the same whether or not the bulletin has an image.
 */
function assertFits(text: string, link: string | undefined): void {
  const { max, measure } = postTextRules('telegram')
  const length = measure(text, link)
  if (length > max) {
    throw new TelegramProviderError({
      code: 'TELEGRAM_TEXT_TOO_LONG',
      stage: null,
      message: `El texto para Telegram mide ${length} caracteres y se admiten ${max}. Acórtelo y vuelva a intentarlo.`,
    })
  }
}

/** A public channel's link works for anyone; a private one's (t.me/c/…) only for its members. */
function messageUrl(chat: { id: number; username?: string }, messageId: number): string {
  return chat.username ? `https://t.me/${chat.username}/${messageId}` : `https://t.me/c/${String(chat.id).replace(/^-100/, '')}/${messageId}`
}

/**
 * Telegram answered: its `error_code` and `description` say what went wrong, and both go into the message.
 * The GrammyError is not kept as the cause: it holds the request's payload, photo bytes included, which a
 * logger would write out whole.
 */
function apiError(error: GrammyError, stage: TelegramRequestStage, chatId: string): TelegramProviderError {
  const status = error.error_code
  const where = WHERE[stage]
  const said = `HTTP ${status}: ${error.description}`
  const base = { stage, httpStatus: status }
  if (status === 429) {
    const retryAfter = error.parameters.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS
    const resetAt = new Date(Date.now() + retryAfter * 1000)
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_RATE_LIMITED',
      resetAt,
      message: `Telegram pidió esperar ${retryAfter} s ${where} por exceso de mensajes. Se reintentará después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }
  // 404 is what Telegram answers when it does not recognise the token in the address.
  if (status === 401 || status === 404) {
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_TOKEN_REFUSED',
      message: `Telegram no aceptó el token del bot ${where} (${said}); pudo haber sido revocado. Pida un token nuevo a @BotFather, póngalo en TELEGRAM_BOT_TOKEN, reinicie Pregón y use «Reintentar».`,
    })
  }
  if (status === 400 && /chat not found/i.test(error.description)) {
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_CHANNEL_NOT_FOUND',
      message: `Telegram no encuentra el canal ${chatId} ${where} (${said}). Revise que TELEGRAM_CHANNEL sea el @nombre del canal o su id (-100…) y que el bot sea administrador del canal con permiso para publicar; reinicie Pregón si cambió la variable y use «Reintentar».`,
    })
  }
  if (status === 403 || (status === 400 && CANNOT_POST.test(error.description))) {
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_NOT_ADMIN',
      message: `El bot no puede publicar en el canal ${chatId} (${said}). Agréguelo como administrador del canal con permiso para publicar mensajes y use «Reintentar».`,
    })
  }
  if (status >= 500) {
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_UNAVAILABLE',
      // A server error on the send may come after the message was posted.
      isOutcomeUnknown: stage === 'send',
      message:
        stage === 'send'
          ? `Telegram tuvo una falla interna (${said}) al publicar en el canal y no se sabe si el mensaje quedó publicado. Revise el canal antes de reintentar.`
          : `Telegram tuvo una falla interna (${said}) ${where}. Inténtelo más tarde.`,
    })
  }
  return new TelegramProviderError({
    ...base,
    code: 'TELEGRAM_REJECTED',
    message: `Telegram rechazó la solicitud ${where} (${said}). Revise el texto y la imagen de la difusión y vuelva a intentarlo.`,
  })
}

/**
 * No answer from the Bot API, or none it could read. The underlying error's message holds the request's
 * address, and with it the bot token: ours, which people read, never quotes it, and the cause kept for the
 * logs has the token masked.
 */
function networkError(error: unknown, stage: TelegramRequestStage, botToken: string): TelegramProviderError {
  const inner = error instanceof HttpError ? error.error : error
  const { message = String(inner), code, type } = (inner ?? {}) as { message?: string; code?: string; type?: string }
  const isOutcomeUnknown = stage === 'send' && !NOT_SENT_CODES.has(code ?? '')
  const where = WHERE[stage]
  const outcome =
    stage === 'check'
      ? 'Revise TELEGRAM_API_URL y la conexión a internet del servidor.'
      : isOutcomeUnknown
        ? 'No se sabe si el mensaje quedó publicado: revise el canal antes de reintentar.'
        : 'No se publicó nada; se reintentará.'
  const cause = Object.assign(new Error(message.replaceAll(botToken, '<TELEGRAM_BOT_TOKEN>')), { code, type })
  const base = { stage, isOutcomeUnknown, cause }
  // grammY's own deadline (timeoutSeconds) rejects with this message.
  if (/^Request to '\w+' timed out/.test(message)) {
    return new TelegramProviderError({ ...base, code: 'TELEGRAM_TIMEOUT', message: `Telegram no respondió a tiempo ${where}. ${outcome}` })
  }
  // node-fetch's 'invalid-json': something answered that is not the Bot API, like a proxy's error page.
  if (type === 'invalid-json') {
    return new TelegramProviderError({
      ...base,
      code: 'TELEGRAM_UNAVAILABLE',
      message: `Telegram respondió ${where} con algo que no es su API (probablemente una falla de su servidor). ${outcome}`,
    })
  }
  return new TelegramProviderError({
    ...base,
    code: 'TELEGRAM_NETWORK',
    message: `Se perdió la conexión con Telegram ${where}${code ? ` (${code})` : ''}. ${outcome}`,
  })
}
