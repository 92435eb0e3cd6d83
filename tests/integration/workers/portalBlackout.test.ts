import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { SUSPENDED_NOTICE } from '@pregon/core/law/blackout'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { exportPortalContent } from '@pregon/workers/portal/exportPortalContent'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { nextProgramChangeFile, rebuildPortal } from '@pregon/workers/tasks/rebuildPortal'
import { buildBulletin, buildMedia, buildProgram, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

// A veda electoral in 2030, far from the real clock the workflow publishes by: the portal's clock is fixed.
const STARTS = new Date('2030-04-03T06:00:00.000Z')
const ENDS = new Date('2030-06-03T01:00:00.000Z')
const BEFORE = new Date('2030-04-01T12:00:00.000Z')
const DURING = new Date('2030-05-10T12:00:00.000Z')
const AFTER = new Date('2030-06-04T12:00:00.000Z')
// Open before, during and after the period, entering its last week a week before it closes.
const CLOSES = new Date('2030-07-31T00:00:00.000Z')
const JUSTIFICATION = 'La temporada de influenza obliga a vacunar a la población de riesgo.'

let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, ctx } = harness)
})
afterAll(async () => harness?.close())

const live = (...parts: string[]) => fs.readFile(path.join(ctx.config.portalDir, 'current', ...parts), 'utf8')
const exists = (...parts: string[]) => fs.access(path.join(ctx.config.portalDir, 'current', ...parts)).then(() => true, () => false)
const readContent = async () => JSON.parse(await fs.readFile(path.join(ctx.config.portalDir, 'content.json'), 'utf8')) as PortalContent
const nextChangeAt = async () => (JSON.parse(await fs.readFile(nextProgramChangeFile(ctx.config.portalDir), 'utf8')) as { nextChangeAt: string | null }).nextChangeAt

