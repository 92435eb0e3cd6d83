import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakePostSummary, FakeSocialNetwork, FaultPlan } from './fakeSocialNetwork'
import { recordRequest, type MultipartBody, type RecordedRequest } from './fakeXApi'

/**
 * A local stand-in for Meta's Graph APIs, one server for both hosts Pregón calls (graph.facebook.com for the
 * Page and Instagram, graph.threads.net for Threads; any version prefix, /v23.0 or /v1.0, is accepted). It
 * holds a Facebook Page, an Instagram professional account and a Threads profile, each with its own token;
 * the bearer token of a request says which one it is for, and each has its own view with its requests, posts
 * and faults.
 *
 * It speaks what the providers call: Page photos (multipart `source`, `message`, `alt_text_custom`) and feed
 * (`message`, `link`), published_posts, permalinks; Instagram content_publishing_limit, media containers
 * (image_url recorded, never fetched), their status_code, media_publish and the media list; Threads containers,
 * their status, threads_publish and the threads list; debug_token for every token. Every answer carries an
 * X-Business-Use-Case-Usage header, like Meta's for Page and Instagram tokens.
 */

/**
 * Faults for the next matching request(s):
 * - 'throttled': Meta's throttling error (80001 Page, 80002 Instagram, 4 Threads) with usage at 100% and
 *   `regainAccessMinutes` in the header; 'near-limit': a normal answer whose header says 95% used;
 * - 'unavailable': 503 with a transient Graph error (code 2), nothing created;
 * - 'reset-after-post', 'stall-after-post', 'bad-gateway-after-post': the post is made, then the answer is lost
 *   (connection destroyed, no answer at all, a proxy's 502);
 * - 'expired-token': code 190/463 (the account stops until someone renews the token: not in the random plans);
 * - 'duplicate' (Facebook): 506, nothing created;
 * - 'publishing-limit' (Instagram): content_publishing_limit says the quota is used up;
 * - 'image-unfetchable' (Instagram): container creation fails with 9004/2207052, as when the portal has not
 *   published the photo yet;
 * - 'container-error' (Instagram, Threads): the container ends in status ERROR (an image Meta will not take).
 */
type CommonFault = 'throttled' | 'near-limit' | 'unavailable' | 'reset-after-post' | 'stall-after-post' | 'bad-gateway-after-post' | 'expired-token'
export type FakeFacebookFault = CommonFault | 'duplicate'
export type FakeInstagramFault = CommonFault | 'publishing-limit' | 'image-unfetchable' | 'container-error'
export type FakeThreadsFault = CommonFault | 'container-error'
type AnyFault = FakeFacebookFault | FakeInstagramFault | FakeThreadsFault

export interface FakeMetaGraphOptions {
  /**
   * `estimated_time_to_regain_access` (minutes) the header gives with 'throttled' and 'near-limit'. Meta sends
   * whole minutes; a fault suite may give a fraction (0.01 ≈ 0.6 s): the providers take the number as it comes.
   */
  regainAccessMinutes?: number
  /** Instagram's content publishing quota: posts per rolling window (Meta: 50 in 86,400 s). */
  instagramQuota?: { total: number; windowSeconds: number }
  /** How many status reads a new container answers IN_PROGRESS before FINISHED. */
  containerPolls?: number
}

/** A post the fake holds, as the network would show it. */
export interface FakeMetaPost {
  id: string
  text: string
  /** Facebook link post's `link`, Threads' `link_attachment`. */
  link?: string
  /** Facebook: the uploaded file. */
  photo?: { data: Buffer; contentType: string }
  /** Instagram, Threads: the address the network was told to fetch (never fetched here). */
  imageUrl?: string
  alt: string | null
  permalink: string
  createdAt: Date
  /** Threads: the post this one answers (`reply_to_id` on its container). */
  inReplyTo?: string
}

/** A comment under a Facebook or Instagram post (POST /{post-id}/comments). */
export interface FakeMetaComment {
  id: string
  /** The post it is under. */
  on: string
  text: string
}

export interface FakeMetaContainer {
  id: string
  mediaType: string
  text: string
  imageUrl?: string
  alt: string | null
  link?: string
  replyTo?: string
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'PUBLISHED'
  pollsLeft: number
}

