import type { ITwitterApiClientPlugin } from 'twitter-api-v2'

/**
 * twitter-api-v2 hard-codes X's hosts (api.x.com, upload.x.com). This plugin sends every request to `apiUrl`
 * instead (a local fake in tests, a proxy in production), keeping the path, and sets the request timeout.
 * It must be `onBeforeRequestConfig`: `onBeforeRequest` receives a copy of the URL.
 */
export function apiUrlPlugin({ apiUrl, timeoutMs }: { apiUrl: URL | null; timeoutMs: number }): ITwitterApiClientPlugin {
  return {
    onBeforeRequestConfig({ params }) {
      params.timeout ??= timeoutMs
      if (!apiUrl) return
      const target = new URL(params.url)
      target.protocol = apiUrl.protocol
      target.host = apiUrl.host
      target.pathname = apiUrl.pathname.replace(/\/$/, '') + target.pathname
      params.url = target.toString()
    },
  }
}
