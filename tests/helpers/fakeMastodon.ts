import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { recordRequest, type MultipartBody, type RecordedRequest } from './fakeXApi'

/**
 * A local stand-in for a Mastodon server, speaking what Pregón's Mastodon provider calls: POST /api/v2/media
 * (multipart `file` + `description`), GET /api/v1/media/:id, POST /api/v1/statuses (honouring
 * `Idempotency-Key` like Mastodon: the same key returns the status it created), GET
 * /api/v1/accounts/verify_credentials and GET /api/v1/accounts/:id/statuses (HTML content, newest first), replies
 * (`in_reply_to_id`) and DELETE /api/v1/statuses/:id.
 * Unlike X it accepts repeated texts, so a second post of a bulletin would show here as a duplicate.
 */

export interface FakeMastodonStatus {
  id: string
  text: string
  mediaIds: string[]
  idempotencyKey: string | undefined
  createdAt: string
  /** The status this one answers (`in_reply_to_id`). */
  inReplyTo?: string
}

export interface FakeMastodonMedia {
  data: Buffer
  contentType: string
  filename: string | undefined
  description: string | undefined
}

/**
 * 'rate-limit' 429 with X-RateLimit-Reset; 'unavailable' 503; 'unauthorized' 401; the '-after-post' ones
 * create the status and lose the answer (dropped connection, no answer at all, or a 502 from a proxy).
 */
export type FakeMastodonFault = 'rate-limit' | 'unavailable' | 'unauthorized' | 'reset-after-post' | 'stall-after-post' | 'bad-gateway-after-post'

export interface FakeMastodon {
  url: string
  accessToken: string
  requests: RecordedRequest[]
  statuses: FakeMastodonStatus[]
  media: Map<string, FakeMastodonMedia>
  /** Ids of the statuses deleted, in order. */
  deleted: string[]
  /** Faults apply to POST /api/v1/statuses when `on` is 'post' (default for the '-after-post' ones), else to any request. */
  failNext(fault: FakeMastodonFault, count?: number, on?: 'any' | 'post'): void
  pendingFaults(): number
  close(): Promise<void>
}

