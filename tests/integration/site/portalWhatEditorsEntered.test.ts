import fs from 'node:fs/promises'
import path from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { publishPortal } from '@pregon/site/publish'
import { exportPortalContent } from '@pregon/workers/portal/exportPortalContent'
import { buildBulletin, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// What an editor entered (place, event date, topics) reaches the portal; what only the office may read (the
// internal reason for a withdrawal) never does, in any page or feed.
const INTERNAL_REASON = 'Razón interna: la directora pidió retirarlo por un error de la agencia.'
const PUBLIC_NOTICE = 'Se retiró porque las fechas cambiaron; pronto publicaremos las nuevas.'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

async function allFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

it('shows place, event date and topics, with a page and a feed per topic, and never the internal reason of a withdrawal', async () => {
  const { editor, approver } = await team(t.payload)
  const draft = await buildBulletin(t.payload, { title: 'Jornada de vacunación en San Isidro', skipDistribution: true })
  await t.payload.update({
    collection: 'bulletins',
    id: draft.id,
    draft: true,
    user: editor,
    overrideAccess: false,
    data: { place: '  Explanada de San Isidro ', eventDate: '2026-11-28T16:00:00.000Z', topics: ['Salud', 'Vacunación', 'salud', '  '] },
  })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb, user, context: { skipDistribution: true } })
  }
  const withdrawn = await buildBulletin(t.payload, { title: 'Feria con fechas equivocadas', status: 'published', skipDistribution: true })
  await applyWorkflowAction({ payload: t.payload, id: withdrawn.id, verb: 'withdraw', user: approver, reason: INTERNAL_REASON, notice: PUBLIC_NOTICE })

  const file = path.join(t.config.portalDir, 'content.json')
  const { content } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file })
  expect(content.bulletins.find((b) => b.slug === draft.slug)).toMatchObject({
    place: 'Explanada de San Isidro',
    eventDate: '2026-11-28T16:00:00.000Z',
    topics: [
      { name: 'Salud', slug: 'salud' },
      { name: 'Vacunación', slug: 'vacunacion' },
    ],
  })
  expect(content.withdrawn).toContainEqual(expect.objectContaining({ slug: withdrawn.slug, notice: PUBLIC_NOTICE }))
  expect(JSON.stringify(content)).not.toContain('Razón interna')

  await publishPortal({ contentFile: file, portalDir: t.config.portalDir, mediaDir: t.config.mediaDir })
  const built = path.join(t.config.portalDir, 'current')
  const read = (...parts: string[]) => fs.readFile(path.join(built, ...parts), 'utf8')

  const page = await read('boletines', draft.slug, 'index.html')
  expect(page).toContain('Explanada de San Isidro')
  // 16:00 UTC is 10:00 in Mexico City, the site's time zone.
  expect(page).toContain('28 de noviembre de 2026, 10:00')
  expect(page).toContain('href="/temas/salud/"')
  expect(page).toContain('href="/temas/vacunacion/"')

  const topicPage = await read('temas', 'vacunacion', 'index.html')
  expect(topicPage).toContain('Jornada de vacunación en San Isidro')
  expect(topicPage).toContain('href="/temas/vacunacion/rss.xml"')
  expect(await read('temas', 'index.html')).toContain('href="/temas/salud/"')
  const feed = await read('temas', 'salud', 'rss.xml')
  expect(XMLValidator.validate(feed)).toBe(true)
  const channel = new XMLParser().parse(feed).rss.channel
  expect(channel.item.title).toBe('Jornada de vacunación en San Isidro')
  expect(feed).toContain('<?xml-stylesheet href="/rss.xsl" type="text/xsl"?>')
  expect(await read('rss.xsl')).toContain('Esta es una fuente RSS')

  const notice = await read('boletines', withdrawn.slug, 'index.html')
  expect(notice).toContain('Este boletín fue retirado')
  expect(notice).toContain(PUBLIC_NOTICE)

  const files = await allFiles(built)
  expect(files.length).toBeGreaterThan(10)
  for (const file of files) {
    if (/\.(html|xml|json|js|txt|xsl)$/.test(file)) expect(await fs.readFile(file, 'utf8'), file).not.toContain('Razón interna')
  }
})
