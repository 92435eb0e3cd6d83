export { WORKFLOW_STATES, STATE_LABELS, type WorkflowState } from './states'
export { TRANSITIONS, WORKFLOW_VERBS, isWorkflowVerb, type Transition, type WorkflowVerb } from './transitions'
export { failureReasons, type Failure, type FailureCode, type WorkflowAttempt } from './failureReasons'
