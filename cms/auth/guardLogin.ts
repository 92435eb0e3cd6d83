import { AuthenticationError, type CollectionAfterLoginHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import { toApiError } from '../http/errorReply'
import { clientAddress } from './clientAddress'
import type { LoginAttempt, LoginThrottle } from './loginThrottle'
import { spendPasswordHashTime } from './spendPasswordHashTime'

const ATTEMPT = 'pregonLoginAttempt'

/**
 * Sign-in over REST and GraphQL (the admin's login form is REST): throttled per client and per client and
 * account, and answered the same, in about the same time, whether the account exists or not. The Local API
 * is the server's own code and is not throttled.
 */
export function guardLogin({ trustedProxies, throttle }: { trustedProxies: number; throttle: LoginThrottle }) {
  const beforeOperation: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
    if (operation !== 'login' || req.payloadAPI === 'local') return args
    const { email, password } = (args as { data: { email?: unknown; password?: unknown } }).data
    const account = typeof email === 'string' ? email.toLowerCase().trim() : ''
    // Without an email or a password Payload refuses at once, the same for every account, checking nothing.
    if (!account || typeof password !== 'string' || password.trim() === '') return args

    const attempt: LoginAttempt = { client: clientAddress(req.headers.get('x-forwarded-for'), trustedProxies), account }
    try {
      await throttle.begin(attempt)
    } catch (error) {
      if (!(error instanceof PregonError)) throw error
      req.responseHeaders = new Headers({ 'Retry-After': String(error.details?.retryAfterSeconds ?? 60) })
      throw toApiError(error)
    }
    req.context[ATTEMPT] = attempt

    // Payload answers an unknown email at once, and a known one after ~0.2 s of hashing: the difference
    // would tell who has an account. Do the same hashing, then give Payload's own answer to a wrong password.
    const user = await req.payload.db.findOne({ collection: 'users', where: { email: { equals: account } }, req })
    if (!user) {
      await spendPasswordHashTime(password)
      throw new AuthenticationError(req.t)
    }
    return args
  }

  const afterLogin: CollectionAfterLoginHook = async ({ req }) => {
    const attempt = attemptOf(req)
    if (attempt) await throttle.succeeded(attempt)
  }

  return { beforeOperation, afterLogin }
}

function attemptOf(req: PayloadRequest): LoginAttempt | undefined {
  return req.context[ATTEMPT] as LoginAttempt | undefined
}
