import { applyWorkflowAction, WorkflowError } from '@pregon/cms/worker'
import { WORKFLOW_COLLECTIONS } from '@pregon/cms/worker'
import { areProgramStatesStale } from '../portal/areProgramStatesStale'
import { nextProgramChangeFile, rebuildPortal } from './rebuildPortal'
import type { TaskContext } from './TaskContext'

export interface SweepReport {
  published: Array<number | string>
  /** Items whose time came during a veda electoral: back in review, listed on the dashboard. */
  held: Array<number | string>
  failed: Array<{ id: number | string; error: string }>
  /** Whether the portal was rebuilt because a program's dates moved it to another state. */
  isPortalRefreshed: boolean
}

const SCHEDULER = 'publicación programada'
const BLACKOUT_CODES = new Set(['WORKFLOW_BLACKOUT', 'WORKFLOW_BLACKOUT_JUSTIFICATION'])

/**
 * Publishes every scheduled item (bulletins and programs) whose time has come: run each minute, at worker start (items due while
 * Pregón was down) and at each item's exact time. Each publication is the workflow's own `publish`,
 * recorded as done by the system on the approver's decision.
 */
export async function publishDueItems(ctx: TaskContext, now = new Date()): Promise<SweepReport> {
  const { payload, log, config } = ctx
  const report: SweepReport = { published: [], held: [], failed: [], isPortalRefreshed: false }
  for (const collection of WORKFLOW_COLLECTIONS) {
    const due = await payload.find({
      collection,
      draft: true,
      where: { and: [{ workflowState: { equals: 'scheduled' } }, { publishAt: { less_than_equal: now.toISOString() } }] },
      depth: 0,
      pagination: false,
      sort: 'publishAt',
    })
    for (const item of due.docs) {
      try {
        await applyWorkflowAction({ payload, collection, id: item.id, verb: 'publish', user: { system: SCHEDULER }, now })
        report.published.push(item.id)
        log.info({ collection, itemId: item.id }, 'scheduled item published')
      } catch (error) {
        const blackout = error instanceof WorkflowError ? error.failures.find((failure) => BLACKOUT_CODES.has(failure.code)) : undefined
        if (blackout) {
          // It falls in a veda: back to review with the approval withdrawn; after the period, only a new approval releases it.
          await applyWorkflowAction({ payload, collection, id: item.id, verb: 'hold', user: { system: SCHEDULER }, reason: blackout.message, now })
          report.held.push(item.id)
          log.warn({ collection, itemId: item.id }, 'scheduled item held: it falls in a veda electoral')
          continue
        }
        report.failed.push({ id: item.id, error: (error as Error).message })
        log.error({ collection, itemId: item.id, err: error }, 'scheduled item not published')
      }
    }
  }
  // A program changed state, a veda period started or ended, an alert ended or a withdrawal left the feeds since the
  // last build: the static portal must say so.
  if (report.published.length === 0 && (await areProgramStatesStale({ file: nextProgramChangeFile(config.portalDir), now }))) {
    await rebuildPortal(ctx, now)
    report.isPortalRefreshed = true
    log.info("portal rebuilt: the clock changed what it shows (a program's state, a veda's start or end, an alert's end)")
  }
  await payload.updateGlobal({
    slug: 'scheduler-status',
    data: {
      lastRunAt: now.toISOString(),
      lastPublished: report.published.length,
      lastError: report.failed.length > 0 ? report.failed.map((f) => `#${f.id}: ${f.error}`).join('\n').slice(0, 2000) : null,
    },
  })
  return report
}
