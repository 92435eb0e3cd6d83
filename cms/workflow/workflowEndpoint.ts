import { NotFound } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import { endpoint } from '../http/errorReply'
import type { User } from '../payload-types'
import { applyWorkflowAction } from './applyWorkflowAction'
import { describeWorkflowStep } from './describeWorkflowStep'
import { isWorkflowVerb, STATE_LABELS, TRANSITIONS } from './index'
import type { WorkflowCollection } from './workflowCollections'

/**
 * `POST /api/<collection>/:id/workflow/:verb` (`approve-publish`: «Aprobar y publicar», one step) with an optional `{ "reason": "…" }` (`"notice"`, the public text, for `withdraw`) (and `"publishAt"`, an ISO
 * instant, for `schedule`; `"acknowledgements"`, `{ "<finding key>": "why" }`, for an approval, or `approve-publish`, with Art. 134 findings): the admin's buttons call it
 * too. A refusal answers 401 (nobody signed in), 403 (this person may not) or 409 (not in this state) with
 * every reason's code.
 */
export const workflowEndpoint = (collection: WorkflowCollection) =>
  endpoint({
    path: '/:id/workflow/:verb',
    method: 'post',
    handler: async (req) => {
      const { id, verb } = (req.routeParams ?? {}) as { id?: string; verb?: string }
      if (!id || !verb || !isWorkflowVerb(verb)) {
        throw new PregonError({ code: 'WORKFLOW_UNKNOWN_VERB', kind: 'not-found', message: `La acción «${verb}» no existe en el flujo editorial.` })
      }
      const body = (await req.json?.().catch(() => null)) as { reason?: unknown; notice?: unknown; publishAt?: unknown; acknowledgements?: unknown } | null
      const reason = typeof body?.reason === 'string' ? body.reason : null
      const notice = typeof body?.notice === 'string' ? body.notice : null
      const publishAt = typeof body?.publishAt === 'string' ? body.publishAt : null
      const acknowledgements = acknowledgementsOf(body?.acknowledgements)
      try {
        const { doc, from, to } = await applyWorkflowAction({ payload: req.payload, collection, id, verb, user: (req.user as User | null) ?? null, reason, notice, publishAt, acknowledgements, req })
        return Response.json({ message: `${TRANSITIONS[verb].label}: listo. Estado: ${STATE_LABELS[to]}.`, from, to, doc })
      } catch (error) {
        if (error instanceof NotFound || (error as { status?: number }).status === 404) {
          throw new PregonError({ code: 'WORKFLOW_NOT_FOUND', kind: 'not-found', message: 'No existe ese contenido o no tienes acceso a él.', cause: error })
        }
        throw error
      }
    },
  })

/**
 * `GET /api/<collection>/:id/workflow-plan/:verb`: what the verb would do now (channels, accounts, journalists,
 * embargo) and why it would be refused, without doing it: the admin's confirmation dialog shows it.
 */
export const workflowPlanEndpoint = (collection: WorkflowCollection) =>
  endpoint({
    path: '/:id/workflow-plan/:verb',
    method: 'get',
    handler: async (req) => {
      const { id, verb } = (req.routeParams ?? {}) as { id?: string; verb?: string }
      if (!id || !verb || !isWorkflowVerb(verb)) {
        throw new PregonError({ code: 'WORKFLOW_UNKNOWN_VERB', kind: 'not-found', message: `La acción «${verb}» no existe en el flujo editorial.` })
      }
      const user = (req.user as User | null) ?? null
      if (!user) throw new PregonError({ code: 'WORKFLOW_NOT_SIGNED_IN', kind: 'not-signed-in', message: 'Inicia sesión con una cuenta del equipo.' })
      try {
        return Response.json(await describeWorkflowStep({ payload: req.payload, req, collection, id, verb, user }))
      } catch (error) {
        if (error instanceof NotFound || (error as { status?: number }).status === 404) {
          throw new PregonError({ code: 'WORKFLOW_NOT_FOUND', kind: 'not-found', message: 'No existe ese contenido o no tienes acceso a él.', cause: error })
        }
        throw error
      }
    },
  })

/** `{ key: reason }` with string values only; anything else is no acknowledgement. */
function acknowledgementsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string').slice(0, 200))
}
