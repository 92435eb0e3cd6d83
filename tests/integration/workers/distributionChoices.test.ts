import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction, WorkflowError } from '@pregon/cms/workflow/applyWorkflowAction'
import { postToX } from '@pregon/workers/tasks/postToX'
import { buildBulletin, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

let harness: TaskHarness
beforeAll(async () => {
  harness = await startTaskHarness({ env: { SITE_URL: 'https://comunicacion.santalucia.gob.mx' } })
})
afterAll(async () => harness?.close())

async function publish(id: number) {
  const { editor, approver } = await team(harness.t.payload)
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: harness.t.payload, id, verb, user })
  }
  return (await harness.t.payload.find({ collection: 'distributions', where: { bulletin: { equals: id } }, depth: 0 })).docs
}

it('posts the editor’s own X text, with the bulletin link appended', async () => {
  const { editor } = await team(harness.t.payload)
  const bulletin = await buildBulletin(harness.t.payload, { title: 'Jornada de vacunación canina y felina' })
  const xText = 'Este sábado vacunamos gratis a perros y gatos en las 12 colonias del oriente 🐶🐱 #SantaLucía'
  await harness.t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { xText }, overrideAccess: false, user: editor })
  const x = (await publish(bulletin.id)).find((d) => d.channel === 'x')!
  expect(await postToX(harness.ctx, x.id)).toBe('dry-run')
  const [row] = await harness.t.query<{ detail: { text: string } }>('SELECT detail FROM distributions WHERE id = $1', [x.id])
  expect(row!.detail.text).toBe(`${xText} https://comunicacion.santalucia.gob.mx/boletines/${bulletin.slug}/`)
})

it('refuses to submit an X text longer than X allows, counting the link as 23, with the count in Spanish', async () => {
  const { editor } = await team(harness.t.payload)
  const bulletin = await buildBulletin(harness.t.payload)
  const save = (xText: string) =>
    harness.t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { xText }, overrideAccess: false, user: editor })
  await save('a'.repeat(257)) // + space + 23 for the link = 281
  const refusal = await applyWorkflowAction({ payload: harness.t.payload, id: bulletin.id, verb: 'submit', user: editor }).catch((e: WorkflowError) => e)
  expect(refusal).toBeInstanceOf(WorkflowError)
  expect((refusal as WorkflowError).failures).toEqual([expect.objectContaining({ code: 'WORKFLOW_POST_TEXT_TOO_LONG', message: expect.stringContaining('281 de 280') })])

  await save('a'.repeat(256))
  expect((await applyWorkflowAction({ payload: harness.t.payload, id: bulletin.id, verb: 'submit', user: editor })).to).toBe('in_review')
})

it('goes only to the channels chosen for it', async () => {
  const { editor } = await team(harness.t.payload)
  const bulletin = await buildBulletin(harness.t.payload, { title: 'Aviso solo para prensa' })
  await harness.t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { distributeTo: ['press-mailing'] }, overrideAccess: false, user: editor })
  expect((await publish(bulletin.id)).map((d) => d.channel)).toEqual(['press-mailing'])
})
