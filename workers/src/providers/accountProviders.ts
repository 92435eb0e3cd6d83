import { CHANNEL_LABELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { CredentialsError, openCredentials } from '@pregon/core/socialCredentials'
import type { SocialAccount } from '@pregon/cms/worker'
import type { Payload } from 'payload'
import type { SocialProvider } from './SocialProvider'
import { createSocialProvider, type SocialProviderOptions, type SocialProviders } from './socialProviders'

/** An account the worker cannot post to as things stand (gone, switched off, credentials unreadable). */
export class SocialAccountUnavailable extends Error {
  readonly code: 'SOCIAL_ACCOUNT_GONE' | 'SOCIAL_ACCOUNT_INACTIVE' | 'CREDENTIALS_KEY_MISSING' | CredentialsError['code']
  constructor(code: SocialAccountUnavailable['code'], message: string) {
    super(message)
    this.name = 'SocialAccountUnavailable'
    this.code = code
  }
}

export interface AccountProviders {
  /** The provider that posts to one account of a network: the environment's for the main one, else the admin's. */
  providerFor(channel: SocialChannel, account: string): Promise<SocialProvider>
  /** The accounts added in the admin that are switched on (the connection check reads each). */
  addedAccounts(): Promise<SocialAccount[]>
}

/**
 * Providers for every account, made on first use and kept while the account's credentials stay as they were
 * (a provider holds its session, throttle and rate-limit state). An account added in the admin is read with
 * its sealed credentials, which only this process opens, with CREDENTIALS_KEY; without credentials it posts as
 * a dry run, like a network with none in the environment.
 */
export function createAccountProviders({
  payload,
  config,
  main,
  options = {},
}: {
  payload: Payload
  config: Readonly<Config>
  /** The main account's provider of each network (from the environment). */
  main: SocialProviders
  options?: SocialProviderOptions
}): AccountProviders {
  const made = new Map<string, { stamp: string; provider: SocialProvider }>()

  return {
    async providerFor(channel, account) {
      if (account === socialSpec(channel).account(config)) return main[channel]
      const { docs } = await payload.find({
        collection: 'social-accounts',
        where: { channel: { equals: channel }, account: { equals: account } },
        limit: 1,
        depth: 0,
        showHiddenFields: true,
      })
      const row = docs[0]
      const name = `${row?.label ?? account} (${CHANNEL_LABELS[channel]})`
      if (!row) throw new SocialAccountUnavailable('SOCIAL_ACCOUNT_GONE', `La cuenta ${name} ya no existe en Pregón: no se publicó ahí.`)
      if (row.isActive === false) {
        throw new SocialAccountUnavailable('SOCIAL_ACCOUNT_INACTIVE', `La cuenta ${name} está desactivada: no se publicó ahí. Actívala en «Cuentas de redes sociales» y usa «Reintentar».`)
      }
      const stamp = `${row.credentialsSavedAt ?? ''}`
      const known = made.get(`${channel}/${account}`)
      if (known?.stamp === stamp) return known.provider
      let credentials = null
      if (row.sealedCredentials) {
        if (!config.credentialsKey) {
          throw new SocialAccountUnavailable(
            'CREDENTIALS_KEY_MISSING',
            `Las credenciales de la cuenta ${name} están cifradas y el servidor no tiene CREDENTIALS_KEY para abrirlas: pide a quien lo administra que la vuelva a definir y usa «Reintentar».`,
          )
        }
        try {
          credentials = openCredentials(Buffer.from(config.credentialsKey, 'hex'), channel, row.sealedCredentials)
        } catch (error) {
          if (error instanceof CredentialsError) throw new SocialAccountUnavailable(error.code, `Cuenta ${name}: ${error.message}`)
          throw error
        }
      }
      const provider = createSocialProvider(channel, credentials, config, options)
      made.set(`${channel}/${account}`, { stamp, provider })
      return provider
    },

    async addedAccounts() {
      const { docs } = await payload.find({
        collection: 'social-accounts',
        where: { source: { equals: 'admin' }, isActive: { not_equals: false } },
        depth: 0,
        limit: 500,
        pagination: false,
      })
      return docs
    },
  }
}
