import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { isPortalCurrent, publishPortal, startPortalServer } from '@pregon/site/publish'

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/portal-content.json')
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-stamp-'))
afterAll(async () => fs.rm(work, { recursive: true, force: true }))

it('knows at start-up whether the live portal was built by the current templates, and never serves the stamp', async () => {
  const portalDir = path.join(work, 'portal')
  const mediaDir = path.join(work, 'media')
  await fs.mkdir(mediaDir)
  expect(await isPortalCurrent(portalDir)).toBe(false)

  const { buildDir } = await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })
  expect(await isPortalCurrent(portalDir)).toBe(true)

  const server = await startPortalServer({ portalDir, port: 0 })
  try {
    expect((await fetch(`${server.url}/.pregon-template-stamp`)).status).toBe(404)
  } finally {
    await server.close()
  }

  // A build made by other templates (an upgrade) is not current.
  await fs.writeFile(path.join(buildDir, '.pregon-template-stamp'), 'otra-version')
  expect(await isPortalCurrent(portalDir)).toBe(false)
})
