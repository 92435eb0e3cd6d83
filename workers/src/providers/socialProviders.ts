import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { createBlueskyProvider } from './bluesky/createBlueskyProvider'
import { createMastodonProvider } from './mastodon/createMastodonProvider'
import { createFacebookProvider } from './meta/createFacebookProvider'
import { createInstagramProvider } from './meta/createInstagramProvider'
import { createThreadsProvider } from './meta/createThreadsProvider'
import type { SocialProvider } from './SocialProvider'
import { createTelegramProvider } from './telegram/createTelegramProvider'
import { createXProvider } from './x/XProvider'

/** One provider per network of the catalogue: a network added there does not compile until it is made here. */
export type SocialProviders = { readonly [C in SocialChannel]: SocialProvider & { readonly channel: C } }

export interface SocialProviderOptions {
  /** How long one request may take (tests shorten it). */
  timeoutMs?: number
  /** Dry runs only, whatever credentials are set (tools that must never post, tests that reach no network). */
  dryRun?: boolean
}

/** Every network's provider from the configuration: live with its credentials, a dry run without them. */
export function createSocialProviders(config: Readonly<Config>, { timeoutMs, dryRun = false }: SocialProviderOptions = {}): SocialProviders {
  const timeout = timeoutMs === undefined ? {} : { timeoutMs }
  const live = <T>(credentials: T | null): T | null => (dryRun ? null : credentials)
  return {
    x: createXProvider({ credentials: live(config.x.credentials), apiUrl: config.x.apiUrl, ...timeout }),
    mastodon: createMastodonProvider({ server: live(config.mastodon), ...timeout }),
    facebook: createFacebookProvider({ credentials: live(config.facebook.credentials), apiUrl: config.facebook.apiUrl, ...timeout }),
    instagram: createInstagramProvider({ credentials: live(config.instagram.credentials), apiUrl: config.instagram.apiUrl, ...timeout }),
    threads: createThreadsProvider({ credentials: live(config.threads.credentials), apiUrl: config.threads.apiUrl, ...timeout }),
    bluesky: createBlueskyProvider({ credentials: live(config.bluesky.credentials), serviceUrl: config.bluesky.serviceUrl, ...timeout }),
    telegram: createTelegramProvider({ credentials: live(config.telegram.credentials), apiUrl: config.telegram.apiUrl, ...timeout }),
  }
}
