import { createHash } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { recordRequest, type RecordedRequest } from './fakeXApi'
import type { FakePostSummary, FakeSocialNetwork, FaultPlan } from './fakeSocialNetwork'

/**
 * A local stand-in for a Bluesky PDS (and the entryway it logs in through), speaking the XRPC calls
 * @atproto/api 0.19 makes for Pregón's provider: com.atproto.server.createSession, refreshSession and
 * getSession, com.atproto.repo.uploadBlob (raw bytes), createRecord (honouring `rkey`), getRecord and
 * listRecords (newest first). Access tokens can be made stale, so the agent must refresh them. Like the PDS,
 * it refuses to create a record under a key already taken, so a re-send with the same key shows here as
 * that refusal, never as a second post.
 */

export interface FakeBlueskyBlobRef {
  $type: 'blob'
  ref: { $link: string }
  mimeType: string
  size: number
}

/** An app.bsky.feed.post record as the provider wrote it. */
export interface FakeBlueskyPost {
  $type: 'app.bsky.feed.post'
  text: string
  facets?: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<{ $type: string; uri?: string; tag?: string }> }>
  langs?: string[]
  createdAt: string
  /** A reply names its thread's root and its parent post, each by uri and cid. */
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } }
  embed?: {
    $type: string
    images?: Array<{ image: FakeBlueskyBlobRef; alt: string; aspectRatio?: { width: number; height: number } }>
    external?: { uri: string; title: string; description: string; thumb?: FakeBlueskyBlobRef }
  }
}

export interface FakeBlueskyRecord {
  uri: string
  rkey: string
  cid: string
  value: FakeBlueskyPost
}

export interface FakeBlueskyBlob {
  data: Buffer
  mimeType: string
}

/**
 * 'rate-limit' 429 with RateLimit-* headers; 'unavailable' 503; 'stale-token' answers the next request made
 * with an access token "ExpiredToken" and keeps that token expired (the agent must refresh it);
 * 'invalid-password' refuses the next login. The '-after-post' ones create the record and lose the answer
 * (dropped connection, or no answer at all).
 */
export type FakeBlueskyFault = 'rate-limit' | 'unavailable' | 'stale-token' | 'invalid-password' | 'reset-after-post' | 'stall-after-post'

/** What a fault suite injects at random. A refused password is left out: it stops the account for a person. */
export const BLUESKY_FAULTS: FaultPlan<FakeBlueskyFault> = [
  ['rate-limit', 'any'],
  ['unavailable', 'any'],
  ['unavailable', 'post'],
  ['reset-after-post', 'post'],
  ['stall-after-post', 'post'],
  ['stale-token', 'any'],
]

export interface FakeBlueskyOptions {
  /** Seconds until the reset a 429 announces (Bluesky's windows are 5 minutes to a day). */
  rateLimitResetSeconds?: number
  /**
   * How a create under a taken record key is refused: 'internal-error', the 500 bsky.social's PDS answers
   * today, or 'record-already-exists', the named 400 error newer PDS versions answer.
   */
  existingRecordAnswer?: 'internal-error' | 'record-already-exists'
}

export interface FakeBluesky extends FakeSocialNetwork<FakeBlueskyFault> {
  account: { did: string; handle: string; appPassword: string }
  /** The account's posts, oldest first. */
  records: FakeBlueskyRecord[]
  /** Uploaded blobs by CID. */
  blobs: Map<string, FakeBlueskyBlob>
  /** The uris of the records deleted (com.atproto.repo.deleteRecord), in order. */
  deleted: string[]
  /** Refuses every token issued so far, refresh tokens included (a session expired or revoked): only a new login works. */
  revokeSessions(): void
}

const POSTS = 'app.bsky.feed.post'
const RATE_LIMIT = 5000
const RATE_WINDOW_SECONDS = 60 * 60

