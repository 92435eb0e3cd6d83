/** Collections that go through the editorial workflow. */
export const WORKFLOW_COLLECTIONS = ['bulletins', 'programs'] as const
export type WorkflowCollection = (typeof WORKFLOW_COLLECTIONS)[number]
