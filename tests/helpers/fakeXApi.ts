import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for X API v2 speaking exactly the requests twitter-api-v2 1.29.1 makes: chunked media
 * upload (POST /2/media/upload/initialize, /:id/append as multipart, /:id/finalize), alt text
 * (POST /2/media/metadata), POST /2/tweets, GET /2/users/me and GET /2/users/:id/tweets (for reconciling a
 * post whose outcome is unknown), replies (`reply.in_reply_to_tweet_id` on POST /2/tweets) and DELETE /2/tweets/:id.
 * Like X, it refuses a repeated text with 403 "duplicate content".
 */

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  /** Parsed JSON, `{ fields, files }` for multipart, or null when empty. */
  body: unknown
  rawBody: Buffer
  /** What the fake answered; null while pending, or when the connection was dropped. */
  response: { status: number; headers: Record<string, string> } | null
}

export interface MultipartBody {
  fields: Record<string, string>
  files: Record<string, { contentType: string; data: Buffer }>
}

export interface FakeXPost {
  id: string
  text: string
  mediaIds: string[]
  createdAt: string
  /** The post this one answers (`reply.in_reply_to_tweet_id`). */
  inReplyTo?: string
}

export interface FakeXMedia {
  bytes: number
  data: Buffer
  altText?: string
  mediaType?: string
  totalBytes?: number
  isFinalized: boolean
}

/**
 * Faults for the next matching request(s). The first four answer like X does; the '-after-post' ones create
 * the post and then lose the answer, which is what "outcome unknown" looks like from the client:
 * 'reset-after-post' closes the connection, 'stall-after-post' never answers (client times out).
 * 'stall-before-post' never answers and creates nothing (a post that never arrived, as far as X knows).
 */
export type FakeXFault =
  | 'rate-limit'
  | 'unavailable'
  | 'duplicate'
  | 'unauthorized'
  | 'reset-after-post'
  | 'stall-after-post'
  | 'stall-before-post'

export interface FakeXApiOptions {
  /** Seconds until the reset a 429 announces (X's window is 15 minutes). */
  rateLimitResetSeconds?: number
  /**
   * X refuses a repeated text (403 duplicate). Off, the fake accepts it, so a test can count duplicates that
   * a network without that check would show.
   */
  refuseDuplicates?: boolean
  /** Called when a POST /2/tweets arrives, before it is handled (a crash test kills the worker here). */
  onPostRequest?: (request: RecordedRequest) => void
}

export interface FakeXApi {
  url: string
  requests: RecordedRequest[]
  posts: FakeXPost[]
  media: Map<string, FakeXMedia>
  /** Ids of the posts deleted (DELETE /2/tweets/:id), in order. */
  deleted: string[]
  user: { id: string; name: string; username: string }
  /** Faults apply to POST /2/tweets when `on` is 'post' (the default for post-related faults), else to any request. */
  failNext(fault: FakeXFault, count?: number, on?: 'any' | 'post'): void
  /** Faults still waiting for a request. */
  pendingFaults(): number
  close(): Promise<void>
}

const RATE_LIMIT = 100
const RATE_WINDOW_SECONDS = 15 * 60

