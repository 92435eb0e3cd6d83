import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { recordRequest, type MultipartBody, type RecordedRequest } from './fakeXApi'
import type { FakeSocialNetwork, FaultPlan } from './fakeSocialNetwork'

/**
 * A local stand-in for the Telegram Bot API, speaking what grammY sends to `/bot<token>/<method>` (JSON, or
 * multipart with the photo as an `attach://` part): getMe, getChat, getChatMember, sendMessage (with
 * `reply_parameters`), sendPhoto and deleteMessage (refused as Telegram does after 48 hours for `undeletable` ids),
 * for one channel and one bot. Like Telegram it checks the token, the chat, the bot's rights in the channel
 * and the text limits, and it offers no way to read the channel's history (bots have none).
 */

export interface FakeTelegramMessage {
  message_id: number
  kind: 'text' | 'photo'
  /** The message's text, or the photo's caption. */
  text: string
  photo: { data: Buffer; width: number; height: number } | null
  /** Every other field of the request, as sent (link_preview_options, parse_mode…). */
  options: Record<string, unknown>
  /** When the request arrived (ms since the epoch): how a test measures the pace of sends. */
  receivedAt: number
  /** The message this one answers (`reply_parameters.message_id`). */
  replyTo?: number
}

/**
 * 'flood' answers 429 with `parameters.retry_after`; 'unavailable' a 500 before handling anything. The
 * '-after-post' ones keep the message and lose the answer: a proxy's 502 page, a dropped connection, or no
 * answer at all. 'revoked-token' answers 401 and 'not-admin' 403, as Telegram does when the bot was removed
 * from the channel.
 */
export type FakeTelegramFault =
  | 'flood'
  | 'unavailable'
  | 'bad-gateway-after-post'
  | 'reset-after-post'
  | 'stall-after-post'
  | 'revoked-token'
  | 'not-admin'

/** For random injection in fault suites: every fault a working bot may meet, none that needs a person. */
export const TELEGRAM_FAULTS: FaultPlan<FakeTelegramFault> = [
  ['flood', 'any'],
  ['flood', 'post'],
  ['unavailable', 'post'],
  ['bad-gateway-after-post', 'post'],
  ['reset-after-post', 'post'],
  ['stall-after-post', 'post'],
]

export interface FakeTelegramOptions {
  /** The channel: public with a username (addressed as @name), or private with `username: null` (addressed by id). */
  channel?: { id?: number; title?: string; username?: string | null }
  /** The bot's place in the channel. */
  botRole?: 'admin' | 'admin-cannot-post' | 'not-member'
  /** Seconds a 429 asks to wait (Telegram's vary); short in fault suites so they wait briefly. */
  retryAfterSeconds?: number
}

export interface FakeTelegram extends FakeSocialNetwork<FakeTelegramFault> {
  token: string
  bot: { id: number; is_bot: true; first_name: string; username: string }
  channel: { id: number; title: string; username: string | null }
  /** How TELEGRAM_CHANNEL names the channel: its @name when public, else its id. */
  chatId: string
  messages: FakeTelegramMessage[]
  /** Ids of the messages deleted, in order. */
  deleted: number[]
  /** Messages the bot may no longer delete (Telegram: after 48 hours). */
  undeletable: Set<number>
}

const CAPTION_MAX = 1024
const TEXT_MAX = 4096
const BAD_GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