export async function startFakeBluesky({ rateLimitResetSeconds = RATE_WINDOW_SECONDS, existingRecordAnswer = 'internal-error' }: FakeBlueskyOptions = {}): Promise<FakeBluesky> {
  const account = { did: 'did:plc:santaluciaprensa2q3x4y5z', handle: 'municipio.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' }
  const requests: RecordedRequest[] = []
  const records: FakeBlueskyRecord[] = []
  const blobs = new Map<string, FakeBlueskyBlob>()
  const deleted: string[] = []
  const faults: Array<{ fault: FakeBlueskyFault; on: 'any' | 'post' }> = []
  // Tokens that work now; an expired, rotated or revoked one is simply absent.
  const tokens = new Map<string, 'access' | 'refresh'>()
  const stalled = new Set<ServerResponse>()
  let issued = 0
  let base = ''

  const server = createServer(async (req, res) => {
    const recorded = await recordRequest(req, res, requests)
    const method = recorded.path.replace(/^\/xrpc\//, '')
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const isAuthenticated = token !== undefined && tokens.get(token) === 'access'
    const faultIndex = faults.findIndex(({ fault, on }) => appliesTo(fault, on, method, isAuthenticated))
    const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]!.fault : undefined

    if (fault === 'rate-limit') return xrpcError(res, 429, 'RateLimitExceeded', 'Rate Limit Exceeded', rateLimitResetSeconds)
    if (fault === 'unavailable') return xrpcError(res, 503, 'NotEnoughResources', 'Service Unavailable')

    if (method === 'com.atproto.server.createSession') {
      const { identifier, password } = (recorded.body ?? {}) as { identifier?: string; password?: string }
      const isKnown = identifier === account.handle || identifier === account.did
      if (!isKnown || password !== account.appPassword || fault === 'invalid-password') {
        return xrpcError(res, 401, 'AuthenticationRequired', 'Invalid identifier or password')
      }
      return json(res, 200, newSession())
    }
    if (method === 'com.atproto.server.refreshSession') {
      if (!token || tokens.get(token) !== 'refresh') return xrpcError(res, 400, 'ExpiredToken', 'Token has been revoked')
      tokens.delete(token) // refresh tokens are single-use
      return json(res, 200, newSession())
    }

    if (!token) return xrpcError(res, 401, 'AuthenticationRequired', 'Authentication Required')
    if (!isAuthenticated) return xrpcError(res, 400, 'ExpiredToken', 'Token has expired')
    if (fault === 'stale-token') {
      tokens.delete(token)
      return xrpcError(res, 400, 'ExpiredToken', 'Token has expired')
    }
    const query = recorded.query

    if (method === 'com.atproto.server.getSession') return json(res, 200, { did: account.did, handle: account.handle, active: true })
    if (method === 'com.atproto.repo.uploadBlob') {
      if (recorded.rawBody.length === 0) return xrpcError(res, 400, 'InvalidRequest', 'Request body is empty')
      const mimeType = req.headers['content-type'] ?? 'application/octet-stream'
      const cid = cidOf(recorded.rawBody, 'raw')
      blobs.set(cid, { data: recorded.rawBody, mimeType })
      return json(res, 200, { blob: blobRef(cid) })
    }
    if (method === 'com.atproto.repo.createRecord') {
      const { repo, collection, rkey, record } = (recorded.body ?? {}) as { repo?: string; collection?: string; rkey?: string; record?: FakeBlueskyPost }
      if (!isOurRepo(repo)) return xrpcError(res, 400, 'InvalidRequest', `Could not find repo: ${repo}`)
      // Pregón always names the key; a create without one is a bug the fake should show.
      if (!rkey) return xrpcError(res, 400, 'InvalidRequest', 'This fake PDS expects an rkey on every createRecord')
      if (!record || record.$type !== collection) return xrpcError(res, 400, 'InvalidRequest', 'Invalid $type: expected the collection')
      const missing = blobLinks(record).find((cid) => !blobs.has(cid))
      if (missing) return xrpcError(res, 400, 'InvalidRequest', `Could not find blob: ${missing}`)
      // Like a PDS validating the reply ref: its parent must be a record here, named by its current cid.
      const parent = record.reply?.parent
      if (record.reply && !records.some((existing) => existing.uri === parent?.uri && existing.cid === parent?.cid)) {
        return xrpcError(res, 400, 'InvalidRequest', `Invalid reply: no record ${parent?.uri} with cid ${parent?.cid}`)
      }
      const uri = `at://${account.did}/${collection}/${rkey}`
      if (records.some((existing) => existing.uri === uri)) {
        return existingRecordAnswer === 'record-already-exists'
          ? xrpcError(res, 400, 'RecordAlreadyExists', `Record already exists: ${collection}/${rkey}`)
          : xrpcError(res, 500, 'InternalServerError', 'Internal Server Error')
      }
      const created = { uri, rkey, cid: cidOf(Buffer.from(JSON.stringify(record)), 'dag-cbor'), value: record }
      records.push(created)
      if (fault === 'reset-after-post') return void res.socket?.destroy()
      if (fault === 'stall-after-post') return void stalled.add(res)
      return json(res, 200, { uri, cid: created.cid, commit: { cid: created.cid, rev: rkey }, validationStatus: 'valid' })
    }
    if (method === 'com.atproto.repo.deleteRecord') {
      const { repo, collection, rkey } = (recorded.body ?? {}) as { repo?: string; collection?: string; rkey?: string }
      if (!isOurRepo(repo)) return xrpcError(res, 400, 'InvalidRequest', `Could not find repo: ${repo}`)
      // Like a PDS: deleting a record that is not there succeeds.
      const index = records.findIndex((r) => r.rkey === rkey && collection === POSTS)
      if (index >= 0) deleted.push(records.splice(index, 1)[0]!.uri)
      // The commit is optional in deleteRecord's output; leaving it out keeps the fake from inventing a revision.
      return json(res, 200, {})
    }
    if (method === 'com.atproto.repo.getRecord') {
      const found = isOurRepo(query.repo) ? records.find((r) => r.rkey === query.rkey && query.collection === POSTS) : undefined
      if (!found) return xrpcError(res, 400, 'RecordNotFound', `Could not locate record: at://${query.repo}/${query.collection}/${query.rkey}`)
      return json(res, 200, { uri: found.uri, cid: found.cid, value: found.value })
    }
    if (method === 'com.atproto.repo.listRecords') {
      if (!isOurRepo(query.repo)) return xrpcError(res, 400, 'InvalidRequest', `Could not find repo: ${query.repo}`)
      const newestFirst = query.collection === POSTS ? records.toSorted((a, b) => (a.rkey < b.rkey ? 1 : -1)) : []
      const page = newestFirst.slice(0, Number(query.limit ?? 50))
      return json(res, 200, { records: page.map(({ uri, cid, value }) => ({ uri, cid, value })) })
    }
    return xrpcError(res, 501, 'MethodNotImplemented', `No fake route for ${recorded.method} ${method}`)
  })

  function newSession() {
    const accessJwt = `fake-access-${++issued}`
    const refreshJwt = `fake-refresh-${issued}`
    tokens.set(accessJwt, 'access')
    tokens.set(refreshJwt, 'refresh')
    // The DID document tells the agent which PDS holds the repo: this same server.
    const didDoc = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: account.did,
      alsoKnownAs: [`at://${account.handle}`],
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: base }],
    }
    return { accessJwt, refreshJwt, did: account.did, handle: account.handle, didDoc, email: 'prensa@municipio.gob.mx', emailConfirmed: true, active: true }
  }

  const isOurRepo = (repo: string | undefined) => repo === account.did || repo === account.handle

  function blobRef(cid: string): FakeBlueskyBlobRef {
    const blob = blobs.get(cid)!
    return { $type: 'blob', ref: { $link: cid }, mimeType: blob.mimeType, size: blob.data.length }
  }

  function imageOf({ embed }: FakeBlueskyPost): FakePostSummary['image'] {
    const image = embed?.images?.[0]
    if (image) return { bytes: blobs.get(image.image.ref.$link)?.data.length, alt: image.alt, width: image.aspectRatio?.width, height: image.aspectRatio?.height }
    const thumb = embed?.external?.thumb
    return thumb ? { bytes: blobs.get(thumb.ref.$link)?.data.length, alt: null } : null
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    account,
    requests,
    records,
    blobs,
    deleted,
    posts: () => records.map(({ uri, value }) => ({ id: uri, text: value.text, image: imageOf(value) })),
    failNext(fault, count = 1, on = fault.endsWith('-after-post') ? 'post' : 'any') {
      for (let i = 0; i < count; i++) faults.push({ fault, on })
    },
    pendingFaults: () => faults.length,
    revokeSessions: () => tokens.clear(),
    async close() {
      for (const res of stalled) res.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** The variables that point Pregón's Bluesky provider at `fake`. */
export function blueskyEnv(fake: FakeBluesky): Record<string, string> {
  return { BLUESKY_SERVICE_URL: fake.url, BLUESKY_HANDLE: fake.account.handle, BLUESKY_APP_PASSWORD: fake.account.appPassword }
}

/** Which request a queued fault waits for: a login fault for a login, a stale token for a request that carries one. */
function appliesTo(fault: FakeBlueskyFault, on: 'any' | 'post', method: string, isAuthenticated: boolean): boolean {
  if (fault === 'invalid-password') return method === 'com.atproto.server.createSession'
  if (on === 'post' || fault.endsWith('-after-post')) return method === 'com.atproto.repo.createRecord'
  return fault !== 'stale-token' || isAuthenticated
}

function blobLinks({ embed }: FakeBlueskyPost): string[] {
  return [...(embed?.images ?? []).map(({ image }) => image.ref.$link), ...(embed?.external?.thumb ? [embed.external.thumb.ref.$link] : [])]
}

function json(res: ServerResponse, status: number, payload: unknown, resetSeconds = RATE_WINDOW_SECONDS): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.setHeader('ratelimit-limit', String(RATE_LIMIT))
  res.setHeader('ratelimit-remaining', String(status === 429 ? 0 : RATE_LIMIT - 3))
  res.setHeader('ratelimit-reset', String(Math.ceil(Date.now() / 1000) + resetSeconds))
  res.setHeader('ratelimit-policy', `${RATE_LIMIT};w=${RATE_WINDOW_SECONDS}`)
  res.end(JSON.stringify(payload))
}

function xrpcError(res: ServerResponse, status: number, error: string, message: string, resetSeconds?: number): void {
  json(res, status, { error, message }, resetSeconds)
}

/**
 * A CIDv1 with a sha-256 multihash, base32 like atproto writes them: codec 'raw' for blobs, 'dag-cbor' for
 * records (hashed over the record's JSON here, not its CBOR: the client only checks the CID is well formed).
 */
function cidOf(bytes: Buffer, codec: 'raw' | 'dag-cbor'): string {
  const digest = createHash('sha256').update(bytes).digest()
  return `b${base32(Buffer.concat([Buffer.from([0x01, codec === 'raw' ? 0x55 : 0x71, 0x12, 0x20]), digest]))}`
}

function base32(bytes: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  let out = ''
  let value = 0
  let bits = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += alphabet[(value >>> bits) & 31]
    }
    value &= (1 << bits) - 1
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out
}
