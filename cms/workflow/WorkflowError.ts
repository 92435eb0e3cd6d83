import { PregonError } from '@pregon/core/PregonError'
import type { Failure } from './failureReasons'

// Which reason sets the answer's status when there are several: who is asking comes before what they sent.
const PRECEDENCE: ReadonlyArray<Failure['status']> = [401, 403, 422, 409]

/**
 * A refused workflow action, with every reason. Its status is the first that applies of: 401 nobody is signed
 * in, 403 a reason is about the person, 422 the input (a reason) is missing or too short, 409 only the state.
 */
export class WorkflowError extends PregonError {
  constructor(readonly failures: Failure[]) {
    super({
      code: failures[0]?.code ?? 'WORKFLOW_REFUSED',
      status: PRECEDENCE.find((status) => failures.some((failure) => failure.status === status)) ?? 409,
      message: failures.map((failure) => failure.message).join(' '),
      problems: failures.map(({ code, message }) => ({ code, message })),
    })
    this.name = 'WorkflowError'
  }
}
