import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { SocialImage, SocialProvider } from '../../../workers/src/providers/SocialProvider'
import { createFacebookProvider } from '../../../workers/src/providers/meta/createFacebookProvider'
import { createInstagramProvider } from '../../../workers/src/providers/meta/createInstagramProvider'
import { createThreadsProvider } from '../../../workers/src/providers/meta/createThreadsProvider'
import { MetaProviderError } from '../../../workers/src/providers/meta/MetaProviderError'
import {
  FACEBOOK_FAULTS,
  INSTAGRAM_FAULTS,
  metaEnv,
  startFakeMetaGraph,
  THREADS_FAULTS,
  type FakeMetaGraph,
  type FakeMetaView,
} from '../../helpers/fakeMetaGraph'
import type { MultipartBody } from '../../helpers/fakeXApi'
import { freePort } from '../../helpers/freePort'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const MINUTE = 60_000
const REGAIN_MINUTES = 3

const link = 'https://santalucia.gob.mx/boletines/bacheo-centro/'
const text = `Arranca el programa de bacheo en el centro histórico ${link}`
const alt = 'Cuadrilla municipal rellenando un bache en la calle Hidalgo, con conos naranjas alrededor'
const photoUrl = 'https://santalucia.gob.mx/media/bacheo-centro-4x5.jpg'

