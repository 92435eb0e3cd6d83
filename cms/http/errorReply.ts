import { APIError, type AfterErrorHook, type Endpoint, type PayloadHandler, type PayloadRequest } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import { uploadRefusalOf } from '../collections/Media/uploadRefusalOf'

/** The API's answer to a refusal: `{ errors: [{ code, message }] }` with the error's status, on every endpoint. */
export function errorReply(error: PregonError): Response {
  const errors = error.problems.map(({ code, message }) => ({ code, message, ...(error.details ? { details: error.details } : {}) }))
  return Response.json({ errors }, { status: error.status })
}

/**
 * An endpoint handler whose refusals (thrown PregonErrors) become the API's answer, logged as one line (a warning
 * for a person's mistake); anything else is Payload's 500.
 */
export function replying(handler: PayloadHandler): PayloadHandler {
  return async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (!(error instanceof PregonError)) throw error
      if (isRefusalStatus(error.status)) logRefusal({ error, req, status: error.status, code: error.code })
      // Answered here, so Payload never logs it: a server-side failure keeps its stack.
      else req.payload.logger.error({ err: error, code: error.code, status: error.status, path: pathOf(req) }, error.message)
      return errorReply(error)
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
 * - answers an unexpected error (500) with a Spanish message and the code INTERNAL_ERROR (details stay in the log);
 * - logs a refusal (4xx) as one warning with its code (see holdBackRefusalLog), REST and GraphQL alike.
 */
export const codeEveryRefusal: AfterErrorHook = ({ collection, error, req, result }) => {
  const refusal = uploadRefusalOf(error, { maxBytes: mediaMaxBytes(req), isUploadCollection: Boolean(collection?.upload) })
  logRefusal({ error, req, collection: collection?.slug, status: refusal?.status ?? statusOf(error), code: refusal?.code ?? refusalCodeOf(error) })
  if (!result) return // GraphQL keeps its own format.
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

// ── Logging refusals ─────────────────────────────────────────────────────────────────────────────────────────
//
// A refusal (4xx) is a person's mistake or a rule doing its job: one `warn` line with its code, status, path and
// collection, no stack. A 5xx is Pregón's fault: Payload's own `error` line, with the stack, stays.
//
// Payload logs every failed API request itself (payload/utilities/logError, called by routeError and the GraphQL
// handler) *before* the afterError hooks run, as `logger.error({ err })`: a stack trace even for a missing alt
// text. Its `loggingLevels` config (by error class name) cannot tell them apart in the admin's Next build, whose
// minified classes have other names. So Payload's logger hook (`logMethod`, cms/buildPayloadConfig.ts) asks
// holdBackRefusalLog, which drops that line for a 4xx and lets codeEveryRefusal write the warning, which knows
// the request; an error that reaches no afterError hook (an auth strategy's) is still logged as a warning.

/** Errors codeEveryRefusal has logged: Payload's own line for them is dropped. */
const loggedRefusals = new WeakSet<object>()

interface RefusalLogger {
  warn(fields: object, message: string): void
}

/**
 * For Payload's logger `logMethod` hook: true when the call is Payload's `{ err }` line for a refusal (4xx), which
 * must not be written; codeEveryRefusal writes the warning instead. Anything else is left to the logger.
 */
export function holdBackRefusalLog(logger: RefusalLogger, args: readonly unknown[]): boolean {
  const [entry] = args
  if (args.length !== 1 || typeof entry !== 'object' || entry === null) return false
  const keys = Object.keys(entry)
  if (keys.length !== 1 || keys[0] !== 'err') return false // Only logError's exact shape: other lines carry a msg.
  const { err } = entry as { err: unknown }
  if (!(err instanceof Error) || !isRefusalStatus(statusOf(err))) return false
  // The afterError hooks run a few promise turns later, in the same request; by the next turn of the event loop
  // codeEveryRefusal has claimed the error, or nothing will.
  setImmediate(() => {
    if (!loggedRefusals.has(err)) logger.warn({ code: refusalCodeOf(err), status: statusOf(err) }, err.message)
  })
  return true
}

function logRefusal({ error, req, collection, status, code }: { error: Error; req: PayloadRequest; collection?: string; status: number; code: string }): void {
  const logger = req.payload?.logger as RefusalLogger | undefined
  if (!logger || !isRefusalStatus(status)) return
  loggedRefusals.add(error)
  const fields = fieldPaths(error)
  logger.warn({ code, status, method: req.method, path: pathOf(req), ...(collection ? { collection } : {}), ...(fields.length > 0 ? { fields } : {}) }, error.message)
}

const isRefusalStatus = (status: number) => status >= 400 && status < 500

/** The request's path without its query: a query may carry an address or a name. */
const pathOf = (req: PayloadRequest) => (req.url ? new URL(req.url, 'http://pregon').pathname : undefined)

/** What the request is answered with: the error's status; GraphQL wraps the thrown error in `originalError`. */
function statusOf(error: Error): number {
  const refusal = uploadRefusalOf(error, { maxBytes: 0, isUploadCollection: true })
  if (refusal) return refusal.status
  const { status, originalError } = error as Error & { status?: number; originalError?: { status?: number } }
  return status ?? originalError?.status ?? 500
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'NOT_SIGNED_IN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  422: 'INVALID_INPUT',
  423: 'LOCKED',
  429: 'TOO_MANY_REQUESTS',
}

/** The refusal's code; for Payload's own errors, which carry none, `FIELD_INVALID` (with the fields) or one by status. */
function refusalCodeOf(error: Error): string {
  if (error instanceof PregonError) return error.code
  const { data, originalError } = error as Error & { data?: { code?: unknown }; originalError?: { data?: { code?: unknown } } }
  const code = data?.code ?? originalError?.data?.code
  if (typeof code === 'string') return code
  if (fieldPaths(error).length > 0) return 'FIELD_INVALID'
  const status = statusOf(error)
  return CODE_BY_STATUS[status] ?? `HTTP_${status}`
}

/** The fields a ValidationError names (`data.errors[].path`): which ones, never what was typed. */
function fieldPaths(error: Error): string[] {
  const { data, originalError } = error as Error & { data?: { errors?: unknown }; originalError?: { data?: { errors?: unknown } } }
  const errors = data?.errors ?? originalError?.data?.errors
  if (!Array.isArray(errors)) return []
  return errors.map((entry: { path?: unknown }) => entry?.path).filter((path): path is string => typeof path === 'string')
}
