import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTelegramProvider } from '../../../workers/src/providers/telegram/createTelegramProvider'
import { TelegramProviderError } from '../../../workers/src/providers/telegram/TelegramProviderError'
import { startFakeTelegram, type FakeTelegram, type FakeTelegramFault } from '../../helpers/fakeTelegram'
import type { MultipartBody } from '../../helpers/fakeXApi'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const live = (fake: FakeTelegram, { chatId = fake.chatId, timeoutMs = 2_000 } = {}) =>
  createTelegramProvider({ credentials: { botToken: fake.token, chatId }, apiUrl: fake.url, timeoutMs })
const sends = (fake: FakeTelegram) => fake.requests.filter((r) => /\/send(Message|Photo)$/.test(r.path))
const link = 'https://santalucia.gob.mx/boletines/mercado-hidalgo'

describe('Telegram provider against the local Bot API', () => {
  let telegram: FakeTelegram
  let dir: string
  let imagePath: string
  let image: Buffer

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pregon-telegram-'))
    imagePath = join(dir, 'mercado-og.jpg')
    const raw = Buffer.alloc(1200 * 630 * 3)
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251
    await sharp(raw, { raw: { width: 1200, height: 630, channels: 3 } }).jpeg({ quality: 90 }).toFile(imagePath)
    image = await readFile(imagePath)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  beforeEach(async () => {
    telegram = await startFakeTelegram({ retryAfterSeconds: 7 })
  })
  afterEach(() => telegram.close())

  it('uploads the photo with the text as a plain caption and links the message on the public channel', async () => {
    const text = `Rehabilitan el mercado Hidalgo ${link}`
    const result = await live(telegram).post({ text, link, image: { path: imagePath, mimeType: 'image/jpeg', alt: 'Fachada del mercado Hidalgo' } })

    expect(telegram.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /bot${telegram.token}/sendPhoto`])
    const body = telegram.requests[0]!.body as MultipartBody
    // Exactly these fields: no parse_mode, so nothing in the text is read as markup.
    expect(body.fields).toEqual({ chat_id: '@santalucia_gob', caption: text, photo: expect.stringMatching(/^attach:\/\/\w+$/) })
    expect(sha256(body.files[body.fields.photo!.slice('attach://'.length)]!.data)).toBe(sha256(image))

    const [message] = telegram.messages
    expect(telegram.messages).toHaveLength(1)
    expect(message).toMatchObject({ kind: 'photo', text, photo: { width: 1200, height: 630 } })
    expect(sha256(message!.photo!.data)).toBe(sha256(image))
    expect(telegram.posts()).toEqual([{ id: String(message!.message_id), text, image: { bytes: image.length, alt: null, width: 1200, height: 630 } }])
    expect(result).toEqual({ kind: 'posted', id: String(message!.message_id), url: `https://t.me/santalucia_gob/${message!.message_id}` })
  })

  it("sends a text alone as a message with a large preview of the bulletin's link", async () => {
    const text = `Corte de agua el martes en el centro ${link}`
    const result = await live(telegram).post({ text, link })

    expect(telegram.requests.map((r) => r.path)).toEqual([`/bot${telegram.token}/sendMessage`])
    expect(telegram.requests[0]!.body).toEqual({ chat_id: '@santalucia_gob', text, link_preview_options: { url: link, prefer_large_media: true } })
    expect(telegram.messages).toMatchObject([{ kind: 'text', text, photo: null, options: { link_preview_options: { url: link, prefer_large_media: true } } }])
    expect(result).toEqual({ kind: 'posted', id: '101', url: 'https://t.me/santalucia_gob/101' })
  })

  it('links a message in a private channel, addressed by its -100 id, with t.me/c', async () => {
    const privateChannel = await startFakeTelegram({ channel: { username: null } })
    try {
      expect(privateChannel.chatId).toBe('-1001987654321')
      const result = await live(privateChannel).post({ text: 'Aviso para el personal' })
      expect(privateChannel.requests[0]!.body).toEqual({ chat_id: '-1001987654321', text: 'Aviso para el personal' })
      expect(result).toEqual({ kind: 'posted', id: '101', url: 'https://t.me/c/1987654321/101' })
    } finally {
      await privateChannel.close()
    }
  })

  it('makes no request in dry-run mode, and still refuses a text over the limit', async () => {
    const dryRun = createTelegramProvider({ credentials: null, apiUrl: telegram.url })
    expect(dryRun.mode).toBe('dry-run')
    const result = await dryRun.post({ text: 'Aviso', image: { path: imagePath, mimeType: 'image/jpeg', alt: 'Mercado' } })
    expect(result).toEqual({ kind: 'dry-run', text: 'Aviso', image: { path: imagePath, alt: 'Mercado' } })
    await expect(dryRun.post({ text: 'a'.repeat(1025) })).rejects.toMatchObject({ code: 'TELEGRAM_TEXT_TOO_LONG', category: 'rejected' })
    expect(telegram.requests).toEqual([])
  })

  it("counts the caption in UTF-16 units like Telegram: 1,024 pass, one more is refused before any request", async () => {
    const photo = { path: imagePath, mimeType: 'image/jpeg', alt: '' }
    // Each 📣 is two UTF-16 units: 512 of them are exactly the limit, and the fake (like Telegram) takes them.
    await live(telegram).post({ text: '📣'.repeat(512), image: photo })
    expect(telegram.messages.map((m) => m.text.length)).toEqual([1024])

    const error = await live(telegram).post({ text: `${'📣'.repeat(512)}!`, image: photo }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TelegramProviderError)
    expect(error).toMatchObject({ code: 'TELEGRAM_TEXT_TOO_LONG', category: 'rejected', isOutcomeUnknown: false })
    expect((error as Error).message).toMatch(/1025 caracteres y se admiten 1024/)
    expect(telegram.requests).toHaveLength(1)
  })

  // Each error surfaces after exactly one send request: a retrying client (the auto-retry plugin) would have
  // sent again inside the same call before giving up — after retry_after on a 429, after a pause on a 5xx.
  it.each<{ fault: FakeTelegramFault; code: string; category: string; isOutcomeUnknown: boolean; kept: number; says: RegExp }>([
    { fault: 'flood', code: 'TELEGRAM_RATE_LIMITED', category: 'rate-limited', isOutcomeUnknown: false, kept: 0, says: /esperar 7 s/ },
    { fault: 'unavailable', code: 'TELEGRAM_UNAVAILABLE', category: 'unavailable', isOutcomeUnknown: true, kept: 0, says: /HTTP 500.*no se sabe si el mensaje quedó publicado/ },
    { fault: 'bad-gateway-after-post', code: 'TELEGRAM_UNAVAILABLE', category: 'unavailable', isOutcomeUnknown: true, kept: 1, says: /no es su API.*revise el canal/ },
    { fault: 'reset-after-post', code: 'TELEGRAM_NETWORK', category: 'unavailable', isOutcomeUnknown: true, kept: 1, says: /ECONNRESET.*revise el canal/ },
    { fault: 'stall-after-post', code: 'TELEGRAM_TIMEOUT', category: 'unavailable', isOutcomeUnknown: true, kept: 1, says: /no respondió a tiempo/ },
    { fault: 'revoked-token', code: 'TELEGRAM_TOKEN_REFUSED', category: 'auth', isOutcomeUnknown: false, kept: 0, says: /@BotFather.*TELEGRAM_BOT_TOKEN.*«Reintentar»/ },
    { fault: 'not-admin', code: 'TELEGRAM_NOT_ADMIN', category: 'auth', isOutcomeUnknown: false, kept: 0, says: /bot is not a member.*administrador.*permiso para publicar.*«Reintentar»/ },
  ])('classifies $fault on the send as $code ($category), outcome unknown: $isOutcomeUnknown', async ({ fault, kept, says, ...expected }) => {
    telegram.failNext(fault, 1, 'post')
    const error = await live(telegram, { timeoutMs: 500 }).post({ text: 'Aviso importante' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(TelegramProviderError)
    expect(error).toMatchObject({ ...expected, stage: 'send' })
    expect((error as Error).message).toMatch(says)
    // The token is in every request's address; it must reach neither a message people read nor the logs.
    expect((error as Error).message).not.toContain(telegram.token.split(':')[1])
    expect(String((error as Error).cause)).not.toContain(telegram.token.split(':')[1])
    expect(sends(telegram)).toHaveLength(1)
    expect(telegram.pendingFaults()).toBe(0)
    expect(telegram.messages.map((m) => m.text)).toEqual(kept ? ['Aviso importante'] : [])
  })

  it('sets resetAt from retry_after on a flood limit', async () => {
    telegram.failNext('flood')
    const before = Date.now()
    const error = (await live(telegram).post({ text: 'Aviso' }).catch((e: unknown) => e)) as TelegramProviderError
    const after = Date.now()
    expect(telegram.requests[0]!.response?.status).toBe(429)
    expect(error.httpStatus).toBe(429)
    expect(error.resetAt!.getTime()).toBeGreaterThanOrEqual(before + 7_000)
    expect(error.resetAt!.getTime()).toBeLessThanOrEqual(after + 7_000)
  })

  it('says nothing was posted when the Bot API cannot be reached at all', async () => {
    const unreachable = createTelegramProvider({ credentials: { botToken: telegram.token, chatId: telegram.chatId }, apiUrl: 'http://127.0.0.1:1' })
    const error = await unreachable.post({ text: 'Aviso' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TELEGRAM_NETWORK', category: 'unavailable', stage: 'send', isOutcomeUnknown: false })
    expect((error as Error).message).toMatch(/ECONNREFUSED.*No se publicó nada/)
    // node-fetch's own message names the address, token included: the cause kept for the logs masks it.
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringContaining('/bot<TELEGRAM_BOT_TOKEN>/sendMessage') })
  })

  it('asks a person to fix the channel when the bot may not post or the channel does not exist', async () => {
    const cannotPost = await startFakeTelegram({ botRole: 'admin-cannot-post' })
    try {
      const error = await live(cannotPost).post({ text: 'Aviso' }).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'TELEGRAM_NOT_ADMIN', category: 'auth', httpStatus: 400, isOutcomeUnknown: false })
      expect((error as Error).message).toMatch(/need administrator rights.*administrador del canal con permiso para publicar/)
      expect(cannotPost.messages).toEqual([])
    } finally {
      await cannotPost.close()
    }

    const error = await live(telegram, { chatId: '@otro_canal' }).post({ text: 'Aviso' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TELEGRAM_CHANNEL_NOT_FOUND', category: 'auth', httpStatus: 400 })
    expect((error as Error).message).toMatch(/@otro_canal.*TELEGRAM_CHANNEL/)
    expect(telegram.messages).toEqual([])
  })

  it("refuses what Telegram rejects for a person to fix, and an image it cannot read before any request", async () => {
    const empty = await live(telegram).post({ text: ' ' }).catch((e: unknown) => e)
    expect(empty).toMatchObject({ code: 'TELEGRAM_REJECTED', category: 'rejected', httpStatus: 400, isOutcomeUnknown: false })
    expect((empty as Error).message).toMatch(/message text is empty/)

    const missing = join(dir, 'no-existe.jpg')
    const unreadable = await live(telegram).post({ text: 'Aviso', image: { path: missing, mimeType: 'image/jpeg', alt: '' } }).catch((e: unknown) => e)
    expect(unreadable).toMatchObject({ code: 'TELEGRAM_MEDIA_UNREADABLE', category: 'rejected', stage: null })
    expect(telegram.requests).toHaveLength(1)
  })

  it("spaces a burst of sends to the channel by Telegram's one message a second", async () => {
    const provider = live(telegram)
    await Promise.all(['Primero', 'Segundo', 'Tercero'].map((text) => provider.post({ text })))
    const arrivals = telegram.messages.map((m) => m.receivedAt)
    expect(arrivals).toHaveLength(3)
    // Unthrottled, all three arrive within milliseconds of each other.
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(950)
  })

  it('checks the connection: the bot, the channel, and its right to post there', async () => {
    const check = await live(telegram).checkConnection!()
    expect(check).toEqual({ account: 'Gobierno de Santa Lucía (@santalucia_gob)', expiresAt: null })
    expect(telegram.requests.map((r) => [r.path.split('/').at(-1), r.body])).toEqual([
      ['getMe', {}],
      ['getChat', { chat_id: '@santalucia_gob' }],
      ['getChatMember', { chat_id: '@santalucia_gob', user_id: telegram.bot.id }],
    ])
    expect(telegram.messages).toEqual([])
  })

  it.each(['not-member', 'admin-cannot-post'] as const)('fails the connection check when the bot is %s', async (botRole) => {
    const channel = await startFakeTelegram({ botRole })
    try {
      const error = await live(channel).checkConnection!().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TelegramProviderError)
      expect(error).toMatchObject({ code: 'TELEGRAM_NOT_ADMIN', category: 'auth', stage: 'check' })
      expect((error as Error).message).toMatch(/@pregon_santalucia_bot.*Agréguelo como administrador del canal con permiso para publicar mensajes/)
      expect(channel.requests.map((r) => r.path.split('/').at(-1))).toEqual(['getMe', 'getChat', 'getChatMember'])
    } finally {
      await channel.close()
    }
  })

  it('fails the connection check with a revoked token, saying where to put a new one', async () => {
    telegram.failNext('revoked-token')
    const error = await live(telegram).checkConnection!().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TELEGRAM_TOKEN_REFUSED', category: 'auth', stage: 'check', httpStatus: 401 })
    expect((error as Error).message).toMatch(/@BotFather.*TELEGRAM_BOT_TOKEN/)
  })
})
