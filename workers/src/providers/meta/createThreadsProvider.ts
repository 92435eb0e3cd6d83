import type { FoundPost, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { assertMetaTextFits } from './assertMetaTextFits'
import { createGraphClient, deleteGraphObject, readPermalink, tokenExpiry } from './graphRequest'
import { waitForContainer } from './waitForContainer'

/**
 * A Threads profile through graph.threads.net. Like Instagram, a container first (Threads fetches the photo
 * from the portal), a wait until it is FINISHED, then threads_publish, the only call that can make a post.
 * Without a public photo it is a text post with the bulletin's link as its preview card. Threads tokens last
 * 60 days: «Probar conexión» says when this one ends.
 */
export interface ThreadsProvider extends SocialProvider {
  readonly channel: 'threads'
}

export interface CreateThreadsProviderOptions {
  /** null: no profile configured (dry run). The token needs threads_basic and threads_content_publish. */
  credentials: { userId: string; accessToken: string } | null
  /** THREADS_API_URL, with its version (https://graph.threads.net/v1.0). */
  apiUrl: string
  timeoutMs?: number
  /** Between two looks at the container's status (tests shorten it). */
  containerPollMs?: number
}

const RECENT_POSTS = 25
// Threads has no address for a post without its shortcode, which only the permalink gives.
const HOME_FALLBACK = 'https://www.threads.net/'

export function createThreadsProvider({ credentials, apiUrl, timeoutMs = 30_000, containerPollMs = 2_000 }: CreateThreadsProviderOptions): ThreadsProvider {
  if (!credentials) return dryRunThreadsProvider
  const { userId, accessToken } = credentials
  const graph = createGraphClient({ network: 'threads', apiUrl, accessToken, timeoutMs })
  const user = encodeURIComponent(userId)

  return {
    channel: 'threads',
    mode: 'live',
    async post({ text, link, image }: SocialPostInput): Promise<SocialPostResult> {
      assertMetaTextFits('threads', text, link)
      // A photo Threads can fetch makes an image post; otherwise the link's preview card is the picture.
      const fields: Record<string, string> = image?.url
        ? { media_type: 'IMAGE', image_url: image.url, text, ...(image.alt.trim() ? { alt_text: image.alt.trim() } : {}) }
        : { media_type: 'TEXT', text, ...(link ? { link_attachment: link } : {}) }
      const { body: container } = await graph<{ id: string }>('container', `/${user}/threads`, { body: new URLSearchParams(fields) })
      await waitForContainer(graph, { network: 'threads', containerId: container.id, fields: { state: 'status', detail: 'error_message' }, pollMs: containerPollMs })
      const { body, rateLimit } = await graph<{ id: string }>('post', `/${user}/threads_publish`, { body: new URLSearchParams({ creation_id: container.id }) })
      return { kind: 'posted', id: body.id, url: await readPermalink(graph, body.id, 'permalink', HOME_FALLBACK), rateLimit }
    },
    async reply({ toPostId, text, link }) {
      assertMetaTextFits('threads', text, link)
      const { body: container } = await graph<{ id: string }>('container', `/${user}/threads`, {
        body: new URLSearchParams({ media_type: 'TEXT', text, reply_to_id: toPostId }),
      })
      await waitForContainer(graph, { network: 'threads', containerId: container.id, fields: { state: 'status', detail: 'error_message' }, pollMs: containerPollMs })
      const { body, rateLimit } = await graph<{ id: string }>('post', `/${user}/threads_publish`, { body: new URLSearchParams({ creation_id: container.id }) })
      return { kind: 'posted', id: body.id, url: await readPermalink(graph, body.id, 'permalink', HOME_FALLBACK), rateLimit }
    },
    // Threads deletes a post with DELETE /{media-id} (the token needs threads_delete).
    async deletePost(postId) {
      await deleteGraphObject(graph, postId)
    },
    async findRecentPost(link): Promise<FoundPost | null> {
      const { body } = await graph<{ data: Array<{ id: string; text?: string; permalink?: string; link_attachment_url?: string }> }>('read', `/${user}/threads`, {
        query: { fields: 'id,text,permalink,link_attachment_url,timestamp', limit: String(RECENT_POSTS) },
      })
      const found = body.data.find((post) => post.text?.includes(link) || post.link_attachment_url === link)
      return found ? { id: found.id, url: found.permalink ?? HOME_FALLBACK } : null
    },
    async checkConnection() {
      const { body } = await graph<{ username: string }>('read', `/${user}`, { query: { fields: 'id,username,name' } })
      return { account: `@${body.username}`, expiresAt: await tokenExpiry(graph, accessToken) }
    },
  }
}

const dryRunThreadsProvider: ThreadsProvider = {
  channel: 'threads',
  mode: 'dry-run',
  async post({ text, link, image }) {
    assertMetaTextFits('threads', text, link)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertMetaTextFits('threads', text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
  async findRecentPost() {
    return null
  },
}
