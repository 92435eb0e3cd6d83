import { readFile } from 'node:fs/promises'
import { Agent as HttpAgent } from 'node:http'
import { TwitterApi, type EUploadMimeType } from 'twitter-api-v2'
import { apiUrlPlugin } from './apiUrlPlugin'
import { assertXTextFits } from './assertXTextFits'
import { toXProviderError } from './toXProviderError'
import type { XCredentials, XPostInput, XPostResult, XProvider } from './XProvider'
import { XProviderError, type XRequestStage } from './XProviderError'

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
  const client = new TwitterApi(credentials, {
    plugins: [apiUrlPlugin({ apiUrl: isDefaultHost ? null : target, timeoutMs })],
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

  return {
    mode: 'live',
    async post({ text, image }: XPostInput): Promise<XPostResult> {
      assertXTextFits(text)
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
      const { data } = await step('post', () =>
        client.tweet({ text, ...(mediaId ? { media: { media_ids: [mediaId] } } : {}) }),
      )
      return { kind: 'posted', id: data.id, url: `https://x.com/i/web/status/${data.id}` }
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
  try {
    return await readFile(path)
  } catch (error) {
    throw new XProviderError({
      code: 'X_MEDIA_UNREADABLE',
      stage: null,
      cause: error,
      message: `No se pudo leer la imagen para X (${path}). Revise que el archivo exista o publique sin imagen.`,
    })
  }
}
