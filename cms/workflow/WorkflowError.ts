import { PregonError } from '@pregon/core/PregonError'
import type { Failure } from './failureReasons'

/**
 * A refused workflow action, with every reason: 401 when nobody is signed in, 403 when a reason is about the
 * person, 409 when only the state is.
 */
export class WorkflowError extends PregonError {
  constructor(readonly failures: Failure[]) {
    super({
      code: failures[0]?.code ?? 'WORKFLOW_REFUSED',
      kind: failures.some((f) => f.status === 401) ? 'not-signed-in' : failures.some((f) => f.status === 403) ? 'forbidden' : 'conflict',
      message: failures.map((failure) => failure.message).join(' '),
      problems: failures.map(({ code, message }) => ({ code, message })),
    })
    this.name = 'WorkflowError'
  }
}
