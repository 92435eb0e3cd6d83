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
  await applyWorkflowAction({ payload: t.payload, id: withdrawn.id, verb: 'withdraw', user: approver, reason: 'Se publicó antes de la firma del convenio.' })
  await applyWorkflowAction({ payload: t.payload, id: corrected.id, verb: 'correct', user: approver, reason: 'La feria termina el domingo 30.' })

  const file = path.join(t.config.portalDir, 'content.json')
  const content = await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file })
  expect(content.bulletins.map((b) => b.title)).toEqual(['Feria del elote'])
  expect(content.withdrawn).toEqual([expect.objectContaining({ slug: withdrawn.slug, reason: 'Se publicó antes de la firma del convenio.' })])
  expect(JSON.stringify(content)).not.toContain('Texto que ya no debe leerse')

  await publishPortal({ contentFile: file, portalDir: t.config.portalDir, mediaDir: t.config.mediaDir })
  const read = (...parts: string[]) => fs.readFile(path.join(t.config.portalDir, 'current', ...parts), 'utf8')
  const notice = await read('boletines', withdrawn.slug, 'index.html')
  expect(notice).toContain('Este boletín fue retirado')
  expect(notice).toContain('Se publicó antes de la firma del convenio.')
  expect(notice).not.toContain('Texto que ya no debe leerse')
  expect(await read('boletines', corrected.slug, 'index.html')).toContain('La feria termina el domingo 30.')
  for (const listing of [await read('index.html'), await read('rss.xml')]) {
    expect(listing).not.toContain('Convocatoria publicada por error')
    expect(listing).toContain('Feria del elote')
  }
})
