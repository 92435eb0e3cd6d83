import { Agent as HttpAgent } from 'node:http'
import type { XCredentials } from '@pregon/core/loadConfig'
import { TwitterApi, type EUploadMimeType, type ITwitterApiClientPlugin, type TwitterRateLimit } from 'twitter-api-v2'
import type { RateLimitInfo } from '../SocialProvider'
import { readPostImage } from '../SocialProviderError'
import { apiUrlPlugin } from './apiUrlPlugin'
import { assertXTextFits } from './assertXTextFits'
import { toXProviderError } from './toXProviderError'
import { XProviderError, type XRequestStage } from './XProviderError'
import type { XPostInput, XPostResult, XProvider } from './XProviderTypes'

export const X_DEFAULT_API_URL = 'https://api.x.com'
const X_ALT_TEXT_MAX = 1000
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp'])

export interface LiveXProviderOptions {
  credentials: XCredentials
  apiUrl: string
  timeoutMs: number
}

/** Posts through X API v2 with OAuth 1.0a user context: media upload, alt text, then the post. */
export function createLiveXProvider({ credentials, apiUrl, timeoutMs }: LiveXProviderOptions): XProvider {
  const target = new URL(apiUrl)
  const isDefaultHost = target.origin === X_DEFAULT_API_URL && target.pathname === '/'
  // The post's own rate-limit headers (x-rate-limit-*, x-user-limit-24hour-*), read after each post.
  let lastPostLimit: TwitterRateLimit | undefined
  const rateLimitReader: ITwitterApiClientPlugin = {
    onAfterRequest({ url, params, response }) {
      if (params.method?.toUpperCase() === 'POST' && url.pathname.endsWith('/2/tweets')) lastPostLimit = response.rateLimit
    },
  }
  const client = new TwitterApi(credentials, {
    plugins: [apiUrlPlugin({ apiUrl: isDefaultHost ? null : target, timeoutMs }), rateLimitReader],
    // The library always calls https.request; an http.Agent is what lets it speak plain HTTP.
    ...(target.protocol === 'http:' ? { httpAgent: new HttpAgent({ keepAlive: true }) } : {}),
  }).readWrite.v2

  async function step<T>(stage: XRequestStage, call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      throw toXProviderError(error, stage)
    }
  }

  let accountId: string | undefined

  return {
    channel: 'x',
    mode: 'live',
    async checkConnection() {
      const { data } = await step('read', () => client.me())
      accountId = data.id
      // OAuth 1.0a user tokens do not expire; they stop working only when revoked.
      return { account: `@${data.username}`, expiresAt: null }
    },
    async findRecentPost(link) {
      accountId ??= (await step('read', () => client.me())).data.id
      const timeline = await step('read', () =>
        client.userTimeline(accountId!, { max_results: 100, 'tweet.fields': ['created_at', 'entities'], exclude: ['replies', 'retweets'] }),
      )
      // X rewrites links to t.co in the text; the original is in entities.urls[].expanded_url.
      const found = timeline.tweets.find(
        (tweet) => tweet.text.includes(link) || tweet.entities?.urls?.some((entity) => entity.expanded_url === link || entity.unwound_url === link),
      )
      return found ? { id: found.id, url: `https://x.com/i/web/status/${found.id}` } : null
    },
    async post({ text, link, image }: XPostInput): Promise<XPostResult> {
      assertXTextFits(text, link)
      let mediaId: string | undefined
      if (image) {
        const bytes = await readImage(image)
        const mediaType = image.mimeType as `${EUploadMimeType}`
        mediaId = await step('upload', () =>
          client.uploadMedia(bytes, { media_type: mediaType, media_category: 'tweet_image' }),
        )
        const altText = [...image.alt.trim()].slice(0, X_ALT_TEXT_MAX).join('')
        if (altText) await step('alt-text', () => client.createMediaMetadata(mediaId!, { alt_text: { text: altText } }))
      }
      lastPostLimit = undefined
      const { data } = await step('post', () =>
        client.tweet({ text, ...(mediaId ? { media: { media_ids: [mediaId] } } : {}) }),
      )
      return { kind: 'posted', id: data.id, url: `https://x.com/i/web/status/${data.id}`, rateLimit: postLimit(lastPostLimit) }
    },
    async reply({ toPostId, text, link }) {
      assertXTextFits(text, link)
      lastPostLimit = undefined
      const { data } = await step('post', () => client.tweet({ text, reply: { in_reply_to_tweet_id: toPostId } }))
      return { kind: 'posted', id: data.id, url: `https://x.com/i/web/status/${data.id}`, rateLimit: postLimit(lastPostLimit) }
    },
    async deletePost(postId) {
      try {
        await step('delete', () => client.deleteTweet(postId))
      } catch (error) {
        // Already gone (deleted by hand, or by an attempt whose answer was lost): that is what was asked.
        if (error instanceof XProviderError && error.httpStatus === 404) return
        throw error
      }
    },
  }
}

async function readImage({ path, mimeType }: { path: string; mimeType: string }): Promise<Buffer> {
  if (!IMAGE_TYPES.has(mimeType)) {
    throw new XProviderError({
      code: 'X_MEDIA_UNSUPPORTED',
      stage: null,
      message: `X no admite imágenes de tipo ${mimeType}. Use JPEG, PNG, GIF o WebP.`,
    })
  }
  return readPostImage({ path, network: 'X' }, (failure) => new XProviderError({ ...failure, code: 'X_MEDIA_UNREADABLE', stage: null }))
}

/** The tighter of the 15-minute window and the account's 24-hour quota. */
function postLimit(limit: TwitterRateLimit | undefined): RateLimitInfo | null {
  if (!limit) return null
  const windows = [limit, limit.userDay].filter((w): w is NonNullable<typeof w> => Boolean(w) && Number.isFinite(w!.remaining) && Number.isFinite(w!.reset))
  if (windows.length === 0) return null
  const tightest = windows.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.reset > a.reset) ? b : a))
  return { remaining: tightest.remaining, resetAt: new Date(tightest.reset * 1000) }
}
