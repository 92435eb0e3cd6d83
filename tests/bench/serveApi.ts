/**
 * Payload's REST and GraphQL route handlers (the ones the admin's Next app mounts at /api) behind a plain
 * node:http server: real HTTP, real JSON, without building the Next app for a benchmark.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { GRAPHQL_POST, REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'

export interface ApiServer {
  url: string
  close(): Promise<void>
}

export async function serveApi(payload: Payload, { port = 0 }: { port?: number } = {}): Promise<ApiServer> {
  const config = Promise.resolve(payload.config)
  const get = REST_GET(config)
  const post = REST_POST(config)
  const graphql = GRAPHQL_POST(config)
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
      const request = new Request(url, { method: req.method, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) })
      const slug = url.pathname.replace(/^\/api\//, '').split('/')
      const response =
        url.pathname === '/api/graphql'
          ? await graphql(request)
          : await (req.method === 'POST' ? post : get)(request, { params: Promise.resolve({ slug }) })
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.writeHead(500).end(String((error as Error).message))
    }
  })
  // Clients keep their connections for the whole figure; a busy machine must not see them reset under it.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
