import { sql } from '@payloadcms/db-postgres/drizzle'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { roleOf } from '../access/roles'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { inTransaction } from '../db/inTransaction'
import { recordAudit } from '../audit/recordAudit'
import { channelSpec, distributionJob, isSocialChannel } from '@pregon/core/channels'
import { PregonError } from '@pregon/core/PregonError'
import { endpoint } from '../http/errorReply'
import type { Distribution, User } from '../payload-types'
import { distributedItemOf } from '@pregon/core/distributedItem'

export const DISTRIBUTION_ACTIONS = ['retry', 'mark-published'] as const
export type DistributionAction = (typeof DISTRIBUTION_ACTIONS)[number]

// States a person may settle: a send that failed, or whose outcome nobody could confirm. "Marcar como
// publicado" also fits a pending one somebody already posted by hand.
const RETRYABLE = new Set<Distribution['status']>(['failed', 'unknown'])
const MARKABLE = new Set<Distribution['status']>(['failed', 'unknown', 'pending'])

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
 * answer for what the accounts say; anyone of the office for a channel posted by hand). The row is locked, the change, the record entry and the job commit
 * together.
 */
export async function applyDistributionAction({ payload, id, action, user, url = null, req: given }: DistributionActionInput): Promise<Distribution> {
  const role = roleOf({ user })
  if (!user || !role) throw new PregonError({ code: 'DISTRIBUTION_NOT_SIGNED_IN', kind: 'not-signed-in', message: 'Inicia sesión para actuar sobre una difusión.' })
  const link = url?.trim() || null
  if (link && !(/^https?:\/\//.test(link) && URL.canParse(link))) {
    throw new PregonError({ code: 'DISTRIBUTION_BAD_URL', kind: 'invalid', message: 'El enlace debe ser la dirección completa de la publicación (https://…).' })
  }

  const req = given ?? (await createLocalReq({ user }, payload))
  return inTransaction(req, async (db) => {
    await db.execute(sql`SELECT id FROM distributions WHERE id = ${Number(id)} FOR UPDATE`)
    const found = await payload.find({ collection: 'distributions', where: { id: { equals: id } }, depth: 0, limit: 1, overrideAccess: false, user, req })
    const current = found.docs[0]
    if (!current) throw new PregonError({ code: 'DISTRIBUTION_NOT_FOUND', kind: 'not-found', message: 'No existe esa difusión o no tienes acceso a ella.' })
    const channel = channelSpec(current.channel).inSentence
    // What a person posts by hand (WhatsApp), whoever posted it says so; what a worker posts, only those who
    // answer for the accounts may settle.
    if (action === 'mark-published' && role === 'editor' && channelSpec(current.channel).kind !== 'manual') {
      throw new PregonError({
        code: 'DISTRIBUTION_ROLE_NOT_ALLOWED',
        kind: 'forbidden',
        message: 'Solo la persona titular (aprobación) o la administración pueden marcar una difusión como publicada. Pídeselo a quien aprueba.',
      })
    }
    const now = new Date().toISOString()

    let data: Record<string, unknown>
    if (action === 'retry') {
      if (!RETRYABLE.has(current.status)) {
        throw new PregonError({
          code: 'DISTRIBUTION_STATE_NOT_ALLOWED',
          kind: 'conflict',
          message: `Solo se reintenta una difusión que falló o quedó sin confirmar; esta está «${current.status}».`,
        })
      }
      data = { status: 'pending', error: null, errorCode: null, isRetryable: false, nextAttemptAt: null, waitingReason: null, sendingJobId: null, completedAt: null, resolvedBy: user.id }
    } else {
      if (!MARKABLE.has(current.status)) {
        throw new PregonError({
          code: 'DISTRIBUTION_STATE_NOT_ALLOWED',
          kind: 'conflict',
          message:
            current.status === 'sending'
              ? `Se está publicando en ${channel} en este momento; espera a que termine.`
              : `Esta difusión ya está «${current.status}»: no hace falta marcarla.`,
        })
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

    if (action === 'retry' && isSocialChannel(current.channel)) {
      // A retry on an account flagged «reconectar» says it was reconnected: let the worker try it again.
      await payload.update({
        collection: 'social-accounts',
        where: { channel: { equals: current.channel }, account: { equals: current.account }, needsReconnect: { equals: true } },
        data: { needsReconnect: false },
        overrideAccess: true,
        req,
      })
    }
    const item = distributedItemOf(current)
    await recordAudit({
      req,
      actor: user,
      at: new Date(now),
      entry: {
        summary: action === 'retry' ? `Reintentar difusión en ${channel}` : `Marcar como publicada la difusión en ${channel}`,
        action: action === 'retry' ? 'distribution-retry' : 'distribution-mark-published',
        itemCollection: item?.collection ?? 'bulletins',
        itemId: String(item?.id ?? ''),
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
    return updated
  })
}

/** `POST /api/distributions/:id/retry` and `POST /api/distributions/:id/mark-published` (`{ "url": "…" }`). */
export const distributionActionEndpoints = DISTRIBUTION_ACTIONS.map((action) =>
  endpoint({
    path: `/:id/${action}`,
    method: 'post',
    handler: async (req) => {
      const { id } = (req.routeParams ?? {}) as { id?: string }
      const body = (await req.json?.().catch(() => null)) as { url?: unknown } | null
      const doc = await applyDistributionAction({
        payload: req.payload,
        id: id ?? '',
        action,
        user: (req.user as User | null) ?? null,
        url: typeof body?.url === 'string' ? body.url : null,
        req,
      })
      return Response.json({ message: action === 'retry' ? 'Difusión en cola de nuevo.' : 'Difusión marcada como publicada.', doc })
    },
  }),
)
