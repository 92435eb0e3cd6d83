import { commitTransaction, initTransaction, killTransaction, type Endpoint, type PayloadRequest } from 'payload'
import { enqueueInTransaction } from '../jobs/enqueueInTransaction'
import { QUEUES } from '../jobs/queues'
import type { User } from '../payload-types'
import { transactionDb } from '../jobs/transactionDb'
import { sql } from '@payloadcms/db-postgres/drizzle'

const refuse = (status: number, code: string, message: string) => Response.json({ errors: [{ code, message }] }, { status })
const idOf = (req: PayloadRequest) => Number((req.routeParams as { id?: string } | undefined)?.id)

async function findMailing(req: PayloadRequest) {
  const user = (req.user as User | null) ?? null
  if (!user) return { error: refuse(403, 'MAILING_NOT_SIGNED_IN', 'Inicia sesión con una cuenta del equipo.') }
  const distribution = await req.payload.findByID({ collection: 'distributions', id: idOf(req), depth: 0, overrideAccess: false, user, req, disableErrors: true })
  if (!distribution || distribution.channel !== 'press-mailing') return { error: refuse(404, 'MAILING_NOT_FOUND', 'No existe ese envío a prensa.') }
  return { distribution, user }
}

/** `GET /api/distributions/:id/progress`: how far a press mailing is, from its delivery rows. */
export const mailingProgressEndpoint: Endpoint = {
  path: '/:id/progress',
  method: 'get',
  handler: async (req) => {
    const found = await findMailing(req)
    if (found.error) return found.error
    const db = (req.payload.db as unknown as { pool: { query: (text: string, values: unknown[]) => Promise<{ rows: Array<{ status: string; n: string }> }> } }).pool
    const { rows } = await db.query('SELECT status, count(*) AS n FROM deliveries WHERE distribution_id = $1 GROUP BY status', [found.distribution.id])
    const counts: Record<string, number> = { pending: 0, sent: 0, bounced: 0, failed: 0, unknown: 0, suppressed: 0 }
    for (const row of rows) counts[row.status] = Number(row.n)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    return Response.json({ status: found.distribution.status, total, counts }, { headers: { 'Cache-Control': 'no-store' } })
  },
}

/** `POST /api/distributions/:id/pause`: stops claiming new recipients; messages on the wire finish. */
export const pauseMailingEndpoint: Endpoint = {
  path: '/:id/pause',
  method: 'post',
  handler: async (req) => {
    const found = await findMailing(req)
    if (found.error) return found.error
    if (!['pending', 'sending'].includes(found.distribution.status)) {
      return refuse(409, 'MAILING_NOT_RUNNING', 'Este envío no está en curso: no hay nada que pausar.')
    }
    await req.payload.update({ collection: 'distributions', id: found.distribution.id, data: { status: 'paused' }, req, depth: 0 })
    return Response.json({ message: 'Envío en pausa: los mensajes en camino terminan y no sale ninguno más hasta reanudarlo.', status: 'paused' })
  },
}

/** `POST /api/distributions/:id/resume`: carries on from the ledger (nobody already mailed is mailed again). */
export const resumeMailingEndpoint: Endpoint = {
  path: '/:id/resume',
  method: 'post',
  handler: async (req) => {
    const found = await findMailing(req)
    if (found.error) return found.error
    if (found.distribution.status !== 'paused') return refuse(409, 'MAILING_NOT_PAUSED', 'Este envío no está en pausa.')
    const ownsTransaction = await initTransaction(req)
    try {
      const db = await transactionDb(req)
      const { rows } = await db.execute(sql`SELECT count(*)::int AS n FROM deliveries WHERE distribution_id = ${found.distribution.id}`)
      const started = ((rows[0] as { n: number } | undefined)?.n ?? 0) > 0
      await req.payload.update({ collection: 'distributions', id: found.distribution.id, data: { status: started ? 'sending' : 'pending' }, req, depth: 0 })
      await enqueueInTransaction(req, [{ queue: QUEUES.sendPressMailing, data: { distributionId: found.distribution.id } }])
      if (ownsTransaction) await commitTransaction(req)
    } catch (error) {
      if (ownsTransaction) await killTransaction(req)
      throw error
    }
    return Response.json({ message: 'Envío reanudado.', status: 'sending' })
  },
}

export const mailingEndpoints: Endpoint[] = [mailingProgressEndpoint, pauseMailingEndpoint, resumeMailingEndpoint]
