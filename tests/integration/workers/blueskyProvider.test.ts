import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BlueskyProviderError } from '../../../workers/src/providers/bluesky/BlueskyProviderError'
import { createBlueskyProvider, type BlueskyProvider } from '../../../workers/src/providers/bluesky/createBlueskyProvider'
import { BLUESKY_FAULTS, startFakeBluesky, type FakeBluesky, type FakeBlueskyBlob, type FakeBlueskyFault } from '../../helpers/fakeBluesky'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const LINK = 'https://municipio.gob.mx/boletines/inauguracion-del-mercado/'
// Accents and an emoji before the link: its UTF-8 byte offset is not its UTF-16 index.
const TEXT = `Inauguración del mercado Hidalgo en Santa Lucía 🎉 ${LINK} #SantaLucía`

describe('Bluesky provider against the local PDS', () => {
  let fake: FakeBluesky
  let provider: BlueskyProvider
  let dir: string
  let photoPath: string
  let hugePath: string

  const live = (fakePds: FakeBluesky, options: { timeoutMs?: number; appPassword?: string } = {}) =>
    createBlueskyProvider({
      credentials: { identifier: fakePds.account.handle, appPassword: options.appPassword ?? fakePds.account.appPassword },
      serviceUrl: fakePds.url,
      timeoutMs: options.timeoutMs ?? 2_000,
    })
  const calls = (fakePds: FakeBluesky = fake) => fakePds.requests.map((r) => `${r.method} ${r.path.replace('/xrpc/', '')}`)
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure')).catch((e: unknown) => e as BlueskyProviderError)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pregon-bluesky-'))
    photoPath = join(dir, 'mercado-og.jpg')
    await sharp({ create: { width: 1200, height: 630, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg({ quality: 85 }).toFile(photoPath)
    // Noise does not compress: a 1200 × 630 PNG of it is over Bluesky's 2 MB image limit.
    hugePath = join(dir, 'enorme.png')
    await sharp(randomBytes(1200 * 630 * 3), { raw: { width: 1200, height: 630, channels: 3 } }).png().toFile(hugePath)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  beforeEach(async () => {
    fake = await startFakeBluesky()
    provider = live(fake)
  })
  afterEach(() => fake.close())

  it('logs in once, uploads the image with its alt text and aspect ratio, and creates the post under its key', async () => {
    const photo = await readFile(photoPath)
    const alt = 'Fachada del mercado Hidalgo rehabilitado, con puestos abiertos y gente comprando'
    const postKey = provider.makePostKey()

    const result = await provider.post({ text: TEXT, link: LINK, image: { path: photoPath, mimeType: 'image/jpeg', alt }, postKey })

    expect(calls()).toEqual(['POST com.atproto.server.createSession', 'POST com.atproto.repo.uploadBlob', 'POST com.atproto.repo.createRecord'])
    expect(fake.requests[0]!.body).toEqual({ identifier: 'municipio.bsky.social', password: fake.account.appPassword })
    for (const request of fake.requests.slice(1)) expect(request.headers.authorization).toBe('Bearer fake-access-1')

    expect(fake.blobs.size).toBe(1)
    const [[cid, blob]] = [...fake.blobs] as [[string, FakeBlueskyBlob]]
    expect(blob.mimeType).toBe('image/jpeg')
    expect(sha256(blob.data)).toBe(sha256(photo))

    expect(fake.records).toHaveLength(1)
    const [record] = fake.records
    expect(record!.rkey).toBe(postKey)
    expect(record!.value).toMatchObject({ $type: 'app.bsky.feed.post', text: TEXT, langs: ['es'] })
    expect(record!.value.embed).toEqual({
      $type: 'app.bsky.embed.images',
      images: [{ image: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/jpeg', size: photo.length }, alt, aspectRatio: { width: 1200, height: 630 } }],
    })

    const postAnswer = fake.requests.at(-1)!.response!
    expect(result).toEqual({
      kind: 'posted',
      id: `at://${fake.account.did}/app.bsky.feed.post/${postKey}`,
      url: `https://bsky.app/profile/municipio.bsky.social/post/${postKey}`,
      rateLimit: { remaining: Number(postAnswer.headers['ratelimit-remaining']), resetAt: new Date(Number(postAnswer.headers['ratelimit-reset']) * 1000) },
      // The record's cid, which a later reply (a correction, a withdrawal notice) must name.
      cid: fake.records.find((created) => created.rkey === postKey)!.cid,
    })

    // The session is kept: a second post does not log in again.
    await provider.post({ text: 'Segundo aviso', postKey: provider.makePostKey() })
    expect(calls().filter((call) => call.endsWith('createSession'))).toHaveLength(1)
    expect(fake.records).toHaveLength(2)
  })

  it('marks the link and the hashtag with facets at their exact UTF-8 byte offsets', async () => {
    await provider.post({ text: TEXT, link: LINK, postKey: provider.makePostKey() })

    const { facets } = fake.records[0]!.value
    const bytes = Buffer.from(TEXT, 'utf8')
    const linkFacet = facets?.find((facet) => facet.features[0]?.$type === 'app.bsky.richtext.facet#link')
    expect(linkFacet?.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: LINK }])
    expect(bytes.subarray(linkFacet!.index.byteStart, linkFacet!.index.byteEnd).toString('utf8')).toBe(LINK)
    // «ó» and «í» take one byte more in UTF-8 than in UTF-16, «🎉» two more: the byte offset is 4 past the string index.
    expect(linkFacet!.index.byteStart).toBe(TEXT.indexOf(LINK) + 4)

    const tagFacet = facets?.find((facet) => facet.features[0]?.$type === 'app.bsky.richtext.facet#tag')
    expect(tagFacet?.features).toEqual([{ $type: 'app.bsky.richtext.facet#tag', tag: 'SantaLucía' }])
    expect(bytes.subarray(tagFacet!.index.byteStart, tagFacet!.index.byteEnd).toString('utf8')).toBe('#SantaLucía')
  })

  it('leaves a mention as plain text, since it would need the handle resolved over the network', async () => {
    const text = `Aviso de @municipio.bsky.social ${LINK}`
    await provider.post({ text, link: LINK, postKey: provider.makePostKey() })
    expect(fake.records[0]!.value.facets?.map((facet) => facet.features[0]!.$type)).toEqual(['app.bsky.richtext.facet#link'])
  })

  it('without an image, posts the link card with its thumbnail', async () => {
    const thumbnail = await readFile(photoPath)
    const card = {
      url: LINK,
      title: 'Inauguración del mercado Hidalgo',
      description: 'El mercado reabre con 120 puestos rehabilitados.',
      thumbnail: { path: photoPath, mimeType: 'image/jpeg', alt: 'Fachada del mercado' },
    }

    await provider.post({ text: TEXT, link: LINK, card, postKey: provider.makePostKey() })

    expect(fake.blobs.size).toBe(1)
    const [cid] = fake.blobs.keys()
    expect(fake.records[0]!.value.embed).toEqual({
      $type: 'app.bsky.embed.external',
      external: { uri: LINK, title: card.title, description: card.description, thumb: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/jpeg', size: thumbnail.length } },
    })
    expect(fake.posts()).toEqual([{ id: fake.records[0]!.uri, text: TEXT, image: { bytes: thumbnail.length, alt: null } }])
  })

  it('posts a card without a thumbnail when the card has none, uploading nothing', async () => {
    await provider.post({ text: TEXT, link: LINK, card: { url: LINK, title: 'Mercado', description: 'Reapertura' }, postKey: provider.makePostKey() })
    expect(calls()).not.toContain('POST com.atproto.repo.uploadBlob')
    expect(fake.records[0]!.value.embed).toEqual({ $type: 'app.bsky.embed.external', external: { uri: LINK, title: 'Mercado', description: 'Reapertura' } })
  })

  it('makes no request at all in dry-run mode, and still refuses a text that does not fit', async () => {
    const dryRun = createBlueskyProvider({ credentials: null, serviceUrl: fake.url })
    expect(dryRun.mode).toBe('dry-run')
    const result = await dryRun.post({ text: TEXT, link: LINK, image: { path: photoPath, mimeType: 'image/jpeg', alt: 'Mercado' } })
    expect(result).toEqual({ kind: 'dry-run', text: TEXT, image: { path: photoPath, alt: 'Mercado' } })
    expect(await failure(dryRun.post({ text: 'a'.repeat(301) }))).toMatchObject({ code: 'BLUESKY_TEXT_TOO_LONG', category: 'rejected' })
    expect(fake.requests).toEqual([])
  })

  it('counts graphemes: 300 flags fit, 301 are refused before any request', async () => {
    // Each flag is one grapheme of four UTF-16 units.
    const error = await failure(provider.post({ text: '🇲🇽'.repeat(301), postKey: provider.makePostKey() }))
    expect(error).toBeInstanceOf(BlueskyProviderError)
    expect(error).toMatchObject({ code: 'BLUESKY_TEXT_TOO_LONG', category: 'rejected', isOutcomeUnknown: false })
    expect(error.message).toMatch(/301 caracteres y se admiten 300/)
    expect(fake.requests).toEqual([])

    await provider.post({ text: '🇲🇽'.repeat(300), postKey: provider.makePostKey() })
    expect(fake.records).toHaveLength(1)
  })

  it("refuses an image over Bluesky's 2 MB limit before logging in or uploading anything", async () => {
    expect((await stat(hugePath)).size).toBeGreaterThan(2_000_000)
    const error = await failure(provider.post({ text: TEXT, link: LINK, image: { path: hugePath, mimeType: 'image/png', alt: 'Ruido' }, postKey: provider.makePostKey() }))
    expect(error).toMatchObject({ code: 'BLUESKY_IMAGE_TOO_LARGE', category: 'rejected', isOutcomeUnknown: false })
    expect(error.message).toMatch(/máximo 2 MB/)
    expect(fake.requests).toEqual([])
  })

  it('refuses an image file that is missing, saying which', async () => {
    const missing = join(dir, 'no-existe.jpg')
    const error = await failure(provider.post({ text: TEXT, image: { path: missing, mimeType: 'image/jpeg', alt: 'x' }, postKey: provider.makePostKey() }))
    expect(error).toMatchObject({ code: 'BLUESKY_MEDIA_UNREADABLE', category: 'rejected' })
    expect(error.message).toContain(missing)
    expect(fake.requests).toEqual([])
  })

  it('refuses a live post without its key, since a retry could then post twice', async () => {
    const error = await failure(provider.post({ text: TEXT, link: LINK }))
    expect(error).toMatchObject({ code: 'BLUESKY_POST_KEY_MISSING', category: 'rejected', isOutcomeUnknown: false })
    expect(fake.requests).toEqual([])
  })

  it('makes post keys that are TIDs: 13 base32-sortable characters, each later one greater', () => {
    const keys = Array.from({ length: 50 }, () => provider.makePostKey())
    for (const key of keys) expect(key).toMatch(/^[234567a-j][234567a-z]{12}$/)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.toSorted()).toEqual(keys)
  })

  it('a post whose answer was lost, sent again with the same key, is one post, found by its key', async () => {
    fake.failNext('reset-after-post')
    const postKey = provider.makePostKey()
    const lost = await failure(provider.post({ text: TEXT, link: LINK, postKey }))
    expect(lost).toMatchObject({ code: 'BLUESKY_NETWORK', stage: 'post', category: 'unavailable', isOutcomeUnknown: true })
    expect(fake.records).toHaveLength(1)

    // As bsky.social's PDS does today, the taken key is answered with a 500: still an unknown outcome, so look.
    const again = await failure(provider.post({ text: TEXT, link: LINK, postKey }))
    expect(again).toMatchObject({ code: 'BLUESKY_UNAVAILABLE', httpStatus: 500, stage: 'post', isOutcomeUnknown: true })
    expect(fake.records).toHaveLength(1)

    expect(await provider.findRecentPost!(LINK, { postKey })).toEqual({
      id: `at://${fake.account.did}/app.bsky.feed.post/${postKey}`,
      url: `https://bsky.app/profile/municipio.bsky.social/post/${postKey}`,
    })
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/xrpc/com.atproto.repo.getRecord',
      query: { repo: fake.account.did, collection: 'app.bsky.feed.post', rkey: postKey },
    })
    expect(provider.canResendSafely!(new Date(0))).toBe(true)
  })

  it("reports a newer PDS's «record already exists» as a duplicate, and it is still one post", async () => {
    const pds = await startFakeBluesky({ existingRecordAnswer: 'record-already-exists' })
    try {
      const bluesky = live(pds)
      const postKey = bluesky.makePostKey()
      await bluesky.post({ text: TEXT, link: LINK, postKey })
      const error = await failure(bluesky.post({ text: TEXT, link: LINK, postKey }))
      expect(error).toMatchObject({ code: 'BLUESKY_RECORD_EXISTS', category: 'duplicate', isOutcomeUnknown: false, httpStatus: 400 })
      expect(pds.records).toHaveLength(1)
      expect(await bluesky.findRecentPost!(LINK, { postKey })).toMatchObject({ id: pds.records[0]!.uri })
    } finally {
      await pds.close()
    }
  })

  it('a 5xx on createRecord is an unknown outcome; not found by its key, it is sent again and posted once', async () => {
    fake.failNext('unavailable', 1, 'post')
    const postKey = provider.makePostKey()
    const error = await failure(provider.post({ text: TEXT, link: LINK, postKey }))
    expect(error).toMatchObject({ code: 'BLUESKY_UNAVAILABLE', httpStatus: 503, isOutcomeUnknown: true })
    expect(await provider.findRecentPost!(LINK, { postKey })).toBeNull()

    await provider.post({ text: TEXT, link: LINK, postKey })
    expect(fake.records.map((record) => record.rkey)).toEqual([postKey])
  })

  it('without a key, finds a post among the latest records by its link', async () => {
    const other = 'https://municipio.gob.mx/boletines/otro/'
    await provider.post({ text: TEXT, link: LINK, postKey: provider.makePostKey() })
    await provider.post({ text: `Otro boletín ${other}`, link: other, postKey: provider.makePostKey() })

    expect(await provider.findRecentPost!(LINK)).toMatchObject({ id: fake.records[0]!.uri })
    expect(fake.requests.at(-1)).toMatchObject({ path: '/xrpc/com.atproto.repo.listRecords', query: { repo: fake.account.did, collection: 'app.bsky.feed.post', limit: '50' } })
    expect(await provider.findRecentPost!('https://municipio.gob.mx/boletines/nunca/')).toBeNull()
  })

  describe('classifies each fault the fault suites inject', () => {
    const expected: Record<string, { outcome: object; records: number }> = {
      'rate-limit any': { outcome: { code: 'BLUESKY_RATE_LIMITED', category: 'rate-limited', isOutcomeUnknown: false }, records: 0 },
      'unavailable any': { outcome: { code: 'BLUESKY_UNAVAILABLE', category: 'unavailable', isOutcomeUnknown: true }, records: 0 },
      'unavailable post': { outcome: { code: 'BLUESKY_UNAVAILABLE', category: 'unavailable', isOutcomeUnknown: true }, records: 0 },
      'reset-after-post post': { outcome: { code: 'BLUESKY_NETWORK', category: 'unavailable', isOutcomeUnknown: true }, records: 1 },
      'stall-after-post post': { outcome: { code: 'BLUESKY_TIMEOUT', category: 'unavailable', isOutcomeUnknown: true }, records: 1 },
      'stale-token any': { outcome: { kind: 'posted' }, records: 1 },
    }

    it('covers the whole plan', () => {
      expect(BLUESKY_FAULTS.map(([fault, on]) => `${fault} ${on}`).toSorted()).toEqual(Object.keys(expected).toSorted())
    })

    it.each(BLUESKY_FAULTS.map(([fault, on]) => [`${fault} ${on}`, fault, on] as const))('%s, on the post', async (name, fault: FakeBlueskyFault, on) => {
      const bluesky = live(fake, { timeoutMs: 500 })
      await bluesky.checkConnection!() // logged in: the fault meets createRecord
      fake.failNext(fault, 1, on)
      const outcome = await bluesky.post({ text: TEXT, link: LINK, postKey: bluesky.makePostKey() }).catch((e: unknown) => e)
      expect(outcome).toMatchObject({ ...expected[name]!.outcome, ...(outcome instanceof BlueskyProviderError ? { stage: 'post' } : {}) })
      expect(fake.records).toHaveLength(expected[name]!.records)
      expect(fake.pendingFaults()).toBe(0)
    })
  })

  it('reports a rate limit with the reset Bluesky announces, even on the login', async () => {
    const pds = await startFakeBluesky({ rateLimitResetSeconds: 2 })
    try {
      pds.failNext('rate-limit')
      const error = await failure(live(pds).post({ text: TEXT, postKey: 'x' }))
      const answer = pds.requests[0]!.response!
      expect(answer.status).toBe(429)
      expect(error).toMatchObject({ code: 'BLUESKY_RATE_LIMITED', stage: 'login', httpStatus: 429, isOutcomeUnknown: false })
      expect(error.resetAt?.getTime()).toBe(Number(answer.headers['ratelimit-reset']) * 1000)
      expect(error.resetAt!.getTime() - Date.now()).toBeLessThanOrEqual(3_000)
      expect(calls(pds)).toEqual(['POST com.atproto.server.createSession'])
    } finally {
      await pds.close()
    }
  })

  it('says nothing was posted when the login or the upload fails with a 5xx', async () => {
    fake.failNext('unavailable')
    const atLogin = await failure(provider.post({ text: TEXT, postKey: provider.makePostKey() }))
    expect(atLogin).toMatchObject({ code: 'BLUESKY_UNAVAILABLE', stage: 'login', isOutcomeUnknown: false })

    await provider.checkConnection!()
    fake.failNext('unavailable')
    const atUpload = await failure(provider.post({ text: TEXT, image: { path: photoPath, mimeType: 'image/jpeg', alt: 'Mercado' }, postKey: provider.makePostKey() }))
    expect(atUpload).toMatchObject({ code: 'BLUESKY_UNAVAILABLE', stage: 'upload', isOutcomeUnknown: false })
    expect(calls()).not.toContain('POST com.atproto.repo.createRecord')
  })

  it('says nothing was posted when the PDS refuses the connection to the post', async () => {
    const pds = await startFakeBluesky()
    const bluesky = live(pds)
    await bluesky.checkConnection!()
    await pds.close()
    // Let the agent's kept-alive connection see the close, so the post opens a new one and is refused. (On a
    // connection dropped under it, the post's outcome is unknown: see the faults above.)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const error = await failure(bluesky.post({ text: TEXT, postKey: bluesky.makePostKey() }))
    expect(error).toMatchObject({ code: 'BLUESKY_NETWORK', stage: 'post', isOutcomeUnknown: false })
    expect(error.message).toMatch(/ECONNREFUSED/)
  })

  it('refuses a wrong app password as an authentication failure that names BLUESKY_APP_PASSWORD', async () => {
    const error = await failure(live(fake, { appPassword: 'zzzz-zzzz-zzzz-zzzz' }).post({ text: TEXT, postKey: 'x' }))
    expect(error).toMatchObject({ code: 'BLUESKY_AUTH_FAILED', category: 'auth', stage: 'login', httpStatus: 401, isOutcomeUnknown: false })
    expect(error.message).toMatch(/BLUESKY_APP_PASSWORD/)

    fake.failNext('invalid-password')
    expect(await failure(provider.checkConnection!())).toMatchObject({ code: 'BLUESKY_AUTH_FAILED', category: 'auth' })
    expect(fake.records).toEqual([])
  })

  it('refreshes an expired access token once and posts with the new one', async () => {
    await provider.post({ text: 'Primero', postKey: provider.makePostKey() })
    fake.failNext('stale-token')
    const before = fake.requests.length

    await provider.post({ text: 'Segundo', postKey: provider.makePostKey() })

    const after = fake.requests.slice(before)
    expect(after.map((r) => `${r.path.replace('/xrpc/', '')} ${r.response?.status}`)).toEqual([
      'com.atproto.repo.createRecord 400',
      'com.atproto.server.refreshSession 200',
      'com.atproto.repo.createRecord 200',
    ])
    expect(after[1]!.headers.authorization).toBe('Bearer fake-refresh-1')
    expect(after[2]!.headers.authorization).toBe('Bearer fake-access-2')
    expect(fake.posts().map((post) => post.text)).toEqual(['Primero', 'Segundo'])
  })

  it('logs in again when the refresh token is refused too (an expired or revoked session)', async () => {
    await provider.post({ text: 'Primero', postKey: provider.makePostKey() })
    fake.revokeSessions()
    const before = fake.requests.length

    await provider.post({ text: 'Segundo', postKey: provider.makePostKey() })

    expect(fake.requests.slice(before).map((r) => `${r.path.replace('/xrpc/', '')} ${r.response?.status}`)).toEqual([
      'com.atproto.repo.createRecord 400',
      'com.atproto.server.refreshSession 400',
      'com.atproto.server.createSession 200',
      'com.atproto.repo.createRecord 200',
    ])
    expect(fake.posts().map((post) => post.text)).toEqual(['Primero', 'Segundo'])
  })

  it('checks the connection by reading the session, and names the account; an app password does not expire', async () => {
    expect(await provider.checkConnection!()).toEqual({ account: '@municipio.bsky.social', expiresAt: null })
    expect(calls()).toEqual(['POST com.atproto.server.createSession', 'GET com.atproto.server.getSession'])
    expect(fake.records).toEqual([])
  })
})
