import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { QUEUES } from '@pregon/core/queues'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { buildBulletin, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

const HOUR = 60 * 60 * 1000
let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']
let worker: RunningWorker | undefined

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, ctx } = harness)
})
afterAll(async () => {
  await worker?.stop()
  await harness?.close()
})

/** An approved bulletin scheduled by the approver at `decidedAt` for `publishAt`. */
async function scheduled(title: string, { decidedAt, publishAt }: { decidedAt: Date; publishAt: Date }) {
  const { approver } = await team(t.payload)
  const bulletin = await buildBulletin(t.payload, { title, status: 'approved', skipDistribution: true })
  await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'schedule', user: approver, publishAt, now: decidedAt })
  return bulletin
}

const publicTitle = async (id: number) =>
  (await t.payload.find({ collection: 'bulletins', where: { id: { equals: id } }, overrideAccess: false })).docs[0]?.title

describe('scheduled publication', () => {
  it('publishes a scheduled bulletin when its time comes, on the record as the system', async () => {
    const now = new Date('2026-12-01T16:00:00Z')
    const bulletin = await scheduled('Convocatoria de becas 2027', { decidedAt: now, publishAt: new Date(now.getTime() + HOUR) })
    const [job] = await t.query<{ start_after: Date }>(`SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'bulletinId' = $2`, [
      QUEUES.publishDueItems,
      String(bulletin.id),
    ])
    expect(job?.start_after.toISOString()).toBe(new Date(now.getTime() + HOUR).toISOString())

    expect((await publishDueItems(ctx, new Date(now.getTime() + HOUR - 1000))).published).not.toContain(bulletin.id)
    expect(await publicTitle(bulletin.id)).toBeUndefined()

    const report = await publishDueItems(ctx, new Date(now.getTime() + HOUR))
    expect(report.published).toContain(bulletin.id)
    expect(await publicTitle(bulletin.id)).toBe('Convocatoria de becas 2027')
    const [entry] = await t.query<{ action: string; actor_name: string; from_state: string }>(
      'SELECT action, actor_name, from_state FROM audit_log WHERE item_id = $1 ORDER BY id DESC LIMIT 1',
      [String(bulletin.id)],
    )
    expect(entry).toEqual({ action: 'publish', actor_name: 'Sistema: publicación programada', from_state: 'scheduled' })
    expect(await t.payload.findGlobal({ slug: 'scheduler-status' })).toMatchObject({ lastPublished: 1, lastError: null })
  })

  it('keeps the approver\'s time: an editor cannot move a schedule to the past, and the sweep does not publish early', async () => {
    const now = new Date('2026-12-02T16:00:00Z')
    const bulletin = await scheduled('Horario de verano en oficinas', { decidedAt: now, publishAt: new Date(now.getTime() + 24 * HOUR) })
    const { editor } = await team(t.payload)
    await expect(
      t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { publishAt: new Date(now.getTime() - HOUR).toISOString() }, overrideAccess: false, user: editor }),
    ).rejects.toMatchObject({ status: 403, data: { code: 'WORKFLOW_DATES_BY_WORKFLOW' } })
    const workingCopy = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, draft: true, depth: 0 })
    expect(workingCopy).toMatchObject({ publishAt: new Date(now.getTime() + 24 * HOUR).toISOString(), workflowState: 'scheduled' })
    expect((await publishDueItems(ctx, new Date(now.getTime() + HOUR))).published).not.toContain(bulletin.id)
    expect(await publicTitle(bulletin.id)).toBeUndefined()
  })

  it('publishes items that fell due while Pregón was down within a minute of the worker starting', async () => {
    const decidedAt = new Date(Date.now() - 2 * HOUR)
    const bulletin = await scheduled('Aviso programado durante la caída', { decidedAt, publishAt: new Date(Date.now() - HOUR) })
    expect(await publicTitle(bulletin.id)).toBeUndefined()

    const startedAt = Date.now()
    worker = await startWorker(ctx, { databaseUrl: t.databaseUrl })
    await waitFor(async () => (await publicTitle(bulletin.id)) === 'Aviso programado durante la caída', {
      timeoutMs: 60_000,
      intervalMs: 250,
      message: 'the overdue item to be published',
    })
    expect(Date.now() - startedAt).toBeLessThan(60_000)
  })
})