export async function startFakeTelegram({ channel: channelOptions = {}, botRole = 'admin', retryAfterSeconds = 30 }: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const bot = { id: 7_000_000_001, is_bot: true as const, first_name: 'Pregón Santa Lucía', username: 'pregon_santalucia_bot' }
  const token = `${bot.id}:AAH-fake-telegram-token-for-pregon`
  const channel = {
    id: channelOptions.id ?? -1_001_987_654_321,
    title: channelOptions.title ?? 'Gobierno de Santa Lucía',
    username: channelOptions.username === undefined ? 'santalucia_gob' : channelOptions.username,
  }
  const chatJson = { id: channel.id, title: channel.title, type: 'channel', ...(channel.username ? { username: channel.username } : {}) }
  const requests: RecordedRequest[] = []
  const messages: FakeTelegramMessage[] = []
  const deleted: number[] = []
  const undeletable = new Set<number>()
  const faults: Array<{ fault: FakeTelegramFault; on: 'any' | 'post' }> = []
  const stalled = new Set<ServerResponse>()
  let nextMessageId = 101

  const isOurChannel = (chatId: unknown) =>
    String(chatId) === String(channel.id) || (channel.username !== null && String(chatId).toLowerCase() === `@${channel.username.toLowerCase()}`)

  const server = createServer(async (req, res) => {
    const receivedAt = Date.now()
    const recorded = await recordRequest(req, res, requests)
    const [, pathToken, method = ''] = /^\/bot([^/]+)\/(\w+)$/.exec(recorded.path) ?? []
    const isPost = method === 'sendMessage' || method === 'sendPhoto'
    const faultIndex = faults.findIndex(({ on }) => on === 'any' || isPost)
    const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]!.fault : undefined

    if (pathToken === undefined) return fail(res, 404, 'Not Found')
    if (pathToken !== token || fault === 'revoked-token') return fail(res, 401, 'Unauthorized')
    if (fault === 'flood') return fail(res, 429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds })
    if (fault === 'unavailable') return fail(res, 500, 'Internal Server Error')
    if (fault === 'not-admin') return fail(res, 403, 'Forbidden: bot is not a member of the channel chat')
    const { params, files } = paramsOf(recorded.body)

    if (method === 'getMe') return ok(res, { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false })
    if (!['getChat', 'getChatMember', 'sendMessage', 'sendPhoto', 'deleteMessage'].includes(method)) return fail(res, 404, 'Not Found')
    if (!isOurChannel(params.chat_id)) return fail(res, 400, 'Bad Request: chat not found')
    if (method === 'getChat') return ok(res, { ...chatJson, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} })
    if (method === 'getChatMember') {
      if (Number(params.user_id) !== bot.id) return fail(res, 400, 'Bad Request: user not found')
      if (botRole === 'not-member') return ok(res, { status: 'left', user: bot })
      return ok(res, { status: 'administrator', user: bot, ...administratorRights(botRole === 'admin') })
    }

    if (botRole === 'not-member') return fail(res, 403, 'Forbidden: bot is not a member of the channel chat')
    if (botRole === 'admin-cannot-post') return fail(res, 400, 'Bad Request: need administrator rights in the channel chat')
    if (method === 'deleteMessage') {
      const id = Number(params.message_id)
      const index = messages.findIndex((m) => m.message_id === id)
      if (index < 0) return fail(res, 400, 'Bad Request: message to delete not found')
      if (undeletable.has(id)) return fail(res, 400, "Bad Request: message can't be deleted")
      messages.splice(index, 1)
      deleted.push(id)
      return ok(res, true)
    }
    const { chat_id: _chatId, text: sentText, caption, photo: photoField, ...options } = params
    let photo: FakeTelegramMessage['photo'] = null
    if (method === 'sendPhoto') {
      const data = typeof photoField === 'string' && photoField.startsWith('attach://') ? files[photoField.slice('attach://'.length)]?.data : undefined
      if (!data) return fail(res, 400, 'Bad Request: there is no photo in the request')
      const size = await sharp(data).metadata().catch(() => null)
      if (!size?.width || !size.height) return fail(res, 400, 'Bad Request: IMAGE_PROCESS_FAILED')
      photo = { data, width: size.width, height: size.height }
    }
    const text = String((photo ? caption : sentText) ?? '')
    // Telegram counts UTF-16 code units, like JavaScript's length.
    if (photo && text.length > CAPTION_MAX) return fail(res, 400, 'Bad Request: message caption is too long')
    if (!photo && !text.trim()) return fail(res, 400, 'Bad Request: message text is empty')
    if (!photo && text.length > TEXT_MAX) return fail(res, 400, 'Bad Request: message is too long')

    const replyTo = (options.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined)
    if (replyTo?.message_id !== undefined && !replyTo.allow_sending_without_reply && !messages.some((m) => m.message_id === replyTo.message_id)) {
      return fail(res, 400, 'Bad Request: message to be replied not found')
    }
    const message: FakeTelegramMessage = {
      message_id: nextMessageId++,
      kind: photo ? 'photo' : 'text',
      text,
      photo,
      options,
      receivedAt,
      ...(replyTo?.message_id !== undefined ? { replyTo: replyTo.message_id } : {}),
    }
    messages.push(message)
    if (fault === 'bad-gateway-after-post') {
      res.writeHead(502, { 'content-type': 'text/html' })
      return void res.end(BAD_GATEWAY_PAGE)
    }
    if (fault === 'reset-after-post') return void res.socket?.destroy()
    if (fault === 'stall-after-post') return void stalled.add(res)
    return ok(res, messageJson(message))
  })

  function messageJson(message: FakeTelegramMessage) {
    const common = { message_id: message.message_id, sender_chat: chatJson, chat: chatJson, date: Math.floor(message.receivedAt / 1000) }
    if (message.photo) {
      const { data, width, height } = message.photo
      const fileId = `AgACAgEAAx0C${message.message_id}`
      return { ...common, caption: message.text, photo: [{ file_id: fileId, file_unique_id: `AQAD${message.message_id}`, width, height, file_size: data.length }] }
    }
    return { ...common, text: message.text, ...(message.options.link_preview_options ? { link_preview_options: message.options.link_preview_options } : {}) }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    bot,
    channel,
    chatId: channel.username ? `@${channel.username}` : String(channel.id),
    requests,
    messages,
    deleted,
    undeletable,
    posts: () =>
      messages.map(({ message_id, text, photo }) => ({
        id: String(message_id),
        text,
        // Telegram photos carry no alt text.
        image: photo ? { bytes: photo.data.length, alt: null, width: photo.width, height: photo.height } : null,
      })),
    failNext(fault, count = 1, on = fault.endsWith('-after-post') || fault === 'not-admin' ? 'post' : 'any') {
      for (let i = 0; i < count; i++) faults.push({ fault, on })
    },
    pendingFaults: () => faults.length,
    async close() {
      for (const res of stalled) res.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** The variables Pregón reads to post to this fake's channel. */
export function telegramEnv(fake: FakeTelegram): Record<string, string> {
  return { TELEGRAM_API_URL: fake.url, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_CHANNEL: fake.chatId }
}

/**
 * A request's parameters whichever way grammY sent them: a JSON body, or multipart fields (objects such as
 * link_preview_options arrive JSON-encoded) with the uploaded files under their `attach://` names.
 */
function paramsOf(body: unknown): { params: Record<string, unknown>; files: MultipartBody['files'] } {
  if (body === null || typeof body !== 'object') return { params: {}, files: {} }
  if (!('fields' in body && 'files' in body)) return { params: body as Record<string, unknown>, files: {} }
  const { fields, files } = body as MultipartBody
  const params = Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, name !== 'text' && name !== 'caption' && /^[{[]/.test(value) ? JSON.parse(value) : value]),
  )
  return { params, files }
}

function administratorRights(canPost: boolean) {
  return {
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: canPost,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_post_messages: canPost,
    can_edit_messages: canPost,
  }
}

function ok(res: ServerResponse, result: unknown): void {
  send(res, 200, { ok: true, result })
}

function fail(res: ServerResponse, status: number, description: string, parameters?: { retry_after: number }): void {
  send(res, status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) })
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(payload))
}