it('takes promotion off the portal while a veda is active, leaves a neutral note at its address, and brings it back at the end', async () => {
  const { editor, approver } = await team(t.payload)
  const logros = await buildBulletin(t.payload, {
    title: 'Inauguramos la nueva unidad deportiva',
    classification: 'logros',
    spokesperson: 'Lic. Juana Pérez Gómez, presidenta municipal',
    status: 'published',
    skipDistribution: true,
  })
  // Informative, with a photo its editor declared to show a public servant (justified at approval).
  const photo = await buildMedia(t.payload, 'La presidenta municipal junto a un camión recolector', { showsPublicServant: 'si' })
  const informativo = await buildBulletin(t.payload, {
    title: 'Horario de recolección de basura en diciembre',
    classification: 'informativo',
    heroImage: photo.id,
    acknowledgements: { [`photo-${photo.id}`]: 'La foto ilustra el servicio; no hay mensaje personal.' },
    status: 'published',
    skipDistribution: true,
  })
  const vacunacion = await buildBulletin(t.payload, {
    title: 'Campaña de vacunación contra la influenza',
    classification: 'campana',
    blackoutException: 'salud',
    blackoutJustification: JUSTIFICATION,
    status: 'published',
    skipDistribution: true,
  })
  const informe = await buildBulletin(t.payload, { title: 'Logros del primer año de gobierno', classification: 'logros', status: 'published', skipDistribution: true })
  await applyWorkflowAction({ payload: t.payload, id: informe.id, verb: 'withdraw', user: approver, reason: 'Duplicado del informe oficial.', notice: 'Se publicó dos veces.' })
  // A program presented as an achievement: classified before review, like an editor does.
  const program = await buildProgram(t.payload, { title: 'Becas municipales que logramos duplicar', closesAt: CLOSES, opensAt: new Date('2030-03-01T00:00:00.000Z') })
  await t.payload.update({ collection: 'programs', id: program.id, draft: true, data: { classification: 'logros' } })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb, user, context: { skipDistribution: true } })
  }
  await t.payload.create({
    collection: 'blackout-periods',
    data: { name: 'Proceso electoral local 2029-2030 (campañas)', kind: 'municipal', startsAt: STARTS.toISOString(), endsAt: ENDS.toISOString(), territory: 'Municipio de prueba' },
  })

  // Before the period: everything is on the portal, and the next change recorded is the period's start.
  await rebuildPortal(ctx, BEFORE)
  const before = await readContent()
  expect(before.bulletins.map((b) => b.title).sort()).toEqual([informativo.title, logros.title, vacunacion.title].sort())
  expect(before.suspended).toEqual([])
  expect(await nextChangeAt()).toBe(STARTS.toISOString())
  expect(before.bulletins.find((b) => b.title === informativo.title)!.hero).toMatchObject({ alt: photo.alt })
  const pageBefore = await live('boletines', logros.slug, 'index.html')
  expect(pageBefore).toContain(logros.title)

  // The minute sweep passes the start: the portal is rebuilt although nobody edited anything.
  expect(await publishDueItems(ctx, DURING)).toMatchObject({ isPortalRefreshed: true })
  const during = await readContent()
  expect(during.bulletins.map((b) => b.title).sort()).toEqual([informativo.title, vacunacion.title].sort())
  expect(during.programs).toEqual([])
  // It stays, informative, but without the photo that shows a public servant, on its page and on the home page.
  expect(during.bulletins.find((b) => b.title === informativo.title)!.hero).toBeNull()
  const photoName = path.parse(photo.filename!).name
  expect(await live('boletines', informativo.slug, 'index.html')).not.toContain(photoName)
  expect(await live('index.html')).not.toContain(photoName)
  expect(during.withdrawn).toEqual([])
  expect(during.suspended).toEqual([
    { kind: 'bulletin', id: String(logros.id), slug: logros.slug, notice: SUSPENDED_NOTICE },
    { kind: 'bulletin', id: String(informe.id), slug: informe.slug, notice: SUSPENDED_NOTICE },
    { kind: 'program', id: String(program.id), slug: program.slug, notice: SUSPENDED_NOTICE },
  ])
  for (const text of [logros.title, informe.title, program.title, 'Juana Pérez', JUSTIFICATION]) expect(JSON.stringify(during)).not.toContain(text)
  expect(await nextChangeAt()).toBe(ENDS.toISOString())

  for (const page of [await live('boletines', logros.slug, 'index.html'), await live('boletines', informe.slug, 'index.html'), await live('programas', program.slug!, 'index.html')]) {
    expect(page).toContain(SUSPENDED_NOTICE)
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).toContain('href="/"')
    for (const text of [logros.title, informe.title, program.title, 'Juana Pérez', '<img', 'data-pagefind-body', 'rel="canonical"']) expect(page).not.toContain(text)
  }
  expect(await exists('programas', program.slug!, 'fecha-limite.ics')).toBe(false)
  for (const listing of [await live('index.html'), await live('boletines', 'index.html'), await live('rss.xml')]) {
    expect(listing).not.toContain(logros.title)
    expect(listing).toContain(informativo.title)
    expect(listing).toContain(vacunacion.title)
  }
  for (const listing of [await live('programas', 'index.html'), await live('programas', 'rss.xml')]) expect(listing).not.toContain(program.title)
  expect(await live('sitemap-0.xml')).not.toContain(logros.slug)
  expect(await live('boletines', vacunacion.slug, 'index.html')).toContain(vacunacion.title)

  // After the end: the next sweep rebuilds, and the portal is exactly as it was before the period.
  expect(await publishDueItems(ctx, AFTER)).toMatchObject({ isPortalRefreshed: true })
  expect(await readContent()).toEqual(before)
  expect(await live('boletines', logros.slug, 'index.html')).toBe(pageBefore)
  expect(await live('rss.xml')).toContain(logros.title)
  expect(await live('programas', program.slug!, 'index.html')).toContain(program.title)
  expect(await nextChangeAt()).toBe(new Date(CLOSES.getTime() - 7 * 24 * 60 * 60 * 1000).toISOString())
})

it('exports nothing differently when no period covers the clock, and never the exception’s justification', async () => {
  const file = path.join(ctx.config.portalDir, 'export-check.json')
  const { content } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file, now: AFTER })
  expect(content.suspended).toEqual([])
  expect(JSON.stringify(content)).not.toContain(JUSTIFICATION)
  const { content: atStart } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file, now: STARTS })
  expect(atStart.suspended?.length).toBe(3)
  const { content: atEnd } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file, now: ENDS })
  expect(atEnd.suspended).toEqual([])
})