export interface FakeMetaView<Fault extends string> extends FakeSocialNetwork<Fault> {
  /** Page id, Instagram account id or Threads user id. */
  accountId: string
  accessToken: string
  /** What debug_token says: null for a Page token (never expires), 60 days ahead for the others. */
  tokenExpiresAt: Date | null
  published: FakeMetaPost[]
  /** Instagram and Threads containers by id (empty for Facebook). */
  containers: Map<string, FakeMetaContainer>
  /** Comments made under this account's posts (Facebook, Instagram). */
  comments: FakeMetaComment[]
  /** Ids of the posts or comments deleted (DELETE /{id}), in order. */
  deleted: string[]
}

export interface FakeMetaGraph {
  /** The server's root; each view's `url` adds the version its variable carries. */
  url: string
  /** Every request, whichever account. */
  requests: RecordedRequest[]
  facebook: FakeMetaView<FakeFacebookFault> & { pageName: string }
  instagram: FakeMetaView<FakeInstagramFault> & { username: string }
  threads: FakeMetaView<FakeThreadsFault> & { username: string }
  /** Another Page on the same Graph API (a department's), with its own id, token and name. */
  addFacebookPage(page: { id: string; token: string; name: string }): FakeMetaView<FakeFacebookFault> & { pageName: string }
  close(): Promise<void>
}

const COMMON_PLAN = [
  ['throttled', 'any'],
  ['near-limit', 'post'],
  ['unavailable', 'any'],
  ['unavailable', 'post'],
  ['reset-after-post', 'post'],
  ['stall-after-post', 'post'],
  ['bad-gateway-after-post', 'post'],
] as const satisfies FaultPlan<CommonFault>
export const FACEBOOK_FAULTS: FaultPlan<FakeFacebookFault> = [...COMMON_PLAN, ['duplicate', 'post']]
export const INSTAGRAM_FAULTS: FaultPlan<FakeInstagramFault> = [...COMMON_PLAN, ['publishing-limit', 'any'], ['image-unfetchable', 'any']]
export const THREADS_FAULTS: FaultPlan<FakeThreadsFault> = COMMON_PLAN

/** The environment that points Pregón at this fake (the variables core/loadConfig reads). */
export function metaEnv(fake: FakeMetaGraph): Record<string, string> {
  return {
    META_GRAPH_API_URL: fake.facebook.url,
    FACEBOOK_PAGE_ID: fake.facebook.accountId,
    FACEBOOK_PAGE_ACCESS_TOKEN: fake.facebook.accessToken,
    INSTAGRAM_ACCOUNT_ID: fake.instagram.accountId,
    INSTAGRAM_ACCESS_TOKEN: fake.instagram.accessToken,
    THREADS_API_URL: fake.threads.url,
    THREADS_USER_ID: fake.threads.accountId,
    THREADS_ACCESS_TOKEN: fake.threads.accessToken,
  }
}

type Network = 'facebook' | 'instagram' | 'threads'
/** Which request a fault may hit: the one that makes the public post, an IG/Threads container, IG's quota read. */
type RequestKind = 'post' | 'container' | 'limit' | 'other'

const SIXTY_DAYS_MS = 60 * 24 * 60 * 60 * 1000
const THROTTLING_CODE: Record<Network, number> = { facebook: 80_001, instagram: 80_002, threads: 4 }
const USAGE_TYPE: Record<Network, string> = { facebook: 'pages', instagram: 'instagram', threads: 'threads' }

interface Account {
  network: Network
  id: string
  token: string
  /** A Page's name (Facebook). */
  name: string
  requests: RecordedRequest[]
  posts: FakeMetaPost[]
  containers: Map<string, FakeMetaContainer>
  comments: FakeMetaComment[]
  deleted: string[]
  faults: Array<{ fault: AnyFault; on: 'any' | 'post' }>
}

