import { CHANNEL_LABELS, SOCIAL_CHANNELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import { isSocialFailure } from '../providers/SocialProvider'
import { updateAccount } from './socialLedger'
import type { TaskContext } from './TaskContext'

export type ConnectionOutcome = 'connected' | 'reconnect' | 'unreachable'

/**
 * «Probar conexión»: reads every configured account without posting (at start, every morning and when a
 * person asks) and records whose account the credentials open, when their token expires, or that the network
 * refused them («Reconectar»). Working credentials clear a «Reconectar» flag: whoever renewed them and
 * restarted Pregón need not do more than «Reintentar» the posts that failed meanwhile.
 */
export async function checkSocialAccounts(ctx: TaskContext, now = new Date()): Promise<Partial<Record<SocialChannel, ConnectionOutcome>>> {
  const outcomes: Partial<Record<SocialChannel, ConnectionOutcome>> = {}
  for (const channel of SOCIAL_CHANNELS) {
    const provider = ctx.networks[channel]
    if (provider.mode !== 'live' || !provider.checkConnection) continue
    const account = { channel, account: socialSpec(channel).account(ctx.config) }
    const checkedAt = now.toISOString()
    try {
      const { account: name, expiresAt } = await provider.checkConnection()
      await updateAccount(ctx.payload, account, { checkedAt, checkedAccount: name, tokenExpiresAt: expiresAt?.toISOString() ?? null, needsReconnect: false, error: null, errorAt: null })
      outcomes[channel] = 'connected'
    } catch (error) {
      const message = isSocialFailure(error) ? error.message : `Error inesperado al probar la conexión con ${CHANNEL_LABELS[channel]}: ${(error as Error).message}`
      const refused = isSocialFailure(error) && error.category === 'auth'
      // A network that did not answer says nothing about the credentials: only a refusal flags the account.
      await updateAccount(ctx.payload, account, { checkedAt, error: message, errorAt: checkedAt, ...(refused ? { needsReconnect: true } : {}) })
      outcomes[channel] = refused ? 'reconnect' : 'unreachable'
      ctx.log.warn({ channel, code: isSocialFailure(error) ? error.code : undefined }, refused ? 'credentials refused on connection check' : 'connection check failed')
    }
  }
  return outcomes
}
