import type { XCredentials } from '@pregon/core/loadConfig'
import { assertXTextFits } from './assertXTextFits'
import { createLiveXProvider, X_DEFAULT_API_URL } from './createLiveXProvider'
import type { XProvider } from './XProviderTypes'

export { X_DEFAULT_API_URL } from './createLiveXProvider'
export { XProviderError, type XProviderErrorCode, type XRequestStage } from './XProviderError'
export type { XPostInput, XPostResult, XProvider } from './XProviderTypes'

export interface CreateXProviderOptions {
  /** null: no X account configured, so nothing leaves the machine (dry run). */
  credentials: XCredentials | null
  /** Base of every X request (API and upload hosts); defaults to https://api.x.com. */
  apiUrl?: string
  /** Per-request socket timeout; a post that times out has an unknown outcome. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 30_000

export function createXProvider({ credentials, apiUrl = X_DEFAULT_API_URL, timeoutMs = DEFAULT_TIMEOUT_MS }: CreateXProviderOptions): XProvider {
  if (!credentials) return dryRunXProvider
  return createLiveXProvider({ credentials, apiUrl, timeoutMs })
}

const dryRunXProvider: XProvider = {
  channel: 'x',
  mode: 'dry-run',
  async findRecentPost() {
    return null
  },
  async post({ text, link, image }) {
    // Same refusal and count as the live provider and the admin's preview, so a dry run shows what would really happen.
    assertXTextFits(text, link)
    return { kind: 'dry-run', text, image: image ? { path: image.path, alt: image.alt } : null }
  },
  async reply({ text, link }) {
    assertXTextFits(text, link)
    return { kind: 'dry-run', text, image: null }
  },
  async deletePost() {},
}
