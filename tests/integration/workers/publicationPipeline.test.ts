import fs from 'node:fs/promises'
import path from 'node:path'
import { PgBoss } from 'pg-boss'
import { createLocalReq, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Distribution, User } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { channelSpec, defaultChannels, isQueuedChannel } from '@pregon/core/channels'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { buildBulletin, buildDepartment, buildMedia, buildUser, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

const SITE_URL = 'https://portal.santalucia.test'

let harness: TaskHarness
let t: TaskHarness['t']
let sink: TaskHarness['sink']
let ctx: TaskHarness['ctx']
let editor: User
let worker: RunningWorker | undefined

beforeAll(async () => {
  harness = await startTaskHarness({ env: { SITE_URL } })
  ;({ t, sink, ctx } = harness)
  editor = await buildUser(t.payload, 'editor')
  for (const [name, status] of [['Marco Pérez', 'active'], ['Ana Ruiz', 'active'], ['Dado de baja', 'unsubscribed']] as const) {
    await t.payload.create({
      collection: 'press-contacts',
      data: { name, email: `${name.split(' ')[0]!.toLowerCase()}@medios.test`, outlet: 'Radio Local', status },
    })
  }
})

afterAll(async () => {
  await worker?.stop()
  await harness?.close()
})

/** The editor submits; the approver approves and publishes: the only way anything reaches the public. */
async function publishThroughWorkflow(id: number, req?: PayloadRequest) {
  const { approver } = await team(t.payload)
  await applyWorkflowAction({ payload: t.payload, id, verb: 'submit', user: editor, req })
  await applyWorkflowAction({ payload: t.payload, id, verb: 'approve', user: approver, req })
  return applyWorkflowAction({ payload: t.payload, id, verb: 'publish', user: approver, req })
}

async function jobsFor(bulletinId: number, distributionIds: number[]) {
  return t.query<{ name: string; data: Record<string, unknown> }>(
    `SELECT name, data FROM pgboss.job
      WHERE (name = $1 AND data->>'bulletinId' = $2) OR (name <> $1 AND (data->>'distributionId')::int = ANY($3::int[]))
      ORDER BY name`,
    [QUEUES.rebuildPortal, String(bulletinId), distributionIds],
  )
}

async function distributionsOf(bulletinId: number): Promise<Distribution[]> {
  const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId } }, depth: 0 })
  return docs.sort((a, b) => a.channel.localeCompare(b.channel))
}

describe('publishing a bulletin', () => {
  it('writes the distributions and enqueues rebuild, X post and press mailing with the publication', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Inicia la campaña de vacunación antirrábica', author: editor })
    expect(await distributionsOf(draft.id)).toHaveLength(0)

    await publishThroughWorkflow(draft.id)

    // One row per channel it goes to (the demo offers every network, as dry runs), each with its job; WhatsApp,
    // posted by hand, has its row and no job.
    const distributions = await distributionsOf(draft.id)
    expect(distributions.map((d) => [d.channel, d.status])).toEqual(defaultChannels(t.config).sort().map((channel) => [channel, 'pending']))
    expect(distributions.map((d) => d.channel)).toEqual(expect.arrayContaining(['press-mailing', 'x', 'whatsapp']))
    const jobs = await jobsFor(draft.id, distributions.map((d) => d.id))
    const queued = distributions.flatMap((d) => (isQueuedChannel(d.channel) ? [channelSpec(d.channel).queue!] : []))
    expect(jobs.map((job) => job.name).sort()).toEqual([QUEUES.rebuildPortal, ...queued].sort())
    expect(queued).toHaveLength(distributions.length - 1)
  })

  it('leaves no job and no distribution behind when the publication rolls back', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Boletín cuya publicación se revierte' })
    const req = await createLocalReq({}, t.payload)
    await initTransaction(req)
    await publishThroughWorkflow(draft.id, req)
    await killTransaction(req)

    expect(await distributionsOf(draft.id)).toHaveLength(0)
    expect(await jobsFor(draft.id, [])).toHaveLength(0)
    const [row] = await t.query<{ status: string }>('SELECT _status AS status FROM bulletins WHERE id = $1', [draft.id])
    expect(row?.status).toBe('draft')
  })
})

