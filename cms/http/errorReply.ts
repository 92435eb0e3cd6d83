import { APIError, type AfterErrorHook, type Endpoint, type PayloadHandler } from 'payload'
import { PregonError } from '@pregon/core/PregonError'

/** The API's answer to a refusal: `{ errors: [{ code, message }] }` with the error's status, on every endpoint. */
export function errorReply(error: PregonError): Response {
  const errors = error.problems.map(({ code, message }) => ({ code, message, ...(error.details ? { details: error.details } : {}) }))
  return Response.json({ errors }, { status: error.status })
}

/** An endpoint handler whose refusals (thrown PregonErrors) become the API's answer; anything else is Payload's 500. */
export function replying(handler: PayloadHandler): PayloadHandler {
  return async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof PregonError) return errorReply(error)
      throw error
    }
  }
}

/** An endpoint whose handler answers refusals with errorReply. */
export const endpoint = (config: Endpoint): Endpoint => ({ ...config, handler: replying(config.handler) })

/**
 * The same refusal thrown from a hook: Payload answers it with the status and the Spanish message (public),
 * the code in `data`, and the admin shows the message to the person.
 */
export function toApiError(error: PregonError): APIError {
  return new APIError(error.message, error.status, { code: error.code, ...error.details }, true)
}

/** The signed-in person, or a 401 with the endpoint's own code and what to do. */
export function signedInUser<U>(req: { user?: unknown }, refusal: { code: string; message: string }): U {
  if (!req.user) throw new PregonError({ ...refusal, kind: 'not-signed-in' })
  return req.user as U
}

/**
 * Payload answers a refusal thrown from a hook (toApiError) as `{ errors: [{ name, message, data: { code } }] }`;
 * this puts the code beside the message too, so API clients read every refusal the same way.
 */
export const codeEveryRefusal: AfterErrorHook = ({ result }) => {
  const codeOf = (error: { data?: Record<string, unknown> }) => (typeof error.data?.code === 'string' ? error.data.code : null)
  if (!result?.errors.some(codeOf)) return
  return { response: { ...result, errors: result.errors.map((error) => (codeOf(error) ? { code: codeOf(error), ...error } : error)) } }
}
