import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { NetworkCredentials } from '@pregon/core/socialCredentials'
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

type Factory<C extends SocialChannel> = (credentials: NetworkCredentials[C] | null, config: Readonly<Config>, timeout: { timeoutMs?: number }) => SocialProviders[C]

/** How each network's provider is made from an account's credentials (null: a dry run) and where its API is. */
const FACTORIES: { readonly [C in SocialChannel]: Factory<C> } = {
  x: (credentials, config, timeout) => createXProvider({ credentials, apiUrl: config.x.apiUrl, ...timeout }),
  mastodon: (credentials, _config, timeout) => createMastodonProvider({ server: credentials, ...timeout }),
  facebook: (credentials, config, timeout) => createFacebookProvider({ credentials, apiUrl: config.facebook.apiUrl, ...timeout }),
  instagram: (credentials, config, timeout) => createInstagramProvider({ credentials, apiUrl: config.instagram.apiUrl, ...timeout }),
  threads: (credentials, config, timeout) => createThreadsProvider({ credentials, apiUrl: config.threads.apiUrl, ...timeout }),
  bluesky: (credentials, config, timeout) => createBlueskyProvider({ credentials, serviceUrl: config.bluesky.serviceUrl, ...timeout }),
  telegram: (credentials, config, timeout) => createTelegramProvider({ credentials, apiUrl: config.telegram.apiUrl, ...timeout }),
}

/** The main account's credentials of every network, from the environment (null: not configured). */
export function mainCredentials(config: Readonly<Config>): { readonly [C in SocialChannel]: NetworkCredentials[C] | null } {
  return {
    x: config.x.credentials,
    mastodon: config.mastodon ? { url: config.mastodon.url, accessToken: config.mastodon.accessToken } : null,
    facebook: config.facebook.credentials,
    instagram: config.instagram.credentials,
    threads: config.threads.credentials,
    bluesky: config.bluesky.credentials,
    telegram: config.telegram.credentials,
  }
}

/** One account's provider: live with its credentials, a dry run without them (or when told to post nothing). */
export function createSocialProvider<C extends SocialChannel>(
  channel: C,
  credentials: NetworkCredentials[C] | null,
  config: Readonly<Config>,
  { timeoutMs, dryRun = false }: SocialProviderOptions = {},
): SocialProviders[C] {
  return (FACTORIES[channel] as Factory<C>)(dryRun ? null : credentials, config, timeoutMs === undefined ? {} : { timeoutMs })
}

/** Every network's main-account provider from the configuration: live with its credentials, a dry run without them. */
export function createSocialProviders(config: Readonly<Config>, options: SocialProviderOptions = {}): SocialProviders {
  const credentials = mainCredentials(config)
  const make = <C extends SocialChannel>(channel: C) => createSocialProvider(channel, credentials[channel], config, options)
  return {
    x: make('x'),
    mastodon: make('mastodon'),
    facebook: make('facebook'),
    instagram: make('instagram'),
    threads: make('threads'),
    bluesky: make('bluesky'),
    telegram: make('telegram'),
  }
}
