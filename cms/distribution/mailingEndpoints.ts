import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Endpoint, PayloadRequest } from 'payload'
import { distributionJob } from '@pregon/core/channels'
import { countDeliveries } from '@pregon/core/deliveries'
import { PregonError } from '@pregon/core/PregonError'
import { recordAudit } from '../audit/recordAudit'
import { roleOf } from '../access/roles'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { inTransaction } from '../db/inTransaction'
import { poolOf } from '../db/poolOf'
import { endpoint, signedInUser } from '../http/errorReply'
import type { User } from '../payload-types'
import { distributedItemOf } from '@pregon/core/distributedItem'

const idOf = (req: PayloadRequest) => Number((req.routeParams as { id?: string } | undefined)?.id)

async function findMailing(req: PayloadRequest) {
  const user = signedInUser<User>(req, { code: 'MAILING_NOT_SIGNED_IN', message: 'Inicia sesión con una cuenta del equipo.' })
  const distribution = await req.payload.findByID({ collection: 'distributions', id: idOf(req), depth: 0, overrideAccess: false, user, req, disableErrors: true })
  if (!distribution || distribution.channel !== 'press-mailing') {
    throw new PregonError({ code: 'MAILING_NOT_FOUND', kind: 'not-found', message: 'No existe ese envío a prensa.' })
  }
  return { distribution, user }
}

const conflict = (code: string, message: string) => new PregonError({ code, kind: 'conflict', message })

/** `GET /api/distributions/:id/progress`: how far a press mailing is, from its delivery rows. */
export const mailingProgressEndpoint = endpoint({
  path: '/:id/progress',
  method: 'get',
  handler: async (req) => {
    const found = await findMailing(req)
    const counts = await countDeliveries(poolOf(req.payload), found.distribution.id)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    return Response.json({ status: found.distribution.status, total, counts }, { headers: { 'Cache-Control': 'no-store' } })
  },
})

/** `POST /api/distributions/:id/pause`: stops claiming new recipients; messages on the wire finish. */
export const pauseMailingEndpoint = endpoint({
  path: '/:id/pause',
  method: 'post',
  handler: async (req) => {
    const found = await findMailing(req)
    if (!['pending', 'sending'].includes(found.distribution.status)) {
      throw conflict('MAILING_NOT_RUNNING', 'Este envío no está en curso: no hay nada que pausar.')
    }
    await req.payload.update({ collection: 'distributions', id: found.distribution.id, data: { status: 'paused' }, req, depth: 0 })
    return Response.json({ message: 'Envío en pausa: los mensajes en camino terminan y no sale ninguno más hasta reanudarlo.', status: 'paused' })
  },
})

/** `POST /api/distributions/:id/resume`: carries on from the ledger (nobody already mailed is mailed again). */
export const resumeMailingEndpoint = endpoint({
  path: '/:id/resume',
  method: 'post',
  handler: async (req) => {
    const found = await findMailing(req)
    if (found.distribution.status !== 'paused') throw conflict('MAILING_NOT_PAUSED', 'Este envío no está en pausa.')
    await inTransaction(req, async (db) => {
      const { rows } = await db.execute(sql`SELECT count(*)::int AS n FROM deliveries WHERE distribution_id = ${found.distribution.id}`)
      const started = ((rows[0] as { n: number } | undefined)?.n ?? 0) > 0
      await req.payload.update({ collection: 'distributions', id: found.distribution.id, data: { status: started ? 'sending' : 'pending' }, req, depth: 0 })
      await enqueueInTransaction(req, [distributionJob(found.distribution)])
    })
    return Response.json({ message: 'Envío reanudado.', status: 'sending' })
  },
})

/**
 * `POST /api/distributions/:id/resend-unconfirmed`: mails again the recipients whose message was on the wire
 * when a worker died («Sin confirmar»). Some of them may have it already, so a person decides: approvers and
 * admins, once the mailing has finished. The deliveries go back to pending (nobody else is added), the step is
 * recorded, and the job is queued in the same transaction.
 */
export const resendUnconfirmedEndpoint = endpoint({
  path: '/:id/resend-unconfirmed',
  method: 'post',
  handler: async (req) => {
    const found = await findMailing(req)
    const { distribution, user } = found
    const role = roleOf({ user })
    if (role !== 'approver' && role !== 'admin') {
      throw new PregonError({
        code: 'MAILING_ROLE_NOT_ALLOWED',
        kind: 'forbidden',
        message: 'Solo la persona titular (aprobación) o la administración pueden reenviar mensajes sin confirmar: algunos pudieron llegar ya.',
      })
    }
    if (!['sent', 'failed'].includes(distribution.status)) {
      throw conflict('MAILING_NOT_FINISHED', 'Este envío sigue en curso o en pausa: reenvía los mensajes sin confirmar cuando termine.')
    }
    return inTransaction(req, async (db) => {
      await db.execute(sql`SELECT id FROM distributions WHERE id = ${distribution.id} FOR UPDATE`)
      const { rows } = await db.execute(
        sql`UPDATE deliveries SET status = 'pending', error = NULL, next_attempt_at = NULL, updated_at = now()
             WHERE distribution_id = ${distribution.id} AND status = 'unknown' RETURNING id`,
      )
      if (rows.length === 0) throw conflict('MAILING_NOTHING_UNCONFIRMED', 'Este envío no tiene mensajes sin confirmar.')
      // Any worker may take it now: the mailing finished, so no host holds a journal of messages in flight.
      const { journalHost: _host, ...detail } = (distribution.detail as Record<string, unknown> | null) ?? {}
      await req.payload.update({ collection: 'distributions', id: distribution.id, data: { status: 'sending', error: null, detail }, req, depth: 0, overrideAccess: true })
      const item = distributedItemOf(distribution)
      await recordAudit({
        req,
        actor: user,
        entry: {
          summary: `Reenviar ${rows.length} mensajes sin confirmar del envío a prensa`,
          action: 'mailing-resend-unconfirmed',
          itemCollection: item?.collection ?? 'bulletins',
          itemId: String(item?.id ?? ''),
          fromState: distribution.status,
          toState: 'sending',
          versionHash: distribution.versionHash,
          channels: ['press-mailing'],
        },
      })
      await enqueueInTransaction(req, [distributionJob(distribution)])
      return Response.json({ message: `${rows.length} mensajes vuelven a la cola de envío.`, status: 'sending', requeued: rows.length })
    })
  },
})

export const mailingEndpoints: Endpoint[] = [mailingProgressEndpoint, pauseMailingEndpoint, resumeMailingEndpoint, resendUnconfirmedEndpoint]
