import type { CollectionBeforeLoginHook } from 'payload'
import { toApiError } from '../http/errorReply'
import { checkTotp } from './totp'
import { totpRefusals } from './totpRefusals'
import { openTotpSecret } from './totpSecretBox'

interface TotpUser {
  id: number
  totpEnabled?: boolean | null
  totpSecret?: string | null
  totpLastStep?: number | null
}

/**
 * With the second step on, the password alone does not sign in: the login body must carry `totp`, the code
 * the person's app shows. Runs after Payload checked the password (a wrong password never learns whether the
 * account has a second step). A refusal ends the sign-in: Payload revokes the session it had opened, and the
 * attempt stays counted by the login throttle like a wrong password. The Local API (the server's own code)
 * is not asked for a code.
 */
export const requireTotp: CollectionBeforeLoginHook = async ({ req, user }) => {
  const account = user as TotpUser
  if (!account.totpEnabled || req.payloadAPI === 'local') return user
  const code = (req.data as { totp?: unknown } | undefined)?.totp
  if (typeof code !== 'string' || code.trim() === '') throw toApiError(totpRefusals.required('not-signed-in'))
  const secret = account.totpSecret ? openTotpSecret(account.totpSecret, req.payload.secret) : null
  if (!secret) throw toApiError(totpRefusals.unreadable())
  const check = await checkTotp({ secret, code, afterTimeStep: account.totpLastStep })
  if (!check.valid) throw toApiError(totpRefusals.invalid('not-signed-in'))
  // A code works once: the next sign-in needs a later one.
  await req.payload.db.updateOne({ collection: 'users', id: account.id, data: { totpLastStep: check.timeStep }, req })
  return user
}
