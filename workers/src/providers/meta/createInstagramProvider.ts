import type { FoundPost, SocialImage, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { assertMetaTextFits } from './assertMetaTextFits'
import { createGraphClient, readPermalink, tokenExpiry } from './graphRequest'
import { MetaProviderError } from './MetaProviderError'
import { waitForContainer } from './waitForContainer'

/**
 * An Instagram professional account through the Graph API (Facebook login, same app as the Page). Instagram
 * takes no upload: it fetches the photo from the portal (`image.url`, the 4:5 crop), so a post is a container,
 * a wait until Instagram has the image, then media_publish. Only that last call can make a post. Captions do
 * not link; the bulletin's address is written out so people can copy it.
 */
export interface InstagramProvider extends SocialProvider {
  readonly channel: 'instagram'
}

export interface CreateInstagramProviderOptions {
  /** null: no account configured (dry run). */
  credentials: { accountId: string; accessToken: string } | null
  /** META_GRAPH_API_URL, with its version. */
  apiUrl: string
  timeoutMs?: number
  /** Between two looks at the container's status (tests shorten it). */
  containerPollMs?: number
}

const RECENT_POSTS = 25

export function createInstagramProvider({ credentials, apiUrl, timeoutMs = 30_000, containerPollMs = 2_000 }: CreateInstagramProviderOptions): InstagramProvider {
  if (!credentials) return dryRunInstagramProvider
  const { accountId, accessToken } = credentials
  const graph = createGraphClient({ network: 'instagram', apiUrl, accessToken, timeoutMs })
  const account = encodeURIComponent(accountId)

  /** Instagram caps API posts per rolling 24 hours; at the cap the account waits instead of being refused. */
  async function assertUnderPublishingLimit(): Promise<void> {
    const { body } = await graph<{ data: Array<{ quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }> }>(
      'read',
      `/${account}/content_publishing_limit`,
      { query: { fields: 'quota_usage,config' } },
    )
    const { quota_usage: used = 0, config: { quota_total: total = 0, quota_duration: windowSeconds = 86_400 } = {} } = body.data[0] ?? {}
    if (total <= 0 || used < total) return
    // Instagram does not say when the oldest post leaves the window; look again after one post's share of it.
    const resetAt = new Date(Date.now() + (windowSeconds / total) * 1000)
    throw new MetaProviderError({
      code: 'INSTAGRAM_PUBLISHING_LIMIT',
      stage: 'read',
      resetAt,
      message: `Instagram ya recibió ${used} de ${total} publicaciones permitidas en ${Math.round(windowSeconds / 3600)} horas. Se volverá a intentar después de ${resetAt.toISOString()}; no es necesario hacer nada.`,
    })
  }

  return {
    channel: 'instagram',
    mode: 'live',
    async post({ text, link, image }: SocialPostInput): Promise<SocialPostResult> {
      const photo = assertPostable(text, link, image)
      await assertUnderPublishingLimit()
      const { body: container } = await graph<{ id: string }>('container', `/${account}/media`, {
        body: new URLSearchParams({ image_url: photo.url, caption: text, ...(photo.alt.trim() ? { alt_text: photo.alt.trim() } : {}) }),
      })
      await waitForContainer(graph, { network: 'instagram', containerId: container.id, fields: { state: 'status_code', detail: 'status' }, pollMs: containerPollMs })
      const { body, rateLimit } = await graph<{ id: string }>('post', `/${account}/media_publish`, { body: new URLSearchParams({ creation_id: container.id }) })
      return { kind: 'posted', id: body.id, url: await readPermalink(graph, body.id, 'permalink', PROFILE_FALLBACK), rateLimit }
    },
    // A comment under the post; the Graph API cannot delete an Instagram post, so no deletePost (the task answers).
    async reply({ toPostId, text, link }) {
      assertMetaTextFits('instagram', text, link)
      const { body, rateLimit } = await graph<{ id: string }>('post', `/${encodeURIComponent(toPostId)}/comments`, { body: new URLSearchParams({ message: text }) })
      return { kind: 'posted', id: body.id, url: PROFILE_FALLBACK, rateLimit }
    },
    async findRecentPost(link): Promise<FoundPost | null> {
      const { body } = await graph<{ data: Array<{ id: string; caption?: string; permalink?: string }> }>('read', `/${account}/media`, {
        query: { fields: 'id,caption,permalink,timestamp', limit: String(RECENT_POSTS) },
      })
      const found = body.data.find((media) => media.caption?.includes(link))
      return found ? { id: found.id, url: found.permalink ?? PROFILE_FALLBACK } : null
    },
    async checkConnection() {
      const { body } = await graph<{ username: string }>('read', `/${account}`, { query: { fields: 'username,name' } })
      return { account: `@${body.username}`, expiresAt: await tokenExpiry(graph, accessToken) }
    },
  }
}

/** What Instagram would refuse, checked before any request (and in a dry run): a long caption, no public photo. */
function assertPostable(text: string, link: string | undefined, image: SocialImage | undefined): SocialImage & { url: string } {
  assertMetaTextFits('instagram', text, link)
  if (!image?.url) {
    throw new MetaProviderError({
      code: 'INSTAGRAM_IMAGE_REQUIRED',
      stage: null,
      message: image
        ? 'Instagram toma la foto desde el portal y esta imagen no tiene dirección pública. Publique el boletín en el portal y use «Reintentar».'
        : 'Instagram solo publica con una foto. Agregue una imagen al boletín y use «Reintentar», o quite Instagram de «Difundir en».',
    })
  }
  return { ...image, url: image.url }
}

// Instagram has no address for a post without its shortcode, which only the permalink gives.
const PROFILE_FALLBACK = 'https://www.instagram.com/'

const dryRunInstagramProvider: InstagramProvider = {
  channel: 'instagram',
  mode: 'dry-run',
  async post({ text, link, image }) {
    assertPostable(text, link, image)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertMetaTextFits('instagram', text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async findRecentPost() {
    return null
  },
}
