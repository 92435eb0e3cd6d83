import { sql } from '@payloadcms/db-postgres/drizzle'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Endpoint, type Payload, type PayloadRequest } from 'payload'
import { roleOf } from '../access/roles'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { transactionDb } from '../db/transactionDb'
import { channelSpec, distributionJob } from '@pregon/core/channels'
import type { Distribution, User } from '../payload-types'
import { DistributionActionError } from './DistributionActionError'

export { DistributionActionError } from './DistributionActionError'

export const DISTRIBUTION_ACTIONS = ['retry', 'mark-published'] as const
export type DistributionAction = (typeof DISTRIBUTION_ACTIONS)[number]

// States a person may settle: a send that failed, or whose outcome nobody could confirm. "Marcar como
// publicado" also fits a pending one somebody already posted by hand.
const RETRYABLE = new Set<Distribution['status']>(['failed', 'unknown'])
const MARKABLE = new Set<Distribution['status']>(['failed', 'unknown', 'pending'])
const AUTH_CODES = new Set(['X_AUTH_FAILED', 'MASTODON_AUTH_FAILED', 'SOCIAL_ACCOUNT_NEEDS_RECONNECT'])

export interface DistributionActionInput {
  payload: Payload
  id: number | string
  action: DistributionAction
  user: User | null
  /** For "marcar como publicado": the post's address on the network, when the person has it. */
  url?: string | null
  req?: PayloadRequest
}

/**
 * What a person does about a distribution the worker could not settle: "reintentar" puts it back in the
 * queue (staff), "marcar como publicado" records that it is on the network (approvers and admins, who
 * answer for what the accounts say). The row is locked, the change, the record entry and the job commit
 * together.
 */
export async function applyDistributionAction({ payload, id, action, user, url = null, req: given }: DistributionActionInput): Promise<Distribution> {
  const role = roleOf({ user })
  if (!user || !role) throw new DistributionActionError('DISTRIBUTION_NOT_SIGNED_IN', 'Inicia sesión para actuar sobre una difusión.')
  if (action === 'mark-published' && role === 'editor') {
    throw new DistributionActionError(
      'DISTRIBUTION_ROLE_NOT_ALLOWED',
      'Solo la persona titular (aprobación) o la administración pueden marcar una difusión como publicada. Pídeselo a quien aprueba.',
    )
  }
  const link = url?.trim() || null
  if (link && !(/^https?:\/\//.test(link) && URL.canParse(link))) {
    throw new DistributionActionError('DISTRIBUTION_BAD_URL', 'El enlace debe ser la dirección completa de la publicación (https://…).')
  }

  const req = given ?? (await createLocalReq({ user }, payload))
  const ownsTransaction = await initTransaction(req)
  try {
    await (await transactionDb(req)).execute(sql`SELECT id FROM distributions WHERE id = ${Number(id)} FOR UPDATE`)
    const found = await payload.find({ collection: 'distributions', where: { id: { equals: id } }, depth: 0, limit: 1, overrideAccess: false, user, req })
    const current = found.docs[0]
    if (!current) throw new DistributionActionError('DISTRIBUTION_NOT_FOUND', 'No existe esa difusión o no tienes acceso a ella.')
    const channel = channelSpec(current.channel).inSentence
    const now = new Date().toISOString()

    let data: Record<string, unknown>
    if (action === 'retry') {
      if (!RETRYABLE.has(current.status)) {
        throw new DistributionActionError(
          'DISTRIBUTION_STATE_NOT_ALLOWED',
          `Solo se reintenta una difusión que falló o quedó sin confirmar; esta está «${current.status}».`,
        )
      }
      data = { status: 'pending', error: null, errorCode: null, isRetryable: false, nextAttemptAt: null, waitingReason: null, sendingJobId: null, completedAt: null, resolvedBy: user.id }
    } else {
      if (!MARKABLE.has(current.status)) {
        throw new DistributionActionError(
          'DISTRIBUTION_STATE_NOT_ALLOWED',
          current.status === 'sending'
            ? `Se está publicando en ${channel} en este momento; espera a que termine.`
            : `Esta difusión ya está «${current.status}»: no hace falta marcarla.`,
        )
      }
      data = {
        status: 'sent',
        remoteUrl: link ?? current.remoteUrl ?? null,
        completedAt: now,
        error: null,
        errorCode: null,
        isRetryable: false,
        nextAttemptAt: null,
        waitingReason: null,
        resolvedBy: user.id,
        detail: { ...((current.detail as Record<string, unknown> | null) ?? {}), markedPublished: { by: user.id, at: now, url: link } },
      }
    }
    const updated = await payload.update({ collection: 'distributions', id, data, depth: 0, overrideAccess: true, req })

    if (action === 'retry' && AUTH_CODES.has(current.errorCode ?? '')) {
      // The person says the account was reconnected: let the worker try it again.
      await payload.update({
        collection: 'social-accounts',
        where: { channel: { equals: current.channel }, account: { equals: current.account } },
        data: { needsReconnect: false },
        overrideAccess: true,
        req,
      })
    }
    const bulletinId = typeof current.bulletin === 'object' ? current.bulletin.id : current.bulletin
    await payload.create({
      collection: 'audit-log',
      overrideAccess: true,
      req,
      data: {
        at: now,
        summary: (action === 'retry' ? `Reintentar difusión en ${channel}` : `Marcar como publicada la difusión en ${channel}`).slice(0, 250),
        actorId: String(user.id),
        actorName: user.name,
        actorEmail: user.email,
        actorRole: role,
        action: action === 'retry' ? 'distribution-retry' : 'distribution-mark-published',
        itemCollection: 'bulletins',
        itemId: String(bulletinId),
        fromState: current.status,
        toState: updated.status,
        versionHash: current.versionHash,
        reason: link,
        channels: [current.channel],
      },
    })
    if (action === 'retry') {
      await enqueueInTransaction(req, [distributionJob(current)])
    }
    if (ownsTransaction) await commitTransaction(req)
    return updated
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}

/** `POST /api/distributions/:id/retry` and `POST /api/distributions/:id/mark-published` (`{ "url": "…" }`). */
export const distributionActionEndpoints: Endpoint[] = DISTRIBUTION_ACTIONS.map((action) => ({
  path: `/:id/${action}`,
  method: 'post',
  handler: async (req) => {
    const { id } = (req.routeParams ?? {}) as { id?: string }
    const body = (await req.json?.().catch(() => null)) as { url?: unknown } | null
    try {
      const doc = await applyDistributionAction({
        payload: req.payload,
        id: id ?? '',
        action,
        user: (req.user as User | null) ?? null,
        url: typeof body?.url === 'string' ? body.url : null,
        req,
      })
      return Response.json({ message: action === 'retry' ? 'Difusión en cola de nuevo.' : 'Difusión marcada como publicada.', doc })
    } catch (error) {
      if (error instanceof DistributionActionError) {
        return Response.json({ errors: [{ code: error.code, message: error.message }] }, { status: error.status })
      }
      throw error
    }
  },
}))
