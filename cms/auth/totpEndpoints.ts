import type { Endpoint, PayloadRequest } from 'payload'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import type { User } from '../payload-types'
import { endpoint, signedInUser } from '../http/errorReply'
import { checkTotp, newTotpSecret, totpEnrolment } from './totp'
import { totpRefusals } from './totpRefusals'
import { openTotpSecret, sealTotpSecret } from './totpSecretBox'

/** Who may turn the second step on: the people who approve what goes public, and the admins. */
const OFFERED_TO = new Set<User['role']>(['admin', 'approver'])

interface TotpState {
  id: number
  email: string
  totpEnabled?: boolean | null
  totpSecret?: string | null
  totpLastStep?: number | null
}

const stateOf = async (req: PayloadRequest, id: number | string): Promise<TotpState | null> =>
  req.payload.db.findOne<TotpState>({ collection: 'users', where: { id: { equals: id } }, req })

const save = (req: PayloadRequest, id: number, data: Partial<Omit<TotpState, 'id' | 'email'>>) =>
  req.payload.db.updateOne({ collection: 'users', id, data, req })

const codeIn = async (req: PayloadRequest): Promise<string | undefined> => {
  const body = (await req.json?.().catch(() => undefined)) as { code?: unknown } | undefined
  return typeof body?.code === 'string' ? body.code : undefined
}

/**
 * POST /api/users/totp/setup, /api/users/totp/confirm, /api/users/:id/totp/disable (see cms/README.md).
 * The secret is written and read here only, through the database adapter: its field is closed to every API.
 */
export function totpEndpoints(): Endpoint[] {
  // A stolen session must not be able to try every code to turn the second step off: 5 wrong codes per account per 15 minutes.
  const allowed = 5
  const wrongCodes = new RateLimiterMemory({ keyPrefix: 'totp-code', points: allowed, duration: 15 * 60, blockDuration: 15 * 60 })
  const verifyCode = async (userId: number, secret: string, code: string | undefined, afterTimeStep?: number | null) => {
    if (!code) throw totpRefusals.required('invalid')
    const blocked = await wrongCodes.get(String(userId))
    if (blocked && blocked.consumedPoints > allowed) throw totpRefusals.tooManyCodes(Math.ceil(blocked.msBeforeNext / 1000))
    const check = await checkTotp({ secret, code, afterTimeStep })
    if (check.valid) return check.timeStep
    try {
      await wrongCodes.consume(String(userId))
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw totpRefusals.tooManyCodes(Math.ceil(refusal.msBeforeNext / 1000))
      throw refusal
    }
    throw totpRefusals.invalid('invalid')
  }

  return [
    endpoint({
      path: '/totp/setup',
      method: 'post',
      handler: async (req) => {
        const user = signedInUser<User>(req, totpRefusals.notSignedIn())
        if (!OFFERED_TO.has(user.role)) throw totpRefusals.notOffered()
        const state = await stateOf(req, user.id)
        if (state?.totpEnabled) throw totpRefusals.alreadyOn()
        const secret = newTotpSecret()
        await save(req, user.id, { totpSecret: sealTotpSecret(secret, req.payload.secret), totpEnabled: false, totpLastStep: null })
        return Response.json({ ...(await totpEnrolment({ secret, account: user.email })), secret })
      },
    }),
    endpoint({
      path: '/totp/confirm',
      method: 'post',
      handler: async (req) => {
        const user = signedInUser<User>(req, totpRefusals.notSignedIn())
        if (!OFFERED_TO.has(user.role)) throw totpRefusals.notOffered()
        const state = await stateOf(req, user.id)
        if (state?.totpEnabled) throw totpRefusals.alreadyOn()
        const secret = state?.totpSecret ? openTotpSecret(state.totpSecret, req.payload.secret) : null
        if (!secret) throw totpRefusals.notStarted()
        const timeStep = await verifyCode(user.id, secret, await codeIn(req))
        await save(req, user.id, { totpEnabled: true, totpLastStep: timeStep })
        return Response.json({ totpEnabled: true })
      },
    }),
    endpoint({
      path: '/:id/totp/disable',
      method: 'post',
      handler: async (req) => {
        const actor = signedInUser<User>(req, totpRefusals.notSignedIn())
        const target = await stateOf(req, String(req.routeParams?.id ?? ''))
        const isOwn = target?.id === actor.id
        if (!target || (!isOwn && actor.role !== 'admin')) throw totpRefusals.notYours()
        // Admins may turn it off without a code: that is how a person who lost their phone gets back in.
        if (isOwn && actor.role !== 'admin' && target.totpEnabled) {
          const secret = target.totpSecret ? openTotpSecret(target.totpSecret, req.payload.secret) : null
          if (!secret) throw totpRefusals.unreadable()
          await verifyCode(actor.id, secret, await codeIn(req), target.totpLastStep)
        }
        await save(req, target.id, { totpEnabled: false, totpSecret: null, totpLastStep: null })
        return Response.json({ totpEnabled: false })
      },
    }),
  ]
}
