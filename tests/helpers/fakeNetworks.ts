import { blueskyEnv, startFakeBluesky, type FakeBluesky, type FakeBlueskyOptions } from './fakeBluesky'
import { startFakeMastodon, type FakeMastodon } from './fakeMastodon'
import { metaEnv, startFakeMetaGraph, type FakeMetaGraph, type FakeMetaGraphOptions } from './fakeMetaGraph'
import { startFakeTelegram, telegramEnv, type FakeTelegram, type FakeTelegramOptions } from './fakeTelegram'
import { startFakeXApi, type FakeXApi, type FakeXApiOptions } from './fakeXApi'

/** The stand-ins of all seven networks (Meta's one server holds Facebook, Instagram and Threads). */
export interface FakeNetworks {
  x: FakeXApi
  mastodon: FakeMastodon
  meta: FakeMetaGraph
  bluesky: FakeBluesky
  telegram: FakeTelegram
  /** The variables that point Pregón at every one of them, with their credentials. */
  env: Record<string, string>
  close(): Promise<void>
}

export interface FakeNetworksOptions {
  x?: FakeXApiOptions
  meta?: FakeMetaGraphOptions
  bluesky?: FakeBlueskyOptions
  telegram?: FakeTelegramOptions
}

/** Starts the seven stand-ins at once, for tests and benchmarks that reach every network. */
export async function startFakeNetworks(options: FakeNetworksOptions = {}): Promise<FakeNetworks> {
  const [x, mastodon, meta, bluesky, telegram] = await Promise.all([
    startFakeXApi(options.x),
    startFakeMastodon(),
    startFakeMetaGraph(options.meta),
    startFakeBluesky(options.bluesky),
    startFakeTelegram(options.telegram),
  ])
  return {
    x,
    mastodon,
    meta,
    bluesky,
    telegram,
    env: {
      X_API_URL: x.url,
      X_API_KEY: 'x-app-key',
      X_API_SECRET: 'x-app-secret',
      X_ACCESS_TOKEN: 'x-access-token',
      X_ACCESS_SECRET: 'x-access-secret',
      MASTODON_URL: mastodon.url,
      MASTODON_ACCESS_TOKEN: mastodon.accessToken,
      ...metaEnv(meta),
      ...blueskyEnv(bluesky),
      ...telegramEnv(telegram),
    },
    async close() {
      await Promise.all([x.close(), mastodon.close(), meta.close(), bluesky.close(), telegram.close()])
    },
  }
}
