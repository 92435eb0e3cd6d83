import { CHANNEL_LABELS, SOCIAL_CHANNELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import { SocialAccountUnavailable } from '../providers/accountProviders'
import { isSocialFailure, type SocialProvider } from '../providers/SocialProvider'
import { updateAccount } from './socialLedger'
import { accountProvidersOf, type TaskContext } from './TaskContext'

export type ConnectionOutcome = 'connected' | 'reconnect' | 'unreachable' | 'dry-run'

/** `facebook/principal`, `facebook/dif-municipal`… */
export type AccountKey = `${SocialChannel}/${string}`

/**
 * «Probar conexión»: reads every account without posting (at start, every morning, when a person asks and when
 * an administrator saves new credentials) and records whose account the credentials open, when their token
 * expires, or that the network refused them («Reconectar»). Working credentials clear a «Reconectar» flag:
 * whoever renewed them need not do more than «Reintentar» the posts that failed meanwhile. The main account of
 * each network gets its row here (named after the environment); one with no credentials is recorded as a dry run.
 */
export async function checkSocialAccounts(ctx: TaskContext, now = new Date()): Promise<Record<AccountKey, ConnectionOutcome>> {
  const outcomes: Record<AccountKey, ConnectionOutcome> = {}
  const accounts = accountProvidersOf(ctx)
  const checkedAt = now.toISOString()
  const targets: Array<{ channel: SocialChannel; account: string; isMain: boolean }> = [
    ...SOCIAL_CHANNELS.map((channel) => ({ channel, account: socialSpec(channel).account(ctx.config), isMain: true })),
    ...(await accounts.addedAccounts()).map((row) => ({ channel: row.channel, account: row.account, isMain: false })),
  ]
  for (const { channel, account, isMain } of targets) {
    const key: AccountKey = `${channel}/${account}`
    let provider: SocialProvider
    try {
      provider = await accounts.providerFor(channel, account)
    } catch (error) {
      if (!(error instanceof SocialAccountUnavailable)) throw error
      await updateAccount(ctx.payload, { channel, account }, { checkedAt, error: error.message, errorAt: checkedAt })
      outcomes[key] = 'unreachable'
      continue
    }
    if (provider.mode !== 'live' || !provider.checkConnection) {
      const what = isMain ? 'no hay credenciales en la configuración del servidor' : 'no tiene credenciales guardadas'
      await updateAccount(ctx.payload, { channel, account }, { checkedAt, checkedAccount: `Simulación: ${what}`, error: null, errorAt: null }, { isMain })
      outcomes[key] = 'dry-run'
      continue
    }
    try {
      const { account: name, expiresAt } = await provider.checkConnection()
      await updateAccount(
        ctx.payload,
        { channel, account },
        { checkedAt, checkedAccount: name, tokenExpiresAt: expiresAt?.toISOString() ?? null, needsReconnect: false, error: null, errorAt: null },
        { isMain },
      )
      outcomes[key] = 'connected'
    } catch (error) {
      const message = isSocialFailure(error) ? error.message : `Error inesperado al probar la conexión con ${CHANNEL_LABELS[channel]}: ${(error as Error).message}`
      const refused = isSocialFailure(error) && error.category === 'auth'
      // A network that did not answer says nothing about the credentials: only a refusal flags the account.
      await updateAccount(ctx.payload, { channel, account }, { checkedAt, error: message, errorAt: checkedAt, ...(refused ? { needsReconnect: true } : {}) }, { isMain })
      outcomes[key] = refused ? 'reconnect' : 'unreachable'
      ctx.log.warn({ channel, account, code: isSocialFailure(error) ? error.code : undefined }, refused ? 'credentials refused on connection check' : 'connection check failed')
    }
  }
  return outcomes
}
