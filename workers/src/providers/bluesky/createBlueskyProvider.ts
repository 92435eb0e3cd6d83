import { readFile } from 'node:fs/promises'
import { Agent, AtUri, CredentialSession, RichText, XRPCError, type AppBskyFeedPost, type BlobRef } from '@atproto/api'
import { TID } from '@atproto/common-web'
import { postTextRules } from '@pregon/core/channels'
import { inspectUpload } from '@pregon/media'
import type { FoundPost, RateLimitInfo, SocialImage, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { BlueskyProviderError, type BlueskyRequestStage } from './BlueskyProviderError'
import { isRefusedToken, toBlueskyProviderError } from './toBlueskyProviderError'

export interface BlueskyProvider extends SocialProvider {
  readonly channel: 'bluesky'
  makePostKey(): string
}

export interface CreateBlueskyProviderOptions {
  /** null: no Bluesky account configured (dry run). `identifier`: the handle or DID; `appPassword`: an app password, never the account's. */
  credentials: { identifier: string; appPassword: string } | null
  /** Where the account logs in (https://bsky.social, or the PDS's own address). */
  serviceUrl: string
  /** Per request; a createRecord that gets no answer in time has an unknown outcome. */
  timeoutMs?: number
}

const POSTS = 'app.bsky.feed.post'
// The embeds' blob limits (lexicons app.bsky.embed.images and app.bsky.embed.external), in bytes.
const IMAGE_MAX_BYTES = 2_000_000
const THUMBNAIL_MAX_BYTES = 1_000_000
// How many of the account's latest posts findRecentPost reads when it has no record key to ask for.
const RECENT_POSTS = 50
const TEXT_RULES = postTextRules('bluesky')

type Account = { did: string; handle: string }
type PostEmbed = AppBskyFeedPost.Record['embed']

export function createBlueskyProvider({ credentials, serviceUrl, timeoutMs = 30_000 }: CreateBlueskyProviderOptions): BlueskyProvider {
  if (!credentials) return dryRunBlueskyProvider
  const { identifier, appPassword } = credentials
  const auth = new CredentialSession(new URL(serviceUrl), (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }))
  const agent = new Agent(auth)
  let pendingLogin: Promise<Account> | null = null

  // Bluesky allows only a few logins (createSession) per hour: one is made and its session kept for the life of
  // the worker, the session refreshing its short-lived access token by itself. Concurrent posts share one login.
  function logIn(): Promise<Account> {
    pendingLogin ??= auth
      .login({ identifier, password: appPassword })
      .then(({ data }) => data)
      .catch((error: unknown) => {
        throw toBlueskyProviderError(error, 'login')
      })
      .finally(() => {
        pendingLogin = null
      })
    return pendingLogin
  }

  /**
   * Runs `call` as the account. When the session is refused even after its own refresh (the refresh token
   * expired or was revoked), it logs in again once and repeats `call`: a refused request did nothing.
   */
  async function asAccount<T>(stage: BlueskyRequestStage, call: (account: Account) => Promise<T>): Promise<T> {
    try {
      return await call(auth.session ?? (await logIn()))
    } catch (error) {
      if (!isRefusedToken(error)) throw toBlueskyProviderError(error, stage)
    }
    try {
      return await call(await logIn())
    } catch (error) {
      throw toBlueskyProviderError(error, stage)
    }
  }

  const upload = (file: ImageFile): Promise<BlobRef> =>
    asAccount('upload', async () => (await agent.com.atproto.repo.uploadBlob(file.bytes, { encoding: file.mimeType })).data.blob)

  // Files are read and checked before anything is sent, so a refused image leaves nothing behind.
  async function embedFor({ image, card }: SocialPostInput): Promise<PostEmbed> {
    if (image) {
      const file = await readImage(image, IMAGE_MAX_BYTES, 'la imagen')
      const blob = await upload(file)
      return { $type: 'app.bsky.embed.images', images: [{ image: blob, alt: image.alt.trim(), aspectRatio: { width: file.width, height: file.height } }] }
    }
    if (!card) return undefined
    const thumbnail = card.thumbnail ? await readImage(card.thumbnail, THUMBNAIL_MAX_BYTES, 'la miniatura de la tarjeta') : null
    const thumb = thumbnail ? await upload(thumbnail) : undefined
    return { $type: 'app.bsky.embed.external', external: { uri: card.url, title: card.title, description: card.description, ...(thumb ? { thumb } : {}) } }
  }

  return {
    channel: 'bluesky',
    mode: 'live',
    makePostKey,
    // Every attempt creates the record under the distribution's own key: the PDS cannot hold two.
    canResendSafely: () => true,
    async post(input: SocialPostInput): Promise<SocialPostResult> {
      assertFits(input.text, input.link)
      const rkey = input.postKey
      if (!rkey) throw missingPostKey()
      const embed = await embedFor(input)
      return asAccount('post', async (account) => {
        const record: AppBskyFeedPost.Record = { $type: POSTS, ...textWithFacets(input.text), langs: ['es'], createdAt: new Date().toISOString(), ...(embed ? { embed } : {}) }
        const { data, headers } = await agent.com.atproto.repo.createRecord({ repo: account.did, collection: POSTS, rkey, record })
        return { kind: 'posted', id: data.uri, url: postUrl(account, data.uri), rateLimit: rateLimitOf(headers), cid: data.cid }
      })
    },
    async reply({ toPostId, toPostCid, text, link, postKey }) {
      assertFits(text, link)
      if (!postKey) throw missingPostKey()
      // A reply names its parent and its thread's root by uri and cid; the original is both.
      const cid = toPostCid ?? (await asAccount('read', async () => (await agent.com.atproto.repo.getRecord(recordOf(toPostId))).data.cid))
      if (!cid) throw new BlueskyProviderError({ code: 'BLUESKY_REJECTED', stage: 'read', message: 'Bluesky no dio la huella (cid) de la publicación original, y sin ella no se puede responder. Revise que la publicación siga en la cuenta.' })
      const original = { uri: toPostId, cid }
      return asAccount('post', async (account) => {
        const record: AppBskyFeedPost.Record = { $type: POSTS, ...textWithFacets(text), langs: ['es'], createdAt: new Date().toISOString(), reply: { root: original, parent: original } }
        const { data, headers } = await agent.com.atproto.repo.createRecord({ repo: account.did, collection: POSTS, rkey: postKey, record })
        return { kind: 'posted', id: data.uri, url: postUrl(account, data.uri), rateLimit: rateLimitOf(headers), cid: data.cid }
      })
    },
    async deletePost(postId) {
      // Deleting a record that is not there succeeds: a retry after a lost answer is harmless.
      await asAccount('delete', async (account) => {
        await agent.com.atproto.repo.deleteRecord({ repo: account.did, collection: POSTS, rkey: new AtUri(postId).rkey })
      })
    },
    async findRecentPost(link, { postKey } = {}): Promise<FoundPost | null> {
      return asAccount('read', async (account) => {
        // Read from the PDS itself (not the app view's feeds, which lag): a record made a moment ago is there.
        if (postKey) {
          try {
            const { data } = await agent.com.atproto.repo.getRecord({ repo: account.did, collection: POSTS, rkey: postKey })
            return { id: data.uri, url: postUrl(account, data.uri) }
          } catch (error) {
            if (error instanceof XRPCError && error.error === 'RecordNotFound') return null
            throw error
          }
        }
        const { data } = await agent.com.atproto.repo.listRecords({ repo: account.did, collection: POSTS, limit: RECENT_POSTS })
        const found = data.records.find(({ value }) => typeof value.text === 'string' && value.text.includes(link))
        return found ? { id: found.uri, url: postUrl(account, found.uri) } : null
      })
    },
    async checkConnection() {
      // Asks the PDS, so a revoked app password shows now rather than at the next post.
      const { data } = await asAccount('read', () => agent.com.atproto.server.getSession())
      // App passwords do not expire; they can only be revoked.
      return { account: `@${data.handle}`, expiresAt: null }
    },
  }
}

