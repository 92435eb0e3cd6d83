import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { rebuildPortal } from '@pregon/workers/tasks/rebuildPortal'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { buildPdf, buildProgram, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

const DAY = 24 * 60 * 60 * 1000
let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, ctx } = harness)
})
afterAll(async () => harness?.close())

const program = (title: string, { closesAt, isPublished = true, attachments = [] as number[] }: { closesAt: Date; isPublished?: boolean; attachments?: number[] }) =>
  buildProgram(t.payload, { title, closesAt, opensAt: new Date(closesAt.getTime() - 30 * DAY), attachments, status: isPublished ? 'published' : 'draft' })

const readContent = async () => JSON.parse(await fs.readFile(path.join(ctx.config.portalDir, 'content.json'), 'utf8')) as PortalContent

it('puts published programs on the portal with their state and documents, and refreshes it when a date changes their state', async () => {
  const pdf = buildPdf('Bases de la convocatoria')
  const bases = await t.payload.create({
    collection: 'media',
    data: { alt: 'Bases de la convocatoria' },
    file: { data: pdf, mimetype: 'application/pdf', name: 'bases.pdf', size: pdf.length },
  })
  const closesAt = new Date(Date.now() + 10 * DAY)
  const becas = await program('Becas de transporte', { closesAt, attachments: [bases.id] })
  await program('Programa aún en borrador', { closesAt, isPublished: false })

  await rebuildPortal(ctx)
  const content = await readContent()
  expect(content.programs?.map((p) => [p.title, p.status])).toEqual([['Becas de transporte', 'abierta']])
  expect(content.programs?.[0]).toMatchObject({ requirements: ['Ser productor del municipio', 'Tener hasta 5 hectáreas'], attachments: [{ filename: bases.filename, title: 'Bases de la convocatoria', bytes: pdf.length }] })
  const page = await fs.readFile(path.join(ctx.config.portalDir, 'current', 'programas', becas.slug!, 'index.html'), 'utf8')
  expect(page).toContain('Abierta')
  expect(await fs.readFile(path.join(ctx.config.portalDir, 'current', 'media', bases.filename!))).toEqual(pdf)
  expect(JSON.stringify(content)).not.toContain('Programa aún en borrador')

  // Nothing changed: the minute sweep leaves the portal alone.
  expect(await publishDueItems(ctx)).toMatchObject({ isPortalRefreshed: false })
  // Four days later the call enters its last week: the sweep rebuilds, once.
  const later = new Date(Date.now() + 4 * DAY)
  expect(await publishDueItems(ctx, later)).toMatchObject({ isPortalRefreshed: true })
  expect((await readContent()).programs?.[0]?.status).toBe('cierra-pronto')
  expect(await publishDueItems(ctx, later)).toMatchObject({ isPortalRefreshed: false })
  // The record of what is live is the export's file itself (a hard link), not a second copy written out.
  const [exported, live] = await Promise.all(['content.json', 'live-content.json'].map((name) => fs.stat(path.join(ctx.config.portalDir, name))))
  expect(live!.ino).toBe(exported!.ino)
  expect(JSON.parse(await fs.readFile(path.join(ctx.config.portalDir, 'live-content.json'), 'utf8')).programs[0].status).toBe('cierra-pronto')
})

it('shows the public note of a published correction on the program page, under the corrected text', async () => {
  const { editor, approver } = await team(t.payload)
  const apoyo = await program('Apoyo a productores de maíz', { closesAt: new Date(Date.now() + 20 * DAY) })
  // Changing published text opens a correction; it goes out only after review and approval, with its note.
  await t.payload.update({
    collection: 'programs',
    id: apoyo.id,
    draft: true,
    overrideAccess: false,
    user: editor,
    data: { agency: 'Secretaría de Agricultura del Estado', correction: { note: 'La dependencia que lo otorga es la Secretaría de Agricultura del Estado.' } },
  })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: apoyo.id, verb, user, context: { skipDistribution: true } })
  }

  await rebuildPortal(ctx)
  const exported = (await readContent()).programs?.find((p) => p.id === String(apoyo.id))
  expect(exported).toMatchObject({ agency: 'Secretaría de Agricultura del Estado', corrections: [{ note: 'La dependencia que lo otorga es la Secretaría de Agricultura del Estado.' }] })
  const page = await fs.readFile(path.join(ctx.config.portalDir, 'current', 'programas', apoyo.slug!, 'index.html'), 'utf8')
  expect(page).toContain('Secretaría de Agricultura del Estado')
  expect(page).toMatch(/<h2 id="correcciones">Correcciones<\/h2>[\s\S]*La dependencia que lo otorga es la Secretaría de Agricultura del Estado\./)
})
