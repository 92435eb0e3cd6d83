import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { Payload } from 'payload'
import type { Logger } from 'pino'
import type { MastodonProvider } from '../providers/mastodon/createMastodonProvider'
import type { XProvider } from '../providers/x/XProvider'
import type { Mailer } from '../providers/smtp/createMailer'
import type { SocialProvider } from '../providers/SocialProvider'

/** What every task receives: the Local API, the parsed configuration, a logger and the providers. */
export interface TaskContext {
  payload: Payload
  config: Readonly<Config>
  log: Logger
  x: XProvider
  mastodon: MastodonProvider
  mailer: Mailer
  /** How social posts are retried after a network failure (tests shorten the wait). */
  social?: { retryBaseMs?: number; maxAttempts?: number }
  /** For the times shown to editors ("sale a las …"); the office's own, America/Mexico_City by default. */
  timeZone?: string
}

// Typed over every social channel of the catalogue: a network added there does not compile until it is wired here.
const SOCIAL_PROVIDERS: { [C in SocialChannel]: (ctx: TaskContext) => SocialProvider } = {
  x: (ctx) => ctx.x,
  mastodon: (ctx) => ctx.mastodon,
}

/** The provider that posts to a social channel. */
export function socialProviderOf(ctx: TaskContext, channel: SocialChannel): SocialProvider {
  return SOCIAL_PROVIDERS[channel](ctx)
}
