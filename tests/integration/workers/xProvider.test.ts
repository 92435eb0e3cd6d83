import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createXProvider, XProviderError, type XProvider } from '../../../workers/src/providers/x/XProvider'
import { startFakeXApi, type FakeXApi, type MultipartBody } from '../../helpers/fakeXApi'

const credentials = { appKey: 'app-key', appSecret: 'app-secret', accessToken: 'access-token', accessSecret: 'access-secret' }
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('X provider against the local X API', () => {
  let api: FakeXApi
  let provider: XProvider
  let dir: string
  let imagePath: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pregon-x-'))
    imagePath = join(dir, 'mercado.jpg')
    // Noise so the JPEG is over 1 MiB: twitter-api-v2 uploads in 1 MiB chunks, and we want several.
    const raw = Buffer.alloc(1200 * 900 * 3)
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251
    await sharp(raw, { raw: { width: 1200, height: 900, channels: 3 } }).jpeg({ quality: 100 }).toFile(imagePath)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  beforeEach(async () => {
    api = await startFakeXApi()
    provider = createXProvider({ credentials, apiUrl: api.url, timeoutMs: 2_000 })
  })
  afterEach(() => api.close())

  it('uploads the image, sets its alt text and posts the text with the media id', async () => {
    const image = await readFile(imagePath)
    expect(image.length).toBeGreaterThan(1024 * 1024)
    const alt = 'Fachada del mercado Hidalgo rehabilitado, con puestos abiertos y gente comprando'

    const result = await provider.post({
      text: 'Rehabilitan el mercado Hidalgo https://municipio.gob.mx/boletines/mercado',
      image: { path: imagePath, mimeType: 'image/jpeg', alt },
    })

    expect(api.media.size).toBe(1)
    const [mediaId, media] = [...api.media][0]!
    expect(media.mediaType).toBe('image/jpeg')
    expect(media.bytes).toBe(image.length)
    expect(sha256(media.data)).toBe(sha256(image))
    expect(media.altText).toBe(alt)
    expect(api.posts).toEqual([
      expect.objectContaining({ text: 'Rehabilitan el mercado Hidalgo https://municipio.gob.mx/boletines/mercado', mediaIds: [mediaId] }),
    ])
    // The post's rate-limit headers come back with it, so the worker knows when the account must wait.
    const postAnswer = api.requests.at(-1)!.response!
    expect(result).toEqual({
      kind: 'posted',
      id: api.posts[0]!.id,
      url: `https://x.com/i/web/status/${api.posts[0]!.id}`,
      rateLimit: { remaining: Number(postAnswer.headers['x-rate-limit-remaining']), resetAt: new Date(Number(postAnswer.headers['x-rate-limit-reset']) * 1000) },
    })

    // The exact calls, in order, each signed with OAuth 1.0a user context.
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /2/media/upload/initialize',
      `POST /2/media/upload/${mediaId}/append`,
      `POST /2/media/upload/${mediaId}/append`,
      `POST /2/media/upload/${mediaId}/finalize`,
      'POST /2/media/metadata',
      'POST /2/tweets',
    ])
    expect(api.requests[0]!.body).toMatchObject({ media_type: 'image/jpeg', media_category: 'tweet_image', total_bytes: image.length })
    expect(api.requests.slice(1, 3).map((r) => (r.body as MultipartBody).fields.segment_index)).toEqual(['0', '1'])
    for (const request of api.requests) {
      expect(request.headers.authorization).toMatch(/^OAuth .*oauth_consumer_key="app-key".*oauth_token="access-token"/)
    }
  })

  it('posts text alone without touching the media endpoints', async () => {
    const result = await provider.post({ text: 'Aviso sin imagen https://municipio.gob.mx/avisos/1' })
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /2/tweets'])
    expect(api.requests[0]!.body).toEqual({ text: 'Aviso sin imagen https://municipio.gob.mx/avisos/1' })
    expect(result).toMatchObject({ kind: 'posted', id: api.posts[0]!.id })
  })

  it('makes no request at all in dry-run mode and returns what it would post', async () => {
    const dryRun = createXProvider({ credentials: null, apiUrl: api.url })
    expect(dryRun.mode).toBe('dry-run')
    const result = await dryRun.post({ text: 'Aviso', image: { path: imagePath, mimeType: 'image/jpeg', alt: 'Mercado' } })
    expect(result).toEqual({ kind: 'dry-run', text: 'Aviso', image: { path: imagePath, alt: 'Mercado' } })
    expect(api.requests).toEqual([])
  })

  it('reports a rate limit with the time X gives for retrying', async () => {
    api.failNext('rate-limit')
    const error = await provider.post({ text: 'Aviso' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(XProviderError)
    expect(error).toMatchObject({ code: 'X_RATE_LIMITED', isOutcomeUnknown: false, httpStatus: 429 })
    const answer = api.requests[0]!.response!
    expect(answer.status).toBe(429)
    expect((error as XProviderError).resetAt?.getTime()).toBe(Number(answer.headers['x-rate-limit-reset']) * 1000)
    expect(api.posts).toEqual([])
  })

  it("reports X's duplicate-content refusal as such, not as an authentication failure", async () => {
    await provider.post({ text: 'Mismo texto' })
    const error = await provider.post({ text: 'Mismo texto' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_DUPLICATE_CONTENT', httpStatus: 403, isOutcomeUnknown: false })
    expect(api.posts).toHaveLength(1)
  })

  it('reports rejected credentials', async () => {
    api.failNext('unauthorized')
    const error = await provider.post({ text: 'Aviso' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_AUTH_FAILED', httpStatus: 401, stage: 'post' })
    expect((error as Error).message).toMatch(/credenciales/)
  })

  it('says nothing was posted when the image upload fails, and never reaches the post endpoint', async () => {
    api.failNext('unavailable')
    const error = await provider
      .post({ text: 'Aviso', image: { path: imagePath, mimeType: 'image/jpeg', alt: 'Mercado' } })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_UNAVAILABLE', stage: 'upload', isOutcomeUnknown: false })
    expect(api.requests.map((r) => r.path)).toEqual(['/2/media/upload/initialize'])
  })

  it('flags the outcome as unknown when the connection drops after X created the post', async () => {
    api.failNext('reset-after-post')
    const error = await provider.post({ text: 'Aviso importante' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_NETWORK', stage: 'post', isOutcomeUnknown: true })
    expect(api.posts).toHaveLength(1)
  })

  it('flags the outcome as unknown when X does not answer the post in time', async () => {
    api.failNext('stall-after-post')
    const impatient = createXProvider({ credentials, apiUrl: api.url, timeoutMs: 300 })
    const error = await impatient.post({ text: 'Aviso importante' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_TIMEOUT', stage: 'post', isOutcomeUnknown: true })
    expect(api.posts).toHaveLength(1)
  })

  it('says nothing was posted when X cannot be reached at all', async () => {
    const unreachable = createXProvider({ credentials, apiUrl: 'http://127.0.0.1:1', timeoutMs: 2_000 })
    const error = await unreachable.post({ text: 'Aviso' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_NETWORK', stage: 'post', isOutcomeUnknown: false })
  })

  it('refuses a text over 280 weighted characters before any request', async () => {
    const error = await provider.post({ text: 'ñ'.repeat(281) }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'X_TEXT_TOO_LONG' })
    expect(api.requests).toEqual([])
  })
})