export async function startFakeMastodon({ rateLimitResetSeconds = 300 }: { rateLimitResetSeconds?: number } = {}): Promise<FakeMastodon> {
  const accessToken = 'mastodon-test-token'
  const account = { id: '109000000000000001', username: 'municipio', acct: 'municipio' }
  const requests: RecordedRequest[] = []
  const statuses: FakeMastodonStatus[] = []
  const media = new Map<string, FakeMastodonMedia>()
  const byKey = new Map<string, FakeMastodonStatus>()
  const deleted: string[] = []
  const faults: Array<{ fault: FakeMastodonFault; on: 'any' | 'post' }> = []
  const stalled = new Set<ServerResponse>()
  let nextId = 110_000_000_000_000_000n
  const newId = () => String(nextId++)
  let base = ''

  const server = createServer(async (req, res) => {
    const recorded = await recordRequest(req, res, requests)
    const route = `${recorded.method} ${recorded.path}`
    const isPost = route === 'POST /api/v1/statuses'
    const faultIndex = faults.findIndex(({ on }) => on === 'any' || isPost)
    const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]!.fault : undefined

    if (req.headers.authorization !== `Bearer ${accessToken}` || fault === 'unauthorized') {
      return json(res, 401, { error: 'The access token is invalid' })
    }
    if (fault === 'rate-limit') return json(res, 429, { error: 'Too many requests' }, { remaining: 0, resetSeconds: rateLimitResetSeconds })
    if (fault === 'unavailable') return json(res, 503, { error: 'Service Unavailable' })
    let match: RegExpMatchArray | null

    if (route === 'POST /api/v2/media') {
      const file = (recorded.body as MultipartBody | null)?.files.file
      if (!file) return json(res, 422, { error: 'Validation failed: File is missing' })
      const id = newId()
      const filename = /filename="([^"]*)"/.exec(recorded.rawBody.toString('latin1'))?.[1]
      media.set(id, { data: file.data, contentType: file.contentType, filename, description: (recorded.body as MultipartBody).fields.description })
      return json(res, 200, { id, type: 'image', url: `${base}/media/${id}.jpg`, description: media.get(id)!.description ?? null })
    }
    if ((match = route.match(/^GET \/api\/v1\/media\/(\d+)$/))) {
      const item = media.get(match[1]!)
      if (!item) return json(res, 404, { error: 'Record not found' })
      return json(res, 200, { id: match[1], type: 'image', url: `${base}/media/${match[1]}.jpg`, description: item.description ?? null })
    }
    if (isPost) {
      const body = (recorded.body ?? {}) as { status?: string; media_ids?: string[]; in_reply_to_id?: string }
      const key = req.headers['idempotency-key'] as string | undefined
      const earlier = key ? byKey.get(key) : undefined
      if (earlier) return json(res, 200, statusJson(earlier))
      if (!body.status && !body.media_ids?.length) return json(res, 422, { error: "Validation failed: Text can't be blank" })
      if ((body.media_ids ?? []).some((id) => !media.has(id))) return json(res, 422, { error: 'Validation failed: media not found' })
      if (body.in_reply_to_id && !statuses.some((s) => s.id === body.in_reply_to_id)) return json(res, 404, { error: 'Record not found' })
      const status = {
        id: newId(),
        text: body.status ?? '',
        mediaIds: body.media_ids ?? [],
        idempotencyKey: key,
        createdAt: new Date().toISOString(),
        ...(body.in_reply_to_id ? { inReplyTo: body.in_reply_to_id } : {}),
      }
      statuses.push(status)
      if (key) byKey.set(key, status)
      if (fault === 'reset-after-post') return void res.socket?.destroy()
      if (fault === 'stall-after-post') return void stalled.add(res)
      if (fault === 'bad-gateway-after-post') return json(res, 502, { error: 'Bad Gateway' })
      return json(res, 200, statusJson(status))
    }
    if ((match = route.match(/^DELETE \/api\/v1\/statuses\/(\d+)$/))) {
      const index = statuses.findIndex((s) => s.id === match![1])
      if (index < 0) return json(res, 404, { error: 'Record not found' })
      const [gone] = statuses.splice(index, 1)
      deleted.push(gone!.id)
      return json(res, 200, { ...statusJson(gone!), text: gone!.text })
    }
    if (route === 'GET /api/v1/accounts/verify_credentials') return json(res, 200, account)
    if ((match = route.match(/^GET \/api\/v1\/accounts\/(\d+)\/statuses$/))) {
      const limit = Number(recorded.query.limit ?? 20)
      const found = match[1] === account.id ? statuses.toReversed().slice(0, limit) : []
      return json(res, 200, found.map(statusJson))
    }
    return json(res, 404, { error: `No fake route for ${route}` })
  })

  function statusJson(status: FakeMastodonStatus) {
    // Mastodon renders the text as HTML, links as anchors.
    const content = `<p>${escapeHtml(status.text).replace(/https?:\/\/\S+/g, (link) => `<a href="${link}" rel="nofollow noopener" target="_blank">${link}</a>`)}</p>`
    return {
      id: status.id,
      in_reply_to_id: status.inReplyTo ?? null,
      uri: `${base}/users/${account.username}/statuses/${status.id}`,
      url: `${base}/@${account.username}/${status.id}`,
      created_at: status.createdAt,
      content,
      visibility: 'public',
      language: 'es',
      account,
      media_attachments: status.mediaIds.map((id) => ({ id, type: 'image', description: media.get(id)?.description ?? null })),
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`

  return {
    url: base,
    accessToken,
    requests,
    statuses,
    media,
    deleted,
    failNext(fault, count = 1, on = fault.endsWith('-after-post') ? 'post' : 'any') {
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
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.setHeader('x-ratelimit-limit', '300')
  res.setHeader('x-ratelimit-remaining', String(rate.remaining ?? 299))
  res.setHeader('x-ratelimit-reset', new Date(Date.now() + (rate.resetSeconds ?? 3 * 60 * 60) * 1000).toISOString())
  res.end(JSON.stringify(payload))
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