/** The error a promise rejects with (a test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<MetaProviderError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
    },
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(MetaProviderError)
  return error as MetaProviderError
}

const routes = (network: FakeMetaView<string>) => network.requests.map((r) => `${r.method} ${r.path}`)
const near = (date: Date | undefined, expected: number) => expect(Math.abs((date?.getTime() ?? 0) - expected)).toBeLessThan(5_000)

describe('Meta providers against the local Graph API', () => {
  let fake: FakeMetaGraph
  let dir: string
  let imagePath: string
  let imageBytes: Buffer
  const image = (): SocialImage => ({ path: imagePath, mimeType: 'image/jpeg', alt, url: photoUrl })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pregon-meta-'))
    imagePath = join(dir, 'bacheo.jpg')
    await sharp({ create: { width: 1080, height: 1350, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toFile(imagePath)
    imageBytes = await readFile(imagePath)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  beforeEach(async () => {
    fake = await startFakeMetaGraph({ regainAccessMinutes: REGAIN_MINUTES })
  })
  afterEach(() => fake.close())

  const facebook = (timeoutMs = 2_000) =>
    createFacebookProvider({ credentials: { pageId: fake.facebook.accountId, accessToken: fake.facebook.accessToken }, apiUrl: fake.facebook.url, timeoutMs })
  const instagram = (timeoutMs = 2_000) =>
    createInstagramProvider({
      credentials: { accountId: fake.instagram.accountId, accessToken: fake.instagram.accessToken },
      apiUrl: fake.instagram.url,
      timeoutMs,
      containerPollMs: 10,
    })
  const threads = (timeoutMs = 2_000) =>
    createThreadsProvider({ credentials: { userId: fake.threads.accountId, accessToken: fake.threads.accessToken }, apiUrl: fake.threads.url, timeoutMs, containerPollMs: 10 })

  it('points the environment at the fake with its ids and tokens', () => {
    expect(metaEnv(fake)).toEqual({
      META_GRAPH_API_URL: `${fake.url}/v23.0`,
      FACEBOOK_PAGE_ID: fake.facebook.accountId,
      FACEBOOK_PAGE_ACCESS_TOKEN: fake.facebook.accessToken,
      INSTAGRAM_ACCOUNT_ID: fake.instagram.accountId,
      INSTAGRAM_ACCESS_TOKEN: fake.instagram.accessToken,
      THREADS_API_URL: `${fake.url}/v1.0`,
      THREADS_USER_ID: fake.threads.accountId,
      THREADS_ACCESS_TOKEN: fake.threads.accessToken,
    })
  })

  describe('Facebook Page', () => {
    it('uploads the photo from disk with its alt text and the text carrying the link', async () => {
      const result = await facebook().post({ text, link, image: image() })

      const [post] = fake.facebook.published
      expect(fake.facebook.published).toHaveLength(1)
      expect(post!.text).toBe(text)
      expect(post!.alt).toBe(alt)
      expect(post!.photo!.contentType).toBe('image/jpeg')
      expect(sha256(post!.photo!.data)).toBe(sha256(imageBytes))
      expect(fake.facebook.posts()).toEqual([{ id: post!.id, text, image: { bytes: imageBytes.length, alt } }])
      const postAnswer = fake.facebook.requests[0]!.response!
      expect(result).toEqual({
        kind: 'posted',
        id: post!.id,
        url: post!.permalink,
        rateLimit: { remaining: 97, resetAt: expect.any(Date) },
      })
      expect(JSON.parse(postAnswer.headers['x-business-use-case-usage']!)).toEqual({ [fake.facebook.accountId]: [expect.objectContaining({ call_count: 3 })] })

      // The photo goes to /photos as multipart; then the post's permalink is read. The token never rides in a URL.
      expect(routes(fake.facebook)).toEqual([`POST /v23.0/${fake.facebook.accountId}/photos`, `GET /v23.0/${post!.id}`])
      expect((fake.facebook.requests[0]!.body as MultipartBody).fields).toEqual({ message: text, alt_text_custom: alt })
      expect(fake.facebook.requests[1]!.query).toEqual({ fields: 'permalink_url' })
      for (const request of fake.facebook.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${fake.facebook.accessToken}`)
        expect(JSON.stringify(request.query)).not.toContain(fake.facebook.accessToken)
      }
    })

    it('makes a link post when there is no image', async () => {
      const result = await facebook().post({ text, link })
      expect(fake.facebook.requests[0]!.path).toBe(`/v23.0/${fake.facebook.accountId}/feed`)
      expect(fake.facebook.requests[0]!.body).toEqual({ message: text, link })
      expect(fake.facebook.posts()).toEqual([{ id: fake.facebook.published[0]!.id, text, image: null }])
      expect(result).toMatchObject({ kind: 'posted', id: fake.facebook.published[0]!.id, url: fake.facebook.published[0]!.permalink })
    })

    it('makes no request in dry-run mode, and still refuses a text over the limit', async () => {
      const dryRun = createFacebookProvider({ credentials: null, apiUrl: fake.facebook.url })
      expect(dryRun.mode).toBe('dry-run')
      expect(await dryRun.post({ text, link, image: image() })).toEqual({ kind: 'dry-run', text, image: { path: imagePath, alt } })
      const error = await failure(dryRun.post({ text: 'a'.repeat(63_207), link }))
      expect(error).toMatchObject({ code: 'FACEBOOK_TEXT_TOO_LONG', category: 'rejected' })
      expect(error.message).toContain('63207')
      expect(fake.requests).toEqual([])
    })

    it('makes the whole account wait when the usage header says the quota is nearly used', async () => {
      fake.facebook.failNext('near-limit')
      const result = await facebook().post({ text, link })
      expect(result.kind === 'posted' && result.rateLimit?.remaining).toBe(0)
      near(result.kind === 'posted' ? result.rateLimit?.resetAt : undefined, Date.now() + REGAIN_MINUTES * MINUTE)
      expect(fake.facebook.published).toHaveLength(1)
    })

    it('says the credentials were refused, naming the variable to renew', async () => {
      fake.facebook.failNext('expired-token')
      const error = await failure(facebook().post({ text, link }))
      expect(error).toMatchObject({ code: 'FACEBOOK_TOKEN_EXPIRED', category: 'auth', isOutcomeUnknown: false, stage: 'post' })
      expect(error.message).toContain('FACEBOOK_PAGE_ACCESS_TOKEN')
      expect(error.message).toContain('«Reintentar»')
      expect(fake.facebook.published).toEqual([])
    })

    it('refuses an image file it cannot read before any request', async () => {
      const error = await failure(facebook().post({ text, link, image: { ...image(), path: join(dir, 'no-existe.jpg') } }))
      expect(error).toMatchObject({ code: 'FACEBOOK_IMAGE_UNREADABLE', category: 'rejected' })
      expect(fake.requests).toEqual([])
    })

    it('says nothing was posted when Facebook cannot be reached at all', async () => {
      // A port nothing listens on (fetch itself refuses well-known ones such as 1 before connecting).
      const apiUrl = `http://127.0.0.1:${await freePort()}/v23.0`
      const unreachable = createFacebookProvider({ credentials: { pageId: '1', accessToken: 't' }, apiUrl, timeoutMs: 2_000 })
      const error = await failure(unreachable.post({ text, link }))
      expect(error).toMatchObject({ code: 'FACEBOOK_NETWORK', stage: 'post', isOutcomeUnknown: false })
    })

    it('finds a post made before its answer was lost, among the Page’s recent posts', async () => {
      await facebook().post({ text: 'Otro aviso https://santalucia.gob.mx/boletines/otro/' })
      fake.facebook.failNext('reset-after-post')
      const error = await failure(facebook().post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'FACEBOOK_NETWORK', isOutcomeUnknown: true })
      const made = fake.facebook.published[1]!
      expect(await facebook().findRecentPost!(link)).toEqual({ id: made.id, url: made.permalink })
      expect(fake.facebook.requests.at(-1)!.path).toBe(`/v23.0/${fake.facebook.accountId}/published_posts`)
      expect(await facebook().findRecentPost!('https://santalucia.gob.mx/boletines/nunca-publicado/')).toBeNull()
    })

    it('finds a link post by its attachment even when the message does not carry the link', async () => {
      await facebook().post({ text: 'Aviso sin dirección en el texto', link })
      expect(await facebook().findRecentPost!(link)).toEqual({ id: fake.facebook.published[0]!.id, url: fake.facebook.published[0]!.permalink })
    })

    it('reads the Page for «Probar conexión» without posting', async () => {
      expect(await facebook().checkConnection!()).toEqual({ account: `${fake.facebook.pageName} (página)`, expiresAt: null })
      expect(fake.facebook.published).toEqual([])
    })
  })

  describe('Instagram', () => {
    it('checks the quota, has Instagram fetch the portal’s photo, waits for the container and publishes it', async () => {
      const result = await instagram().post({ text, link, image: image() })

      const [post] = fake.instagram.published
      const [container] = [...fake.instagram.containers.values()]
      const account = fake.instagram.accountId
      expect(routes(fake.instagram)).toEqual([
        `GET /v23.0/${account}/content_publishing_limit`,
        `POST /v23.0/${account}/media`,
        `GET /v23.0/${container!.id}`,
        `GET /v23.0/${container!.id}`,
        `POST /v23.0/${account}/media_publish`,
        `GET /v23.0/${post!.id}`,
      ])
      expect(fake.instagram.requests[1]!.body).toEqual({ image_url: photoUrl, caption: text, alt_text: alt })
      expect(fake.instagram.requests[2]!.response!.status).toBe(200)
      expect(fake.instagram.requests[4]!.body).toEqual({ creation_id: container!.id })
      expect(fake.instagram.posts()).toEqual([{ id: post!.id, text, image: { url: photoUrl, alt } }])
      expect(result).toEqual({ kind: 'posted', id: post!.id, url: post!.permalink, rateLimit: { remaining: 97, resetAt: expect.any(Date) } })
    })

    it('refuses a post without a photo, before any request and in a dry run too', async () => {
      const error = await failure(instagram().post({ text, link }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_IMAGE_REQUIRED', category: 'rejected' })
      expect(error.message).toContain('Instagram solo publica con una foto')
      const dryRun = createInstagramProvider({ credentials: null, apiUrl: fake.instagram.url })
      expect(await failure(dryRun.post({ text, link }))).toMatchObject({ code: 'INSTAGRAM_IMAGE_REQUIRED' })
      expect(await failure(dryRun.post({ text: 'a'.repeat(2_201), link, image: image() }))).toMatchObject({ code: 'INSTAGRAM_TEXT_TOO_LONG' })
      expect(await dryRun.post({ text, link, image: image() })).toEqual({ kind: 'dry-run', text, image: { path: imagePath, alt } })
      expect(fake.requests).toEqual([])
    })

    it('waits when the account has used its publishing quota, without creating a container', async () => {
      fake.instagram.failNext('publishing-limit')
      const error = await failure(instagram().post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_PUBLISHING_LIMIT', category: 'rate-limited', isOutcomeUnknown: false })
      // 50 posts per 86,400 s: one post's share of the window.
      near(error.resetAt, Date.now() + (86_400 / 50) * 1000)
      expect(routes(fake.instagram)).toEqual([`GET /v23.0/${fake.instagram.accountId}/content_publishing_limit`])
    })

    it('counts the quota from what the account really published', async () => {
      await fake.close()
      fake = await startFakeMetaGraph({ instagramQuota: { total: 1, windowSeconds: 10 } })
      await instagram().post({ text, link, image: image() })
      const error = await failure(instagram().post({ text: `Otro ${link}`, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_PUBLISHING_LIMIT' })
      near(error.resetAt, Date.now() + 10_000)
      expect(fake.instagram.published).toHaveLength(1)
    })

    it('retries shortly when Instagram cannot fetch the photo from the portal yet', async () => {
      fake.instagram.failNext('image-unfetchable')
      const error = await failure(instagram().post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_IMAGE_NOT_FETCHED', category: 'unavailable', isOutcomeUnknown: false, stage: 'container' })
      expect(error.message).toMatch(/no pudo descargar la imagen desde el portal/)
      expect(error.message).toContain(photoUrl)
      expect(fake.instagram.published).toEqual([])
    })

    it('refuses clearly when the container ends in error, and never publishes it', async () => {
      fake.instagram.failNext('container-error')
      const error = await failure(instagram().post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_CONTAINER_FAILED', category: 'rejected', isOutcomeUnknown: false })
      expect(error.message).toContain('2207009')
      expect(routes(fake.instagram).some((route) => route.endsWith('/media_publish'))).toBe(false)
    })

    it('gives up on a container that never finishes, having published nothing', async () => {
      await fake.close()
      fake = await startFakeMetaGraph({ containerPolls: 1_000 })
      const error = await failure(instagram().post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_CONTAINER_NOT_READY', category: 'unavailable', isOutcomeUnknown: false })
      expect(routes(fake.instagram).filter((route) => route.startsWith('GET') && route.includes([...fake.instagram.containers.keys()][0]!))).toHaveLength(20)
      expect(fake.instagram.published).toEqual([])
    })

    it('finds a post whose publish answer never came, by the link in its caption', async () => {
      fake.instagram.failNext('stall-after-post')
      const error = await failure(instagram(500).post({ text, link, image: image() }))
      expect(error).toMatchObject({ code: 'INSTAGRAM_TIMEOUT', stage: 'post', isOutcomeUnknown: true })
      const made = fake.instagram.published[0]!
      expect(await instagram().findRecentPost!(link)).toEqual({ id: made.id, url: made.permalink })
      expect(fake.instagram.requests.at(-1)!.query).toMatchObject({ fields: 'id,caption,permalink,timestamp' })
    })

    it('reads the account and its token’s expiry for «Probar conexión»', async () => {
      expect(await instagram().checkConnection!()).toEqual({ account: `@${fake.instagram.username}`, expiresAt: fake.instagram.tokenExpiresAt })
      expect(fake.instagram.requests.at(-1)!.query).toEqual({ input_token: fake.instagram.accessToken })
    })
  })

  describe('Threads', () => {
    it('posts the portal’s photo with its alt text through a container', async () => {
      const result = await threads().post({ text, link, image: image() })
      const [post] = fake.threads.published
      const [container] = [...fake.threads.containers.values()]
      const user = fake.threads.accountId
      expect(routes(fake.threads)).toEqual([
        `POST /v1.0/${user}/threads`,
        `GET /v1.0/${container!.id}`,
        `GET /v1.0/${container!.id}`,
        `POST /v1.0/${user}/threads_publish`,
        `GET /v1.0/${post!.id}`,
      ])
      expect(fake.threads.requests[0]!.body).toEqual({ media_type: 'IMAGE', image_url: photoUrl, text, alt_text: alt })
      expect(fake.threads.requests[1]!.query).toEqual({ fields: 'status,error_message' })
      expect(fake.threads.posts()).toEqual([{ id: post!.id, text, image: { url: photoUrl, alt } }])
      expect(result).toEqual({ kind: 'posted', id: post!.id, url: post!.permalink, rateLimit: { remaining: 97, resetAt: expect.any(Date) } })
    })

    it('makes a text post with the link as its preview when there is no public photo', async () => {
      const result = await threads().post({ text, link })
      expect(fake.threads.requests[0]!.body).toEqual({ media_type: 'TEXT', text, link_attachment: link })
      expect(fake.threads.posts()).toEqual([{ id: fake.threads.published[0]!.id, text, image: null }])
      expect(result).toMatchObject({ kind: 'posted', id: fake.threads.published[0]!.id })
    })

    it('refuses a text over 500 characters, in a dry run too, before any request', async () => {
      const tooLong = `${'ñ'.repeat(501 - link.length - 1)} ${link}`
      expect(await failure(threads().post({ text: tooLong, link }))).toMatchObject({ code: 'THREADS_TEXT_TOO_LONG', category: 'rejected' })
      const dryRun = createThreadsProvider({ credentials: null, apiUrl: fake.threads.url })
      expect(await failure(dryRun.post({ text: tooLong, link }))).toMatchObject({ code: 'THREADS_TEXT_TOO_LONG' })
      expect(await dryRun.post({ text, link })).toEqual({ kind: 'dry-run', text, image: null })
      expect(fake.requests).toEqual([])
    })

    it('finds a text post whose publish answer was lost, by its link', async () => {
      fake.threads.failNext('bad-gateway-after-post')
      const error = await failure(threads().post({ text: 'Aviso sin dirección en el texto', link }))
      expect(error).toMatchObject({ code: 'THREADS_UNAVAILABLE', httpStatus: 502, isOutcomeUnknown: true })
      expect(await threads().findRecentPost!(link)).toEqual({ id: fake.threads.published[0]!.id, url: fake.threads.published[0]!.permalink })
    })

    it('reports the token’s expiry, and an expired token as a reason to reconnect', async () => {
      expect(await threads().checkConnection!()).toEqual({ account: `@${fake.threads.username}`, expiresAt: fake.threads.tokenExpiresAt })
      expect(fake.threads.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 24 * 60 * MINUTE)
      fake.threads.failNext('expired-token')
      const error = await failure(threads().checkConnection!())
      expect(error).toMatchObject({ code: 'THREADS_TOKEN_EXPIRED', category: 'auth', stage: 'read' })
      expect(error.message).toContain('THREADS_ACCESS_TOKEN')
    })
  })

  /**
   * Every fault the random plans inject, on each network, classified the way the posting task needs: what waits,
   * what is looked up on the account (and found exactly when the post was made), what is retried.
   */
  describe.each([
    {
      network: 'facebook' as const,
      plan: FACEBOOK_FAULTS,
      provider: () => facebook(500),
      input: () => ({ text, link, image: image() }),
      // Facebook's first request is the post itself, so a fault on 'any' lands on it too.
      expected: {
        'throttled/any': { code: 'FACEBOOK_RATE_LIMITED', isOutcomeUnknown: false },
        'unavailable/any': { code: 'FACEBOOK_UNAVAILABLE', isOutcomeUnknown: true },
        'unavailable/post': { code: 'FACEBOOK_UNAVAILABLE', isOutcomeUnknown: true },
        'duplicate/post': { code: 'FACEBOOK_DUPLICATE', isOutcomeUnknown: false },
      },
    },
    {
      network: 'instagram' as const,
      plan: INSTAGRAM_FAULTS,
      provider: () => instagram(500),
      input: () => ({ text, link, image: image() }),
      expected: {
        'throttled/any': { code: 'INSTAGRAM_RATE_LIMITED', isOutcomeUnknown: false },
        'unavailable/any': { code: 'INSTAGRAM_UNAVAILABLE', isOutcomeUnknown: false },
        'unavailable/post': { code: 'INSTAGRAM_UNAVAILABLE', isOutcomeUnknown: true },
        'publishing-limit/any': { code: 'INSTAGRAM_PUBLISHING_LIMIT', isOutcomeUnknown: false },
        'image-unfetchable/any': { code: 'INSTAGRAM_IMAGE_NOT_FETCHED', isOutcomeUnknown: false },
      },
    },
    {
      network: 'threads' as const,
      plan: THREADS_FAULTS,
      provider: () => threads(500),
      input: () => ({ text, link, image: image() }),
      expected: {
        'throttled/any': { code: 'THREADS_RATE_LIMITED', isOutcomeUnknown: false },
        'unavailable/any': { code: 'THREADS_UNAVAILABLE', isOutcomeUnknown: false },
        'unavailable/post': { code: 'THREADS_UNAVAILABLE', isOutcomeUnknown: true },
      },
    },
  ])('$network fault plan', ({ network, plan, provider, input, expected }) => {
    const prefix = network.toUpperCase()
    const lostAnswers: Record<string, string> = {
      'reset-after-post/post': `${prefix}_NETWORK`,
      'stall-after-post/post': `${prefix}_TIMEOUT`,
      'bad-gateway-after-post/post': `${prefix}_UNAVAILABLE`,
    }

    it.each(plan.map(([fault, on]) => [`${fault}/${on}`, fault, on] as const))('%s', async (_, fault, on) => {
      const view = fake[network] as FakeMetaView<typeof fault>
      view.failNext(fault, 1, on)
      const key = `${fault}/${on}`
      const posted = provider().post(input())
      if (fault === 'near-limit') {
        const result = await posted
        expect(result.kind === 'posted' && result.rateLimit).toEqual({ remaining: 0, resetAt: expect.any(Date) })
        expect(view.published).toHaveLength(1)
        return
      }
      const error = await failure(posted)
      expect(view.pendingFaults()).toBe(0)
      const lost = lostAnswers[key]
      if (lost) {
        // The post was made and its answer lost: unknown, and the account read-back finds it.
        expect(error).toMatchObject({ code: lost, category: 'unavailable', stage: 'post', isOutcomeUnknown: true })
        expect(view.published).toHaveLength(1)
        expect(await (provider() as SocialProvider).findRecentPost!(link)).toEqual({ id: view.published[0]!.id, url: view.published[0]!.permalink })
        return
      }
      expect(error).toMatchObject(expected[key as keyof typeof expected]!)
      // Nothing was made, so a look-up (for an unknown outcome or a duplicate) finds nothing.
      expect(view.published).toEqual([])
      if (error.isOutcomeUnknown || error.category === 'duplicate') expect(await provider().findRecentPost!(link)).toBeNull()
      if (error.category === 'rate-limited' && fault === 'throttled') near(error.resetAt, Date.now() + REGAIN_MINUTES * MINUTE)
    })
  })
})
