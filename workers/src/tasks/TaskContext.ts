import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import type { Payload } from 'payload'
import type { Logger } from 'pino'
import type { Mailer } from '../providers/smtp/createMailer'
import { createAccountProviders, type AccountProviders } from '../providers/accountProviders'
import type { SocialProvider } from '../providers/SocialProvider'
import type { SocialProviders } from '../providers/socialProviders'

/** What every task receives: the Local API, the parsed configuration, a logger and the providers. */
export interface TaskContext {
  payload: Payload
  config: Readonly<Config>
  log: Logger
  /** The main account's provider of each social network, from the environment (providers/socialProviders). */
  networks: SocialProviders
  /** Every account's provider, the main ones included (providers/accountProviders); made from the rest when absent. */
  accounts?: AccountProviders
  mailer: Mailer
  /** How social posts are retried after a network failure (tests shorten the wait). */
  social?: { retryBaseMs?: number; maxAttempts?: number }
  /** For the times shown to editors ("sale a las …"); the office's own, America/Mexico_City by default. */
  timeZone?: string
}

const madeAccounts = new WeakMap<SocialProviders, AccountProviders>()

/** Every account's provider for this context: its own, or one made once from its main providers. */
export function accountProvidersOf(ctx: TaskContext): AccountProviders {
  if (ctx.accounts) return ctx.accounts
  let accounts = madeAccounts.get(ctx.networks)
  if (!accounts) {
    accounts = createAccountProviders({ payload: ctx.payload, config: ctx.config, main: ctx.networks })
    madeAccounts.set(ctx.networks, accounts)
  }
  return accounts
}

/** The provider that posts to one account of a social network (throws SocialAccountUnavailable). */
export function socialProviderOf(ctx: TaskContext, channel: SocialChannel, account: string): Promise<SocialProvider> {
  return accountProvidersOf(ctx).providerFor(channel, account)
}
