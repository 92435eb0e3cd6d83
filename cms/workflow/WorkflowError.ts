import type { Failure } from '.'

/** A refused workflow action, with every reason; 403 when any is about the person, 409 when only the state is. */
export class WorkflowError extends Error {
  readonly code: string
  readonly status: number
  constructor(readonly failures: Failure[]) {
    super(failures.map((failure) => failure.message).join(' '))
    this.name = 'WorkflowError'
    this.code = failures[0]?.code ?? 'WORKFLOW_REFUSED'
    this.status = failures.some((failure) => failure.status === 403) ? 403 : 409
  }
}
