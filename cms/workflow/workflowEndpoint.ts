import { NotFound, type Endpoint } from 'payload'
import type { User } from '../payload-types'
import { isWorkflowVerb, STATE_LABELS, TRANSITIONS } from '.'
import { applyWorkflowAction, WorkflowError } from './applyWorkflowAction'
import type { WorkflowCollection } from './workflowCollections'

/**
 * `POST /api/<collection>/:id/workflow/:verb` with an optional `{ "reason": "…" }`: the admin's buttons call it
 * too. A refusal answers 403 (this person may not) or 409 (not in this state) with every reason's code.
 */
export const workflowEndpoint = (collection: WorkflowCollection): Endpoint => ({
  path: '/:id/workflow/:verb',
  method: 'post',
  handler: async (req) => {
    const { id, verb } = (req.routeParams ?? {}) as { id?: string; verb?: string }
    if (!id || !verb || !isWorkflowVerb(verb)) {
      return Response.json(
        { errors: [{ code: 'WORKFLOW_UNKNOWN_VERB', message: `La acción «${verb}» no existe en el flujo editorial.` }] },
        { status: 404 },
      )
    }
    const body = (await req.json?.().catch(() => null)) as { reason?: unknown } | null
    const reason = typeof body?.reason === 'string' ? body.reason : null
    try {
      const { doc, from, to } = await applyWorkflowAction({ payload: req.payload, collection, id, verb, user: (req.user as User | null) ?? null, reason, req })
      return Response.json({
        message: `${TRANSITIONS[verb].label}: listo. Estado: ${STATE_LABELS[to]}.`,
        from,
        to,
        doc,
      })
    } catch (error) {
      if (error instanceof WorkflowError) {
        return Response.json({ errors: error.failures.map(({ code, message }) => ({ code, message })) }, { status: error.status })
      }
      if (error instanceof NotFound || (error as { status?: number }).status === 404) {
        return Response.json({ errors: [{ code: 'WORKFLOW_NOT_FOUND', message: 'No existe ese contenido o no tienes acceso a él.' }] }, { status: 404 })
      }
      throw error
    }
  },
})
