import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { defaultChannels } from '@pregon/core/channels'
import { exportPortalContent } from '@pregon/workers/portal/exportPortalContent'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { postToX } from '@pregon/workers/tasks/postToX'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { buildBulletin, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

const HOUR = 60 * 60 * 1000
let harness: TaskHarness
let t: TaskHarness['t']
let sink: TaskHarness['sink']
let ctx: TaskHarness['ctx']

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, sink, ctx } = harness)
  await t.payload.create({ collection: 'press-contacts', data: { name: 'Marco Ibarra', email: 'marco@radio.test', outlet: 'Radio Valle', status: 'active' } })
})
afterAll(async () => harness?.close())

const distributions = async (bulletinId: number) =>
  (await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId } }, depth: 0 })).docs

it('mails journalists at once under embargo, and shows the public only when the embargo lifts', async () => {
  const { editor, approver } = await team(t.payload)
  const embargoUntil = new Date(Date.now() + HOUR)
  const draft = await buildBulletin(t.payload, { title: 'Conferencia de la presidenta: presupuesto 2027' })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { embargoUntil: embargoUntil.toISOString() }, overrideAccess: false, user: editor })
  await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'submit', user: editor })
  await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'approve', user: approver })
  const { to } = await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'publish', user: approver })
  expect(to).toBe('scheduled')

  // Journalists: now, once, with the embargo in the subject.
  const [mailing] = await distributions(draft.id)
  expect(mailing).toMatchObject({ channel: 'press-mailing', status: 'pending' })
  expect(await sendPressMailing(ctx, mailing!.id)).toMatchObject({ outcome: 'sent', sent: 1 })
  const [message] = await sink.waitForMessages(1)
  expect(message!.subject).toMatch(/^EMBARGO hasta .+ · Boletín: Conferencia de la presidenta: presupuesto 2027$/)
  expect(message!.text).toContain('no publicar antes')

  // The public: nothing yet, on the API or the portal.
  expect((await t.payload.find({ collection: 'bulletins', overrideAccess: false })).docs.map((d) => d.id)).not.toContain(draft.id)
  const file = path.join(t.config.portalDir, 'content.json')
  expect((await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file })).content.bulletins).toEqual([])

  // The lift: the scheduler publishes it; X goes out then; the press is not mailed again.
  expect((await publishDueItems(ctx, new Date(embargoUntil.getTime() - 1000))).published).toEqual([])
  expect((await publishDueItems(ctx, new Date(embargoUntil.getTime() + 1000))).published).toEqual([draft.id])
  const { content } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file })
  expect(content.bulletins.map((b) => b.title)).toEqual(['Conferencia de la presidenta: presupuesto 2027'])
  const after = await distributions(draft.id)
  // One row per channel the bulletin goes to (the demo offers every network, as dry runs): the press's is the
  // one mailed under embargo, not a second.
  expect(after.map((d) => d.channel).sort()).toEqual([...defaultChannels(t.config)].sort())
  expect(after.filter((d) => d.channel === 'press-mailing').map((d) => d.id)).toEqual([mailing!.id])
  expect(await postToX(ctx, after.find((d) => d.channel === 'x')!.id)).toBe('dry-run')
  expect(sink.messages).toHaveLength(1)
  expect(JSON.parse(await fs.readFile(file, 'utf8')).bulletins).toHaveLength(1)
})

it('does not mail an embargoed version that was changed after approval', async () => {
  const { editor, approver } = await team(t.payload)
  const draft = await buildBulletin(t.payload, { title: 'Embargo con cambio posterior' })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { embargoUntil: new Date(Date.now() + HOUR).toISOString() }, overrideAccess: false, user: editor })
  await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'submit', user: editor })
  await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'approve', user: approver })
  await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'publish', user: approver })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { title: 'Título cambiado sin aprobar' }, overrideAccess: false, user: editor })

  const [mailing] = await distributions(draft.id)
  const before = sink.messages.length
  expect(await sendPressMailing(ctx, mailing!.id)).toMatchObject({ outcome: 'gone' })
  expect(sink.messages).toHaveLength(before)
})
