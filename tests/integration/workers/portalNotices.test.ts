import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { publishPortal } from '@pregon/site/publish'
import { exportPortalContent } from '@pregon/workers/portal/exportPortalContent'
import { buildBulletin, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

it('keeps a withdrawn bulletin’s address with a dated notice instead of its text, and shows corrections', async () => {
  const { approver } = await team(t.payload)
  const withdrawn = await buildBulletin(t.payload, {
    title: 'Convocatoria publicada por error',
    paragraphs: ['Texto que ya no debe leerse.'],
    status: 'published',
    skipDistribution: true,
  })
  const corrected = await buildBulletin(t.payload, { title: 'Feria del elote', status: 'published', skipDistribution: true })
  await applyWorkflowAction({ payload: t.payload, id: withdrawn.id, verb: 'withdraw', user: approver, reason: 'Se publicó antes de la firma del convenio.', notice: 'Se publicó por error; la convocatoria saldrá más adelante.' })
  // A correction: opened, the text changed with its public note, approved by someone else, published.
  const { editor } = await team(t.payload)
  await applyWorkflowAction({ payload: t.payload, id: corrected.id, verb: 'correct', user: editor })
  await t.payload.update({
    collection: 'bulletins',
    id: corrected.id,
    draft: true,
    data: { summary: 'La feria del elote sigue hasta el domingo 30.', correction: { note: 'La feria termina el domingo 30.' } },
    overrideAccess: false,
    user: editor,
  })
  for (const verb of ['submit', 'approve', 'publish'] as const) {
    await applyWorkflowAction({ payload: t.payload, id: corrected.id, verb, user: verb === 'submit' ? editor : approver, context: { skipDistribution: true } })
  }

  const file = path.join(t.config.portalDir, 'content.json')
  const { content } = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file })
  expect(content.bulletins.map((b) => b.title)).toEqual(['Feria del elote'])
  expect(content.withdrawn).toEqual([expect.objectContaining({ slug: withdrawn.slug, notice: 'Se publicó por error; la convocatoria saldrá más adelante.' })])
  expect(JSON.stringify(content)).not.toContain('Texto que ya no debe leerse')

  await publishPortal({ contentFile: file, portalDir: t.config.portalDir, mediaDir: t.config.mediaDir })
  const read = (...parts: string[]) => fs.readFile(path.join(t.config.portalDir, 'current', ...parts), 'utf8')
  const notice = await read('boletines', withdrawn.slug, 'index.html')
  expect(notice).toContain('Este boletín fue retirado')
  expect(notice).toContain('Se publicó por error; la convocatoria saldrá más adelante.')
  expect(notice).not.toContain('Se publicó antes de la firma del convenio.')
  expect(notice).not.toContain('Texto que ya no debe leerse')
  const correctedPage = await read('boletines', corrected.slug, 'index.html')
  expect(correctedPage).toContain('La feria termina el domingo 30.')
  expect(correctedPage).toContain('La feria del elote sigue hasta el domingo 30.')
  const home = await read('index.html')
  expect(home).not.toContain('Convocatoria publicada por error')
  expect(home).toContain('Feria del elote')
  // The feed keeps the withdrawn item for 30 days, marked and with the public notice instead of its text.
  const feed = await read('rss.xml')
  expect(feed).toContain('Feria del elote')
  expect(feed).toContain('<title>Retirado: Convocatoria publicada por error</title>')
  expect(feed).toContain('Se publicó por error; la convocatoria saldrá más adelante.')
  expect(feed).not.toContain('Texto que ya no debe leerse')
})
