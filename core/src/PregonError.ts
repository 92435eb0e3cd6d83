/**
 * The one error type of Pregón's endpoints, hooks and services: a stable `code` for code and tests, an HTTP
 * status chosen by what went wrong (never by where), and a Spanish message that says what happened and
 * what to do. cms/http/errorReply turns it into the API's answer; `problems` carries every reason when
 * there are several (a refused workflow step lists them all).
 */
export const ERROR_STATUS = {
  /** Nobody is signed in. */
  'not-signed-in': 401,
  /** Signed in, but this person may not. */
  forbidden: 403,
  /** Not there, or not theirs to see. */
  'not-found': 404,
  /** Not in a state that allows it. */
  conflict: 409,
  'too-large': 413,
  /** The input itself is wrong. */
  invalid: 422,
  'slow-down': 429,
} as const

export type ErrorKind = keyof typeof ERROR_STATUS

export interface Problem {
  code: string
  message: string
}

export class PregonError extends Error {
  readonly code: string
  readonly status: number
  readonly details: Readonly<Record<string, unknown>> | undefined
  /** Every reason, the first being this error's own code and message. */
  readonly problems: readonly Problem[]

  constructor({
    code,
    kind,
    status,
    message,
    details,
    problems,
    cause,
  }: {
    code: string
    message: string
    /** What went wrong; gives the status. */
    kind?: ErrorKind
    /** Only where no kind fits. */
    status?: number
    details?: Record<string, unknown>
    problems?: readonly Problem[]
    cause?: unknown
  }) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'PregonError'
    this.code = code
    this.status = status ?? ERROR_STATUS[kind ?? 'invalid']
    this.details = details
    this.problems = problems && problems.length > 0 ? problems : [{ code, message }]
  }
}

export function isPregonError(error: unknown): error is PregonError {
  return error instanceof PregonError
}