const dryRunBlueskyProvider: BlueskyProvider = {
  channel: 'bluesky',
  mode: 'dry-run',
  makePostKey,
  async post({ text, link, image }) {
    assertFits(text, link)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertFits(text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
  async findRecentPost() {
    return null
  },
}

function missingPostKey(): BlueskyProviderError {
  return new BlueskyProviderError({
    code: 'BLUESKY_POST_KEY_MISSING',
    stage: null,
    message: 'Falta la clave de publicación de Bluesky (postKey) y sin ella un reintento podría publicar dos veces, así que no se publicó. Es una falla de Pregón: avise al equipo técnico.',
  })
}

/** getRecord's parameters for a post's at:// uri. */
function recordOf(uri: string): { repo: string; collection: string; rkey: string } {
  const at = new AtUri(uri)
  return { repo: at.host, collection: at.collection, rkey: at.rkey }
}

/** A TID: the record key atproto itself makes, unique to the account and sortable by time. */
function makePostKey(): string {
  return TID.nextStr()
}

function assertFits(text: string, link: string | undefined): void {
  const length = TEXT_RULES.measure(text, link)
  if (length > TEXT_RULES.max) {
    throw new BlueskyProviderError({
      code: 'BLUESKY_TEXT_TOO_LONG',
      stage: null,
      message: `El texto para Bluesky mide ${length} caracteres y se admiten ${TEXT_RULES.max}. Acórtelo y vuelva a intentarlo.`,
    })
  }
}

/**
 * The text with its links and hashtags as facets (byte ranges of the UTF-8 text, as atproto counts them).
 * Mentions are left as plain text: they need the handle resolved to a DID over the network, and an
 * unresolved one would make the record invalid.
 */
function textWithFacets(text: string): Pick<AppBskyFeedPost.Record, 'text' | 'facets'> {
  const richText = new RichText({ text })
  richText.detectFacetsWithoutResolution()
  const facets = richText.facets?.filter((facet) => !facet.features.some((feature) => feature.$type === 'app.bsky.richtext.facet#mention'))
  return { text: richText.text, ...(facets?.length ? { facets } : {}) }
}

interface ImageFile {
  bytes: Uint8Array
  mimeType: string
  width: number
  height: number
}

/** Reads an image and its upright size, refusing it when over `maxBytes`. `what` names it in a message. */
async function readImage(image: SocialImage, maxBytes: number, what: string): Promise<ImageFile> {
  const unreadable = (cause: unknown) =>
    new BlueskyProviderError({
      code: 'BLUESKY_MEDIA_UNREADABLE',
      stage: null,
      cause,
      message: `No se pudo leer ${what} para Bluesky (${image.path}). Revise que el archivo exista y sea una imagen, o publique sin ella.`,
    })
  const bytes = await readFile(image.path).catch((error: unknown) => {
    throw unreadable(error)
  })
  if (bytes.length > maxBytes) {
    throw new BlueskyProviderError({
      code: 'BLUESKY_IMAGE_TOO_LARGE',
      stage: null,
      message: `Bluesky admite como máximo ${megabytes(maxBytes)} MB para ${what} y el archivo pesa ${megabytes(bytes.length)} MB (${image.path}). Súbalo de nuevo más ligero (menos resolución o más compresión) y vuelva a intentarlo.`,
    })
  }
  const inspected = await inspectUpload(bytes).catch((error: unknown) => {
    throw unreadable(error)
  })
  if (inspected.kind !== 'image') throw unreadable(new Error(`${inspected.mime} is not an image`))
  return { bytes, mimeType: inspected.mime, width: inspected.width, height: inspected.height }
}

const megabytes = (bytes: number): string => (bytes / 1_000_000).toLocaleString('es-MX', { maximumFractionDigits: 1 })

function postUrl(account: Account, uri: string): string {
  return `https://bsky.app/profile/${account.handle}/post/${new AtUri(uri).rkey}`
}

function rateLimitOf(headers: { [name: string]: string | undefined }): RateLimitInfo | null {
  const remaining = Number(headers['ratelimit-remaining'] ?? Number.NaN)
  const reset = Number(headers['ratelimit-reset'] ?? Number.NaN)
  return Number.isFinite(remaining) && Number.isFinite(reset) ? { remaining, resetAt: new Date(reset * 1000) } : null
}
