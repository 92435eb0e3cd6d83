import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { Payload } from 'payload'
import type { Logger } from 'pino'
import type { Mailer } from '../providers/smtp/createMailer'
import type { SocialProvider } from '../providers/SocialProvider'
import type { SocialProviders } from '../providers/socialProviders'

/** What every task receives: the Local API, the parsed configuration, a logger and the providers. */
export interface TaskContext {
  payload: Payload
  config: Readonly<Config>
  log: Logger
  /** One provider per social network (providers/socialProviders). */
  networks: SocialProviders
  mailer: Mailer
  /** How social posts are retried after a network failure (tests shorten the wait). */
  social?: { retryBaseMs?: number; maxAttempts?: number }
  /** For the times shown to editors ("sale a las …"); the office's own, America/Mexico_City by default. */
  timeZone?: string
}

/** The provider that posts to a social channel. */
export function socialProviderOf(ctx: TaskContext, channel: SocialChannel): SocialProvider {
  return ctx.networks[channel]
}
