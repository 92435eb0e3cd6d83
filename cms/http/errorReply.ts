import { APIError, type AfterErrorHook, type Endpoint, type PayloadHandler, type PayloadRequest } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import { uploadRefusalOf } from '../collections/Media/uploadRefusalOf'

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

const UNKNOWN = 'An unknown error occurred.'
const INTERNAL_ERROR = {
  code: 'INTERNAL_ERROR',
  message: 'Algo falló en el servidor: vuelve a intentarlo y avisa a quien administra Pregón si se repite.',
}

/**
 * Payload answers a refusal thrown from a hook (toApiError) as `{ errors: [{ name, message, data: { code } }] }`;
 * this puts the code beside the message too, so API clients read every refusal the same way. It also:
 *
 * - gives Payload's own upload refusals (size, a broken multipart body, its file checks; uploadRefusalOf)
 *   a Spanish message, a code and their status;
 * - puts back the message of a public error that Payload's formatErrors lost. In Next's production build
 *   Payload's error classes are anonymous (`class extends …` inside the bundle), so `error.name` is "" and
 *   formatErrors answers any error without `data` (a MissingFile, a 500's "Something went wrong.") with
 *   «An unknown error occurred.»;
 * - answers an unexpected error (500) with a Spanish message and the code INTERNAL_ERROR (details stay in the log).
 */
export const codeEveryRefusal: AfterErrorHook = ({ collection, error, req, result }) => {
  if (!result) return // GraphQL keeps its own format.
  const refusal = uploadRefusalOf(error, { maxBytes: mediaMaxBytes(req), isUploadCollection: Boolean(collection?.upload) })
  if (refusal) return { response: { errors: [{ code: refusal.code, message: refusal.message, data: { code: refusal.code } }] }, status: refusal.status }
  const { status, isPublic } = publicity(error)
  if (!isPublic && !req.payload.config.debug) return { response: { errors: [INTERNAL_ERROR] }, status }
  const codeOf = (entry: { data?: Record<string, unknown> }) => (typeof entry.data?.code === 'string' ? entry.data.code : null)
  const errors = result.errors.map((entry, index) => {
    const { name, ...rest } = entry as typeof entry & { name?: string }
    const restored = index === 0 && (!entry.message || entry.message === UNKNOWN) && error.message ? { ...rest, message: error.message } : rest
    const code = codeOf(entry) ?? (index === 0 && error instanceof PregonError ? error.code : null)
    return { ...(code ? { code } : {}), ...(name ? { name } : {}), ...restored }
  })
  return { response: { ...result, errors } }
}

/** As Payload's isErrorPublic decides it: what it says may be shown to the person. */
function publicity(error: Error): { status: number; isPublic: boolean } {
  const { status = 500, isPublic } = error as Error & { status?: number; isPublic?: boolean }
  return { status, isPublic: isPublic ?? status !== 500 }
}

function mediaMaxBytes(req: PayloadRequest): number {
  const pregon = req.payload.config.custom?.pregon as { media?: { maxBytes?: number } } | undefined
  return pregon?.media?.maxBytes ?? req.payload.config.upload?.limits?.fileSize ?? 25 * 1024 * 1024
}