export async function startFakeMetaGraph({
  regainAccessMinutes = 5,
  instagramQuota = { total: 50, windowSeconds: 86_400 },
  containerPolls = 1,
}: FakeMetaGraphOptions = {}): Promise<FakeMetaGraph> {
  const requests: RecordedRequest[] = []
  const pageName = 'Comunicación Social Santa Lucía'
  const newAccount = (network: Network, id: string, token: string, name = pageName): Account => ({ network, id, token, name, requests: [], posts: [], containers: new Map(), comments: [], deleted: [], faults: [] })
  const accounts = {
    facebook: newAccount('facebook', '104000000000001', 'fake-facebook-page-token'),
    instagram: newAccount('instagram', '17841400000000001', 'fake-instagram-token'),
    threads: newAccount('threads', '26000000000000001', 'fake-threads-token'),
  }
  const everyAccount: Account[] = Object.values(accounts)
  const igUsername = 'santalucia_gob'
  const threadsUsername = 'santalucia_gob'
  // Whole seconds, as debug_token gives them.
  const inSixtyDays = new Date(Math.floor((Date.now() + SIXTY_DAYS_MS) / 1000) * 1000)
  const tokenExpiresAt: Record<Network, Date | null> = { facebook: null, instagram: inSixtyDays, threads: inSixtyDays }
  const stalled = new Set<ServerResponse>()
  let nextId = 18_000_000_000_000_000n
  const newId = () => String(nextId++)

  const server = createServer(async (req, res) => {
    const recorded = await recordRequest(req, res, requests)
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const account = everyAccount.find((candidate) => candidate.token === token)
    if (!account) return graphError(res, 400, { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 })
    account.requests.push(recorded)

    const route = `${recorded.method} ${recorded.path.replace(/^\/v\d+(\.\d+)?(?=\/)/, '')}`
    const body = (recorded.body ?? {}) as Record<string, string>
    const kind = requestKind(account, route)
    const faultIndex = account.faults.findIndex(({ fault, on }) => (on === 'any' || kind === 'post') && canHit(fault, kind))
    const fault = faultIndex >= 0 ? account.faults.splice(faultIndex, 1)[0]!.fault : undefined
    const usage = (used: number, regain = 0) => ({ network: account.network, id: account.id, used, regain })
    const answer = (status: number, payload: unknown) => json(res, status, payload, fault === 'near-limit' ? usage(95, regainAccessMinutes) : usage(3))

    if (fault === 'expired-token') {
      return graphError(res, 400, {
        message: 'Error validating access token: Session has expired on Monday, 01-Jun-26 10:00:00 PDT.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
      })
    }
    if (fault === 'throttled') {
      const message = account.network === 'threads' ? 'Application request limit reached' : 'There have been too many calls from this business account.'
      return json(res, 400, { error: { message, type: 'OAuthException', code: THROTTLING_CODE[account.network], is_transient: true } }, usage(100, regainAccessMinutes))
    }
    if (fault === 'unavailable') {
      return json(res, 503, { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true } }, usage(3))
    }
    if (fault === 'duplicate') return graphError(res, 400, { message: '(#506) Duplicate status message', type: 'OAuthException', code: 506 })
    if (fault === 'image-unfetchable') {
      return graphError(res, 400, {
        message: 'Only photo or video can be accepted as media type.',
        type: 'OAuthException',
        code: 9004,
        error_subcode: 2_207_052,
        error_user_title: 'Media download has failed.',
        error_user_msg: `The media could not be fetched from this URI: ${body.image_url}.`,
      })
    }

    /** Makes the post, then answers — or loses the answer, as the fault says. */
    const publish = (post: Omit<FakeMetaPost, 'createdAt'>, payload: unknown) => {
      account.posts.push({ ...post, createdAt: new Date() })
      if (fault === 'reset-after-post') return void res.socket?.destroy()
      if (fault === 'stall-after-post') return void stalled.add(res)
      if (fault === 'bad-gateway-after-post') return void html(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>')
      answer(200, payload)
    }
    const startContainer = (fields: Omit<FakeMetaContainer, 'id' | 'status' | 'pollsLeft'>) => {
      const container: FakeMetaContainer = { ...fields, id: newId(), status: fault === 'container-error' ? 'ERROR' : 'IN_PROGRESS', pollsLeft: containerPolls }
      account.containers.set(container.id, container)
      answer(200, { id: container.id })
    }
    /** IG media_publish and threads_publish: a FINISHED container becomes a post. */
    const publishContainer = (permalinkOf: (id: string) => string) => {
      const container = account.containers.get(body.creation_id ?? '')
      if (!container) return graphError(res, 400, { message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 2_207_008 })
      if (container.status !== 'FINISHED') {
        return graphError(res, 400, { message: 'Media ID is not available', type: 'OAuthException', code: 9007, error_subcode: 2_207_027 })
      }
      container.status = 'PUBLISHED'
      const id = newId()
      publish({ id, text: container.text, imageUrl: container.imageUrl, link: container.link, alt: container.alt, permalink: permalinkOf(id), ...(container.replyTo ? { inReplyTo: container.replyTo } : {}) }, { id })
    }
    // The account's own posts, not its replies (which Threads lists apart).
    const newest = (limit: string | undefined) => account.posts.filter((post) => !post.inReplyTo).toReversed().slice(0, Number(limit ?? 25))
    const id = account.id
    let match: RegExpMatchArray | null

    if (route === 'GET /debug_token') {
      const expiresAt = tokenExpiresAt[account.network]
      const inspected = everyAccount.find((candidate) => candidate.token === recorded.query.input_token)
      if (!inspected) return graphError(res, 400, { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 })
      return answer(200, { data: { is_valid: true, type: account.network === 'facebook' ? 'PAGE' : 'USER', expires_at: expiresAt ? expiresAt.getTime() / 1000 : 0 } })
    }

    if (account.network === 'facebook') {
      if (route === `POST /${id}/photos`) {
        const form = recorded.body as MultipartBody | null
        const source = form?.files.source
        if (!source) return graphError(res, 400, { message: '(#324) Requires upload file', type: 'OAuthException', code: 324 })
        const postNumber = newId()
        return publish(
          { id: `${id}_${postNumber}`, text: form.fields.message ?? '', photo: source, alt: form.fields.alt_text_custom ?? null, permalink: `https://www.facebook.com/${id}/posts/${postNumber}` },
          { id: newId(), post_id: `${id}_${postNumber}` },
        )
      }
      if (route === `POST /${id}/feed`) {
        if (!body.message && !body.link) return graphError(res, 400, { message: '(#100) Missing message or attachment', type: 'OAuthException', code: 100 })
        const postNumber = newId()
        return publish(
          { id: `${id}_${postNumber}`, text: body.message ?? '', link: body.link, alt: null, permalink: `https://www.facebook.com/${id}/posts/${postNumber}` },
          { id: `${id}_${postNumber}` },
        )
      }
      if (route === `GET /${id}/published_posts`) {
        return answer(200, {
          data: newest(recorded.query.limit).map((post) => ({
            id: post.id,
            message: post.text,
            permalink_url: post.permalink,
            created_time: post.createdAt.toISOString(),
            // Like Facebook: a shared link's url goes through its redirector; unshimmed_url is the original.
            attachments: post.link
              ? { data: [{ type: 'share', url: `https://l.facebook.com/l.php?u=${encodeURIComponent(post.link)}`, unshimmed_url: post.link }] }
              : { data: [{ type: 'photo', url: `${post.permalink}?photo=1` }] },
          })),
        })
      }
      if (route === `GET /${id}`) return answer(200, { id, name: account.name })
    }

    if (account.network === 'instagram') {
      if (route === `GET /${id}/content_publishing_limit`) {
        const windowStart = Date.now() - instagramQuota.windowSeconds * 1000
        const used = fault === 'publishing-limit' ? instagramQuota.total : account.posts.filter((post) => post.createdAt.getTime() > windowStart).length
        return answer(200, { data: [{ quota_usage: used, config: { quota_total: instagramQuota.total, quota_duration: instagramQuota.windowSeconds } }] })
      }
      if (route === `POST /${id}/media`) {
        if (!body.image_url) return graphError(res, 400, { message: 'The parameter image_url is required', type: 'OAuthException', code: 100 })
        return startContainer({ mediaType: 'IMAGE', text: body.caption ?? '', imageUrl: body.image_url, alt: body.alt_text ?? null })
      }
      if (route === `POST /${id}/media_publish`) return publishContainer((mediaId) => `https://www.instagram.com/p/${shortcode(mediaId)}/`)
      if (route === `GET /${id}/media`) {
        return answer(200, { data: newest(recorded.query.limit).map((post) => ({ id: post.id, caption: post.text, permalink: post.permalink, timestamp: post.createdAt.toISOString() })) })
      }
      if (route === `GET /${id}`) return answer(200, { id, username: igUsername, name: pageName })
    }

    if (account.network === 'threads') {
      if (route === `POST /${id}/threads`) {
        if (body.media_type === 'IMAGE' && !body.image_url) return graphError(res, 400, { message: 'The parameter image_url is required', type: 'OAuthException', code: 100 })
        if (body.media_type === 'TEXT' && !body.text) return graphError(res, 400, { message: 'The parameter text is required', type: 'OAuthException', code: 100 })
        if (body.media_type !== 'IMAGE' && body.media_type !== 'TEXT') return graphError(res, 400, { message: 'Invalid media_type', type: 'OAuthException', code: 100 })
        if (body.reply_to_id && !account.posts.some((post) => post.id === body.reply_to_id)) return graphError(res, 400, { message: 'The reply_to_id does not exist', type: 'OAuthException', code: 100 })
        return startContainer({ mediaType: body.media_type, text: body.text ?? '', imageUrl: body.image_url, alt: body.alt_text ?? null, link: body.link_attachment, ...(body.reply_to_id ? { replyTo: body.reply_to_id } : {}) })
      }
      if (route === `POST /${id}/threads_publish`) return publishContainer((mediaId) => `https://www.threads.net/@${threadsUsername}/post/${shortcode(mediaId)}`)
      if (route === `GET /${id}/threads`) {
        return answer(200, {
          data: newest(recorded.query.limit).map((post) => ({
            id: post.id,
            text: post.text,
            permalink: post.permalink,
            timestamp: post.createdAt.toISOString(),
            ...(post.link ? { link_attachment_url: post.link } : {}),
          })),
        })
      }
      if (route === `GET /${id}` || route === 'GET /me') return answer(200, { id, username: threadsUsername, name: pageName })
    }

    // A comment under one of the account's posts (Facebook, Instagram).
    if ((match = route.match(/^POST \/([\d_]+)\/comments$/)) && account.network !== 'threads') {
      const postId = match[1]!
      if (!account.posts.some((post) => post.id === postId)) return graphError(res, 400, { message: 'Unsupported post request. Object does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33 })
      if (!body.message) return graphError(res, 400, { message: '(#100) Missing message', type: 'OAuthException', code: 100 })
      const comment = { id: `${postId}_c${newId()}`, on: postId, text: body.message }
      account.comments.push(comment)
      return answer(200, { id: comment.id })
    }
    // Deleting a post or comment: Facebook and Threads (Instagram's API cannot delete a post).
    if ((match = route.match(/^DELETE \/([\w]+)$/)) && account.network !== 'instagram') {
      const objectId = match[1]!
      const postIndex = account.posts.findIndex((post) => post.id === objectId)
      const commentIndex = account.comments.findIndex((comment) => comment.id === objectId)
      if (postIndex < 0 && commentIndex < 0) return graphError(res, 400, { message: 'Unsupported delete request. Object does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33 })
      if (postIndex >= 0) account.posts.splice(postIndex, 1)
      else account.comments.splice(commentIndex, 1)
      account.deleted.push(objectId)
      return answer(200, { success: true })
    }

    // A single object: a container's status or a post's permalink.
    if ((match = route.match(/^GET \/([\d_]+)$/))) {
      const objectId = match[1]!
      const container = account.containers.get(objectId)
      if (container) {
        if (container.status === 'IN_PROGRESS' && container.pollsLeft-- <= 0) container.status = 'FINISHED'
        const error = container.status === 'ERROR' ? 'Error: the image aspect ratio is not supported (2207009)' : undefined
        return answer(200, account.network === 'instagram' ? { id: container.id, status_code: container.status, status: error ?? container.status } : { id: container.id, status: container.status, ...(error ? { error_message: error } : {}) })
      }
      const post = account.posts.find((candidate) => candidate.id === objectId)
      if (post) return answer(200, { id: post.id, [account.network === 'facebook' ? 'permalink_url' : 'permalink']: post.permalink })
    }
    return graphError(res, 400, { message: `Unsupported request: no fake route for ${route}`, type: 'GraphMethodException', code: 100 })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const root = `http://127.0.0.1:${port}`
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      for (const res of stalled) res.socket?.destroy()
      server.closeAllConnections()
      server.close((error) => (error ? reject(error) : resolve()))
    }))

  function view<Fault extends AnyFault>(account: Account, version: string): FakeMetaView<Fault> {
    return {
      url: `${root}/${version}`,
      accountId: account.id,
      accessToken: account.token,
      tokenExpiresAt: tokenExpiresAt[account.network],
      requests: account.requests,
      published: account.posts,
      containers: account.containers,
      comments: account.comments,
      deleted: account.deleted,
      posts: () => account.posts.map(summary),
      failNext(fault, count = 1, on = fault === 'duplicate' || fault.endsWith('-after-post') ? 'post' : 'any') {
        for (let i = 0; i < count; i++) account.faults.push({ fault, on })
      },
      pendingFaults: () => account.faults.length,
      close,
    }
  }

  return {
    url: root,
    requests,
    facebook: { ...view<FakeFacebookFault>(accounts.facebook, 'v23.0'), pageName },
    instagram: { ...view<FakeInstagramFault>(accounts.instagram, 'v23.0'), username: igUsername },
    threads: { ...view<FakeThreadsFault>(accounts.threads, 'v1.0'), username: threadsUsername },
    addFacebookPage({ id, token, name }) {
      const account = newAccount('facebook', id, token, name)
      everyAccount.push(account)
      return { ...view<FakeFacebookFault>(account, 'v23.0'), pageName: name }
    },
    close,
  }
}

function requestKind(account: Account, route: string): RequestKind {
  const id = account.id
  if ([`POST /${id}/photos`, `POST /${id}/feed`, `POST /${id}/media_publish`, `POST /${id}/threads_publish`].includes(route) || /^POST \/[\d_]+\/comments$/.test(route)) return 'post'
  if (route === `POST /${id}/media` || route === `POST /${id}/threads`) return 'container'
  if (route === `GET /${id}/content_publishing_limit`) return 'limit'
  return 'other'
}

/** Some faults only make sense on one kind of request; they wait for it. */
function canHit(fault: AnyFault, kind: RequestKind): boolean {
  if (fault === 'duplicate' || fault.endsWith('-after-post')) return kind === 'post'
  if (fault === 'publishing-limit') return kind === 'limit'
  if (fault === 'image-unfetchable' || fault === 'container-error') return kind === 'container'
  return true
}

function summary(post: FakeMetaPost): FakePostSummary {
  const hasImage = post.photo || post.imageUrl
  return {
    id: post.id,
    text: post.text,
    image: hasImage ? { ...(post.photo ? { bytes: post.photo.data.length } : {}), ...(post.imageUrl ? { url: post.imageUrl } : {}), alt: post.alt } : null,
  }
}

// Instagram and Threads shortcodes are base64-like; base 36 of the id is stable and unique enough here.
const shortcode = (id: string) => BigInt(id).toString(36)

function json(res: ServerResponse, status: number, payload: unknown, usage: { network: Network; id: string; used: number; regain: number }): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=UTF-8')
  const entry = { type: USAGE_TYPE[usage.network], call_count: usage.used, total_cputime: Math.min(usage.used, 10), total_time: Math.min(usage.used, 10), estimated_time_to_regain_access: usage.regain }
  res.setHeader('x-business-use-case-usage', JSON.stringify({ [usage.id]: [entry] }))
  res.end(JSON.stringify(payload))
}

function graphError(res: ServerResponse, status: number, error: Record<string, unknown>): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=UTF-8')
  res.end(JSON.stringify({ error: { ...error, fbtrace_id: 'AbCdEfGhIjK' } }))
}

function html(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'text/html')
  res.end(body)
}
