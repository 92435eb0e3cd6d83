import type { Queryable } from '@pregon/core/ops/opsTables'
import { evaluateReadiness, type ReadinessReport } from './evaluateReadiness'
import { gatherReadinessFacts } from './readinessFacts'

export { READINESS_LIMITS, type ReadinessIssue, type ReadinessReport } from './evaluateReadiness'

export interface CheckReadinessOptions {
  db: Queryable
  dataDir: string
  portalDir: string
  /** The committed migrations' names (cms/migrations/index.ts): the database must have them all. */
  expectedMigrations: readonly string[]
  timeoutMs?: number
}

/**
 * Whether Pregón can do its work now, and what needs a person: one function behind `GET /api/ready` and
 * `npm run status`. Never throws and never waits much longer than two query timeouts.
 */
export async function checkReadiness({ db, dataDir, portalDir, expectedMigrations, timeoutMs }: CheckReadinessOptions): Promise<ReadinessReport> {
  const facts = await gatherReadinessFacts({ db, dataDir, portalDir, timeoutMs })
  return evaluateReadiness(facts, { expectedMigrations })
}

/** The HTTP status of a report: 200 ready, 503 not. */
export const readinessStatus = (report: ReadinessReport): 200 | 503 => (report.status === 'ready' ? 200 : 503)
