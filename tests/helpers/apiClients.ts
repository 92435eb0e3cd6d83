import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'

/** What an API call came to, whatever the API: done, refused/not visible, or not possible in this state. */
export type Outcome = 'ok' | 'denied' | 'conflict' | 'invalid'

const ROUTES = { GET: REST_GET, POST: REST_POST, PATCH: REST_PATCH, DELETE: REST_DELETE }

export function outcomeOfStatus(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 401 || status === 403 || status === 404) return 'denied'
  if (status === 409) return 'conflict'
  if (status === 400 || status === 422) return 'invalid'
  throw new Error(`Unexpected HTTP status ${status}`)
}

/**
 * Payload's own REST and GraphQL route handlers (the ones the admin's Next app mounts), called in-process
 * with real `Request`s: the same code path as HTTP, without a server.
 */
export function apiClients(payload: Payload) {
  const config = Promise.resolve(payload.config)
  const base = 'http://localhost:3000/api'
  const headers = (token?: string | null) => ({
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `JWT ${token}` } : {}),
  })

  async function rest(method: keyof typeof ROUTES, path: string, { token, body }: { token?: string | null; body?: unknown } = {}) {
    const url = new URL(`${base}/${path}`)
    const slug = url.pathname.replace('/api/', '').split('/')
    const response = await ROUTES[method](config)(
      new Request(url, { method, headers: headers(token), ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
      { params: Promise.resolve({ slug }) },
    )
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null }
  }

  /** Any body (multipart, form) and the whole Response, for endpoints that do not speak JSON both ways. */
  async function request(method: keyof typeof ROUTES, path: string, { token, body, headers: extra = {} }: { token?: string | null; body?: BodyInit; headers?: Record<string, string> } = {}) {
    const url = new URL(`${base}/${path}`)
    const slug = url.pathname.replace('/api/', '').split('/')
    return ROUTES[method](config)(
      new Request(url, { method, headers: { ...(token ? { Authorization: `JWT ${token}` } : {}), ...extra }, ...(body === undefined ? {} : { body }) }),
      { params: Promise.resolve({ slug }) },
    )
  }

  async function graphql(query: string, { token, variables }: { token?: string | null; variables?: Record<string, unknown> } = {}) {
    const response = await GRAPHQL_POST(config)(
      new Request(`${base}/graphql`, { method: 'POST', headers: headers(token), body: JSON.stringify({ query, variables }) }),
    )
    const body = (await response.json()) as {
      data?: Record<string, unknown> | null
      errors?: Array<{ message: string; extensions?: { statusCode?: number } }>
    }
    return body
  }

  /** A GraphQL answer as an outcome: the first error's status, or ok when the field has data. */
  function graphqlOutcome(body: Awaited<ReturnType<typeof graphql>>, field: string): Outcome {
    const error = body.errors?.[0]
    if (error) {
      // No status: the query itself is wrong (a test bug), not a refusal.
      if (error.extensions?.statusCode === undefined) throw new Error(`GraphQL error: ${error.message}`)
      return outcomeOfStatus(error.extensions.statusCode)
    }
    return body.data?.[field] ? 'ok' : 'denied'
  }

  return { rest, request, graphql, graphqlOutcome }
}
