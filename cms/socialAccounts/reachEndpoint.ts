import { isChannel } from '@pregon/core/channels'
import { endpoint, signedInUser } from '../http/errorReply'
import type { User } from '../payload-types'
import { accountsReached } from './accountsReached'

/**
 * `POST /api/social-accounts/reach` with the bulletin's `distributeTo`, `department` and `extraAccounts` as
 * the editor has them now (saved or not): the accounts it will go out on. The bulletin's «Llegará a» asks it
 * as those fields change, so editor and approver see every account before approving.
 */
export const reachEndpoint = endpoint({
  path: '/reach',
  method: 'post',
  handler: async (req) => {
    signedInUser<User>(req, { code: 'SOCIAL_REACH_NOT_SIGNED_IN', message: 'Inicia sesión para ver a qué cuentas llega el boletín.' })
    const body = ((await req.json?.().catch(() => null)) ?? {}) as { distributeTo?: unknown; department?: unknown; extraAccounts?: unknown }
    const channels = Array.isArray(body.distributeTo) ? body.distributeTo.filter(isChannel) : []
    const extraAccounts = Array.isArray(body.extraAccounts) ? body.extraAccounts : []
    const accounts = await accountsReached({ payload: req.payload, channels, department: body.department, extraAccounts })
    return Response.json({ accounts })
  },
})
