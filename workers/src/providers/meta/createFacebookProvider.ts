import path from 'node:path'
import type { FoundPost, SocialImage, SocialPostInput, SocialPostResult, SocialProvider } from '../SocialProvider'
import { readPostImage } from '../SocialProviderError'
import { assertMetaTextFits } from './assertMetaTextFits'
import { createGraphClient, deleteGraphObject, readPermalink, tokenExpiry } from './graphRequest'
import { MetaProviderError } from './MetaProviderError'

/**
 * A Facebook Page through the Graph API (Meta's Node SDK targets ads, so plain fetch). With an image: a photo
 * post, the file uploaded from disk (it does not depend on the portal having published it) with its alt text;
 * without: a link post. The text carries the bulletin's link either way. Facebook keeps no idempotency key, so
 * an unknown outcome is settled by reading the Page's recent posts.
 */
export interface FacebookProvider extends SocialProvider {
  readonly channel: 'facebook'
}

export interface CreateFacebookProviderOptions {
  /** null: no Page configured (dry run). The token is a Page token with pages_manage_posts and pages_read_engagement. */
  credentials: { pageId: string; accessToken: string } | null
  /** META_GRAPH_API_URL, with its version (https://graph.facebook.com/v23.0). */
  apiUrl: string
  timeoutMs?: number
}

// How far back an unknown outcome is looked for: a press office posts a few times a day.
const RECENT_POSTS = 25

export function createFacebookProvider({ credentials, apiUrl, timeoutMs = 30_000 }: CreateFacebookProviderOptions): FacebookProvider {
  if (!credentials) return dryRunFacebookProvider
  const { pageId, accessToken } = credentials
  const graph = createGraphClient({ network: 'facebook', apiUrl, accessToken, timeoutMs })
  const page = encodeURIComponent(pageId)

  return {
    channel: 'facebook',
    mode: 'live',
    async post({ text, link, image }: SocialPostInput): Promise<SocialPostResult> {
      assertMetaTextFits('facebook', text, link)
      const { body, rateLimit } = await graph<{ id: string; post_id?: string }>(
        'post',
        image ? `/${page}/photos` : `/${page}/feed`,
        { body: image ? await photoForm(text, image) : new URLSearchParams({ message: text, ...(link ? { link } : {}) }) },
      )
      // A photo answers with the photo's id and the post's; the post is what people see and what is looked up.
      const id = body.post_id ?? body.id
      return { kind: 'posted', id, url: await readPermalink(graph, id, 'permalink_url', fallbackUrl(id)), rateLimit }
    },
    async reply({ toPostId, text, link }) {
      assertMetaTextFits('facebook', text, link)
      const { body, rateLimit } = await graph<{ id: string }>('post', `/${encodeURIComponent(toPostId)}/comments`, { body: new URLSearchParams({ message: text }) })
      return { kind: 'posted', id: body.id, url: fallbackUrl(body.id), rateLimit }
    },
    async deletePost(postId) {
      await deleteGraphObject(graph, postId)
    },
    async findRecentPost(link): Promise<FoundPost | null> {
      const { body } = await graph<{ data: PagePost[] }>('read', `/${page}/published_posts`, {
        query: { fields: 'id,message,permalink_url,attachments{url,unshimmed_url}', limit: String(RECENT_POSTS) },
      })
      const found = body.data.find(
        (post) => post.message?.includes(link) || post.attachments?.data.some((attachment) => attachment.unshimmed_url === link || attachment.url === link),
      )
      return found ? { id: found.id, url: found.permalink_url ?? fallbackUrl(found.id) } : null
    },
    async checkConnection() {
      const { body } = await graph<{ name: string }>('read', `/${page}`, { query: { fields: 'name' } })
      return { account: `${body.name} (página)`, expiresAt: await tokenExpiry(graph, accessToken) }
    },
  }
}

interface PagePost {
  id: string
  message?: string
  permalink_url?: string
  attachments?: { data: Array<{ url?: string; unshimmed_url?: string }> }
}

async function photoForm(text: string, image: SocialImage): Promise<FormData> {
  const bytes = await readPostImage(
    { path: image.path, network: 'Facebook' },
    (failure) => new MetaProviderError({ ...failure, code: 'FACEBOOK_IMAGE_UNREADABLE', stage: null }),
  )
  const form = new FormData()
  form.append('source', new Blob([new Uint8Array(bytes)], { type: image.mimeType }), path.basename(image.path))
  form.append('message', text)
  if (image.alt.trim()) form.append('alt_text_custom', image.alt.trim())
  return form
}

// facebook.com resolves a "<page id>_<post id>" to the post.
const fallbackUrl = (id: string) => `https://www.facebook.com/${id}`

const dryRunFacebookProvider: FacebookProvider = {
  channel: 'facebook',
  mode: 'dry-run',
  async post({ text, link, image }) {
    assertMetaTextFits('facebook', text, link)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertMetaTextFits('facebook', text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
  async findRecentPost() {
    return null
  },
}