describe('the worker', () => {
  it('rebuilds the portal, records the X dry run and mails each active press contact once', async () => {
    worker = await startWorker(ctx, { databaseUrl: t.databaseUrl })
    const department = await buildDepartment(t.payload, 'Salud Municipal')
    const hero = await buildMedia(t.payload, 'Brigada de salud aplicando vacunas en la plaza principal')
    const draft = await buildBulletin(t.payload, {
      title: 'Jornada de salud en la colonia Centro',
      summary: 'Consultas gratuitas el sábado en la plaza principal.',
      heroImage: hero.id,
      department: department.id,
    })
    await publishThroughWorkflow(draft.id)
    const link = `${SITE_URL}/boletines/${draft.slug}/`

    const x = await waitFor(
      async () => (await distributionsOf(draft.id)).find((d) => d.channel === 'x' && d.status === 'skipped'),
      { timeoutMs: 30_000, message: 'the X dry run' },
    )
    // X gets its own 1600 × 900 crop, with the alt text the editor wrote.
    expect(hero.sizes?.x?.filename).toMatch(/-x-50-50\.jpg$/)
    expect(x.detail).toMatchObject({ dryRun: true, text: `${draft.title} ${link}`, image: { filename: hero.sizes!.x!.filename, alt: hero.alt } })

    const mailing = await waitFor(
      async () => (await distributionsOf(draft.id)).find((d) => d.channel === 'press-mailing' && d.status === 'sent'),
      { timeoutMs: 30_000, message: 'the press mailing' },
    )
    // Earlier tests left their own jobs queued; this worker sends those too.
    const received = sink.messages.filter((m) => m.subject?.includes(draft.title))
    expect(received.flatMap((m) => m.envelope.to).sort()).toEqual(['ana@medios.test', 'marco@medios.test'])
    for (const message of received) {
      expect(message.subject).toBe(`Boletín: ${draft.title}`)
      expect(message.text).toContain(link)
      expect(message.html).toContain(`href="${link}"`)
    }
    const deliveries = await t.query<{ status: string }>('SELECT status FROM deliveries WHERE distribution_id = $1', [mailing.id])
    expect(deliveries.map((d) => d.status)).toEqual(['sent', 'sent'])

    // A retried job finds the mailing done and sends nothing more.
    expect(await sendPressMailing(ctx, mailing.id)).toMatchObject({ outcome: 'already-done', sent: 0 })
    expect(sink.messages.filter((m) => m.subject?.includes(draft.title))).toHaveLength(2)

    const page = path.join(t.config.portalDir, 'current', 'boletines', draft.slug, 'index.html')
    const html = await waitFor(async () => fs.readFile(page, 'utf8').catch(() => null), { timeoutMs: 60_000, message: 'the portal page' })
    expect(html).toContain(draft.title)
    // A publication moves the new page in before the feeds and lists that link to it, so the feed follows.
    const feed = path.join(t.config.portalDir, 'current', 'rss.xml')
    const rss = await waitFor(async () => {
      const text = await fs.readFile(feed, 'utf8')
      return text.includes(`<link>${link}</link>`) ? text : null
    }, { timeoutMs: 10_000, message: 'the bulletin in the RSS feed' })
    expect(rss).toContain(`<guid isPermaLink="true">${link}</guid>`)
  })

  it('does not distribute a bulletin unpublished before its turn came', async () => {
    await worker?.stop()
    worker = undefined
    const draft = await buildBulletin(t.payload, { title: 'Aviso que se retira antes de difundirse' })
    await publishThroughWorkflow(draft.id)
    // Taken off the portal by the system, as the coming withdraw action will (it is not yet a verb).
    await t.payload.update({ collection: 'bulletins', id: draft.id, data: { _status: 'draft' }, context: { workflowVerb: 'withdraw' } })

    worker = await startWorker(ctx, { databaseUrl: t.databaseUrl })
    // Every row a worker sends is skipped (the hand-posted WhatsApp row is the workflow's «Retirar» to settle).
    const done = await waitFor(
      async () => {
        const rows = (await distributionsOf(draft.id)).filter((d) => isQueuedChannel(d.channel))
        return rows.every((d) => d.status === 'skipped') ? rows : null
      },
      { timeoutMs: 30_000, message: 'every queued distribution skipped' },
    )
    expect(done.length).toBeGreaterThanOrEqual(2)
    expect(new Set(done.map((d) => d.error))).toEqual(new Set(['El boletín ya no está publicado; no se difundió.']))
    expect(done.find((d) => d.channel === 'x')?.detail).toBeNull()
    expect(sink.messages.filter((m) => m.subject?.includes(draft.title))).toHaveLength(0)
  })

  it('takes up again, within a minute, a job whose worker died holding it', async () => {
    await worker?.stop()
    worker = undefined
    const draft = await buildBulletin(t.payload, { title: 'Boletín cuyo primer intento se cae' })
    await publishThroughWorkflow(draft.id)

    // Another worker takes the X job and dies: no heartbeat, no completion.
    const doomed = new PgBoss({ connectionString: t.databaseUrl, supervise: false, schedule: false, migrate: false })
    doomed.on('error', () => {})
    await doomed.start()
    const [taken] = await doomed.fetch(QUEUES.postToX)
    expect(taken).toBeDefined()
    await doomed.stop({ graceful: false, close: true })

    const startedAt = Date.now()
    worker = await startWorker(ctx, { databaseUrl: t.databaseUrl })
    const x = await waitFor(
      async () => (await distributionsOf(draft.id)).find((d) => d.channel === 'x' && d.status === 'skipped'),
      { timeoutMs: 60_000, intervalMs: 500, message: 'the abandoned X job to be retried' },
    )
    expect(x.detail).toMatchObject({ dryRun: true })
    expect(Date.now() - startedAt).toBeLessThan(60_000)
    const [job] = await t.query<{ retry_count: number; state: string }>('SELECT retry_count, state FROM pgboss.job WHERE id = $1', [taken!.id])
    expect(job).toMatchObject({ state: 'completed' })
    expect(job!.retry_count).toBeGreaterThanOrEqual(1)
  }, 90_000)
})