export async function startFakeXApi({ rateLimitResetSeconds = RATE_WINDOW_SECONDS, refuseDuplicates = true, onPostRequest }: FakeXApiOptions = {}): Promise<FakeXApi> {
  const requests: RecordedRequest[] = []
  const posts: FakeXPost[] = []
  const media = new Map<string, FakeXMedia>()
  const deleted: string[] = []
  const faults: Array<{ fault: FakeXFault; on: 'any' | 'post' }> = []
  const user = { id: '1500000000000000001', name: 'Comunicación Social', username: 'municipio_prensa' }
  let nextId = 1_850_000_000_000_000_000n
  const newId = () => String(nextId++)
  const stalled = new Set<ServerResponse>()

  const server = createServer(async (req, res) => {
    const recorded = await recordRequest(req, res, requests)
    const isPost = recorded.method === 'POST' && recorded.path === '/2/tweets'
    if (isPost) onPostRequest?.(recorded)
    const faultIndex = faults.findIndex(({ on }) => on === 'any' || isPost)
    const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]!.fault : undefined

    if (!/^OAuth .*oauth_consumer_key=/.test(req.headers.authorization ?? '') || fault === 'unauthorized') {
      return problem(res, 401, 'Unauthorized', 'Unauthorized')
    }
    if (fault === 'rate-limit') {
      return problem(res, 429, 'Too Many Requests', 'Too Many Requests', { remaining: 0, resetSeconds: rateLimitResetSeconds })
    }
    if (fault === 'stall-before-post') return void stalled.add(res)
    if (fault === 'unavailable') return problem(res, 503, 'Service Unavailable', 'Service Unavailable')
    if (fault === 'duplicate') return duplicate(res)

    const route = `${recorded.method} ${recorded.path}`
    const body = (recorded.body ?? {}) as Record<string, any>
    let match: RegExpMatchArray | null

    if (route === 'POST /2/media/upload/initialize') {
      const id = newId()
      media.set(id, { bytes: 0, data: Buffer.alloc(0), mediaType: body.media_type, totalBytes: body.total_bytes, isFinalized: false })
      return json(res, 200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } })
    }
    if ((match = route.match(/^POST \/2\/media\/upload\/(\d+)\/append$/))) {
      const item = media.get(match[1]!)
      const chunk = (recorded.body as MultipartBody | null)?.files.media?.data
      if (!item || !chunk) return problem(res, 400, 'Invalid Request', 'Unknown media id or missing media part')
      item.data = Buffer.concat([item.data, chunk])
      item.bytes = item.data.length
      return json(res, 200, { meta: {} })
    }
    if ((match = route.match(/^POST \/2\/media\/upload\/(\d+)\/finalize$/))) {
      const item = media.get(match[1]!)
      if (!item) return problem(res, 400, 'Invalid Request', 'Unknown media id')
      if (item.totalBytes !== undefined && item.totalBytes !== item.bytes) {
        return problem(res, 400, 'Invalid Request', `total_bytes ${item.totalBytes} but received ${item.bytes}`)
      }
      item.isFinalized = true
      return json(res, 200, { data: { id: match[1], media_key: `3_${match[1]}`, size: item.bytes, expires_after_secs: 86_400 } })
    }
    if (route === 'GET /2/media/upload') {
      const item = media.get(recorded.query.media_id ?? '')
      if (!item) return problem(res, 400, 'Invalid Request', 'Unknown media id')
      return json(res, 200, { data: { id: recorded.query.media_id, processing_info: { state: 'succeeded', progress_percent: 100 } } })
    }
    if (route === 'POST /2/media/metadata') {
      const item = media.get(String(body.id))
      if (!item?.isFinalized) return problem(res, 400, 'Invalid Request', 'Unknown or unfinalized media id')
      item.altText = body.metadata?.alt_text?.text
      return json(res, 200, { data: { id: body.id, associated_metadata: { alt_text: { text: item.altText } } } })
    }
    if (route === 'POST /2/tweets') {
      const text = typeof body.text === 'string' ? body.text : ''
      const mediaIds: string[] = body.media?.media_ids ?? []
      if (!text && mediaIds.length === 0) return problem(res, 400, 'Invalid Request', 'text or media is required')
      if (mediaIds.some((id) => !media.get(id)?.isFinalized)) return problem(res, 400, 'Invalid Request', 'Your media IDs are invalid.')
      if (refuseDuplicates && posts.some((post) => post.text === text)) return duplicate(res)
      const inReplyTo: string | undefined = body.reply?.in_reply_to_tweet_id
      if (inReplyTo && !posts.some((post) => post.id === inReplyTo)) return problem(res, 400, 'Invalid Request', 'The Tweet you are replying to does not exist.')
      const post = { id: newId(), text, mediaIds, createdAt: new Date().toISOString(), ...(inReplyTo ? { inReplyTo } : {}) }
      posts.push(post)
      if (fault === 'reset-after-post') return void res.socket?.destroy()
      if (fault === 'stall-after-post') return void stalled.add(res)
      return json(res, 201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } })
    }
    if ((match = route.match(/^DELETE \/2\/tweets\/(\d+)$/))) {
      const index = posts.findIndex((post) => post.id === match![1])
      if (index < 0) return problem(res, 404, 'Not Found Error', 'Could not find tweet with id.')
      posts.splice(index, 1)
      deleted.push(match[1]!)
      return json(res, 200, { data: { deleted: true } })
    }
    if (route === 'GET /2/users/me') return json(res, 200, { data: user })
    if ((match = route.match(/^GET \/2\/users\/(\d+)\/tweets$/))) {
      if (match[1] !== user.id) return json(res, 200, { meta: { result_count: 0 } })
      const max = Number(recorded.query.max_results ?? 10)
      const excluded = recorded.query.exclude?.split(',') ?? []
      const found = posts.filter((post) => !(excluded.includes('replies') && post.inReplyTo)).toReversed().slice(0, max)
      if (found.length === 0) return json(res, 200, { meta: { result_count: 0 } })
      // Like X: links in the text become t.co links, the original is in entities.urls.
      const data = found.map(({ id, text, createdAt }) => {
        const urls = [...text.matchAll(/https?:\/\/\S+/g)].map((m, i) => ({
          start: m.index,
          end: m.index + m[0].length,
          url: `https://t.co/${id.slice(-6)}${i}`,
          expanded_url: m[0],
          display_url: m[0].replace(/^https?:\/\//, '').slice(0, 24),
        }))
        const shown = urls.reduceRight((t, u) => t.slice(0, u.start) + u.url + t.slice(u.end), text)
        return { id, text: shown, created_at: createdAt, edit_history_tweet_ids: [id], ...(urls.length ? { entities: { urls } } : {}) }
      })
      return json(res, 200, { data, meta: { result_count: data.length, newest_id: data[0]!.id, oldest_id: data.at(-1)!.id } })
    }
    return problem(res, 404, 'Not Found Error', `No fake route for ${route}`)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    posts,
    media,
    deleted,
    user,
    failNext(fault, count = 1, on = fault === 'duplicate' || fault.endsWith('-post') ? 'post' : 'any') {
      for (let i = 0; i < count; i++) faults.push({ fault, on })
    },
    pendingFaults: () => faults.length,
    async close() {
      for (const res of stalled) res.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

function json(res: ServerResponse, status: number, payload: unknown, rate: { remaining?: number; resetSeconds?: number } = {}): void {
  const reset = Math.ceil(Date.now() / 1000) + (rate.resetSeconds ?? RATE_WINDOW_SECONDS)
  res.statusCode = status
  res.setHeader('content-type', status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8')
  res.setHeader('x-rate-limit-limit', String(RATE_LIMIT))
  res.setHeader('x-rate-limit-remaining', String(rate.remaining ?? RATE_LIMIT - 1))
  res.setHeader('x-rate-limit-reset', String(reset))
  res.end(JSON.stringify(payload))
}

function problem(res: ServerResponse, status: number, title: string, detail: string, rate: { remaining?: number; resetSeconds?: number } = {}): void {
  json(res, status, { title, detail, type: 'about:blank', status }, rate)
}

function duplicate(res: ServerResponse): void {
  problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.')
}

/**
 * Reads a request whole and records it in `requests`, with the answer the fake gives once it is sent: the
 * first step of every stand-in's handler.
 */
export async function recordRequest(req: IncomingMessage, res: ServerResponse, requests: RecordedRequest[]): Promise<RecordedRequest> {
  const rawBody = await readBody(req)
  const url = new URL(req.url ?? '/', 'http://localhost')
  const recorded: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body: parseBody(req.headers['content-type'], rawBody),
    rawBody,
    response: null,
  }
  requests.push(recorded)
  res.on('finish', () => {
    recorded.response = { status: res.statusCode, headers: Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)])) }
  })
  return recorded
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  if (raw.length === 0) return null
  if (contentType?.startsWith('application/json')) return JSON.parse(raw.toString('utf8'))
  const boundary = contentType?.match(/^multipart\/form-data;\s*boundary=(.+)$/)?.[1]
  if (boundary) return parseMultipart(raw, boundary)
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
  return raw.toString('utf8')
}

// Buffer-level parser: twitter-api-v2 sends the media part without a filename, which WHATWG FormData would
// decode as text and corrupt.
function parseMultipart(raw: Buffer, boundary: string): MultipartBody {
  const result: MultipartBody = { fields: {}, files: {} }
  const delimiter = Buffer.from(`--${boundary}`)
  let start = raw.indexOf(delimiter)
  while (start !== -1) {
    const partStart = start + delimiter.length
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break
    const end = raw.indexOf(delimiter, partStart)
    if (end === -1) break
    const part = raw.subarray(partStart + 2, end - 2) // drop the CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n')
    const headers = part.subarray(0, headerEnd).toString('utf8')
    const data = part.subarray(headerEnd + 4)
    const name = headers.match(/name="([^"]*)"/)?.[1] ?? ''
    const contentType = headers.match(/content-type:\s*([^\r\n]+)/i)?.[1]
    if (contentType) result.files[name] = { contentType, data: Buffer.from(data) }
    else result.fields[name] = data.toString('utf8')
    start = end
  }
  return result
}
