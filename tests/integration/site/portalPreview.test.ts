import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPortalPreviewRoute, PORTAL_PREVIEW_HEADER, PORTAL_PREVIEW_PATH, signPortalPreview } from '@pregon/site/preview'
import { startPortalServer, type PortalServer } from '@pregon/site/publish'
import { toPortalPreview } from '@pregon/workers/portal/exportPortalContent'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, team } from '../../helpers/builders'
import { freePort } from '../../helpers/freePort'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// The staff's preview of a bulletin's portal page: the CMS endpoint reads the working copy with the person's
// access and the portal server renders it with the portal's own template (as launcher/runPortal.ts wires it).
let t: TestPayload
let portal: PortalServer
let editorToken: string
let draftId: number

const TITLE = 'Borrador: brigada de salud en Santa Rita'

beforeAll(async () => {
  const port = await freePort()
  t = await startTestPayload({ env: { PORTAL_PORT: String(port) } })
  portal = await startPortalServer({
    portalDir: t.config.portalDir,
    port,
    preview: createPortalPreviewRoute({ secret: t.config.payloadSecret!, toPreview: toPortalPreview }),
  })
  const { editor } = await team(t.payload)
  editorToken = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token!
  const hero = await buildMedia(t.payload, 'Personal de salud atiende a una vecina')
  const draft = await buildBulletin(t.payload, { title: TITLE, heroImage: hero.id, paragraphs: ['La brigada atiende de 9:00 a 14:00.'] })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, user: editor, overrideAccess: false, data: { place: 'Plaza de Santa Rita', topics: ['Salud'] } })
  draftId = draft.id
})

afterAll(async () => {
  await portal?.close()
  await t?.close()
})

describe('GET /api/bulletins/:id/portal-preview', () => {
  it('gives staff the working copy rendered by the portal’s bulletin template, with the site’s stylesheet inlined', async () => {
    const api = apiClients(t.payload)
    const started = performance.now()
    const response = await api.request('GET', `bulletins/${draftId}/portal-preview`, { token: editorToken })
    const firstMs = performance.now() - started
    const html = await response.text()
    expect(response.status, html.slice(0, 500)).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(html).toMatch(/^<!doctype html><html lang="es-MX">/)
    expect(html).toContain(`<h1>${TITLE}</h1>`)
    expect(html).toContain('La brigada atiende de 9:00 a 14:00.')
    expect(html).toContain('Plaza de Santa Rita')
    expect(html).toContain('href="/temas/salud/"')
    expect(html).toContain('<meta name="robots" content="noindex">')
    // The portal's own layout and stylesheet, not a look-alike.
    expect(html).toContain('class="site-header"')
    expect(html).toMatch(/<style>[\s\S]*\.site-header\s*\{[\s\S]*\.topics a, \.share a\s*\{[\s\S]*<\/style><\/head>/)
    // Draft photos are not public yet: the preview shows the CMS's copies, which staff may read.
    expect(html).toMatch(/src="\/api\/media\/file\/[^"]+"/)
    expect(html).not.toMatch(/["\s,]\/media\//)

    // Kept to look at (tests/.artifacts is not committed).
    const artifacts = path.join(import.meta.dirname, '../../.artifacts/portal')
    await fs.mkdir(artifacts, { recursive: true })
    await fs.writeFile(path.join(artifacts, 'portal-preview.html'), html)

    const again = performance.now()
    expect((await api.request('GET', `bulletins/${draftId}/portal-preview`, { token: editorToken })).status).toBe(200)
    console.info(`portal preview: first ${Math.round(firstMs)} ms (compiles the template), then ${Math.round(performance.now() - again)} ms`)

    // Nothing of the draft reached the public site's files.
    const files = await fs.readdir(t.config.portalDir, { recursive: true }).catch(() => [] as string[])
    for (const file of files) {
      const stat = await fs.stat(path.join(t.config.portalDir, file))
      if (stat.isFile()) expect(await fs.readFile(path.join(t.config.portalDir, file), 'utf8')).not.toContain('Santa Rita')
    }
  })

  it('refuses anyone not signed in (401)', async () => {
    const response = await apiClients(t.payload).request('GET', `bulletins/${draftId}/portal-preview`)
    expect(response.status).toBe(401)
    expect(((await response.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('PREVIEW_NOT_SIGNED_IN')
  })

  it('answers 404 for a bulletin that does not exist', async () => {
    const response = await apiClients(t.payload).request('GET', `bulletins/999999/portal-preview`, { token: editorToken })
    expect(response.status).toBe(404)
  })
})

describe('the portal server’s preview route', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(new URL(PORTAL_PREVIEW_PATH, portal.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })
  const body = JSON.stringify({ bulletin: { slug: 'x', title: 'Inyectado', summary: '', body: null }, settings: { municipalityName: 'X', timeZone: 'UTC' }, siteUrl: 'http://x' })
  const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds

  it('renders nothing without a valid, current signature from the CMS (403)', async () => {
    expect((await post(body)).status).toBe(403)
    expect((await post(body, { [PORTAL_PREVIEW_HEADER]: signPortalPreview({ secret: 'otro-secreto', body, expiresAtSeconds: inSeconds(20) }) })).status).toBe(403)
    expect((await post(body, { [PORTAL_PREVIEW_HEADER]: signPortalPreview({ secret: t.config.payloadSecret!, body, expiresAtSeconds: inSeconds(-1) }) })).status).toBe(403)
    // Signed for another body: the signature covers the content.
    const signed = signPortalPreview({ secret: t.config.payloadSecret!, body, expiresAtSeconds: inSeconds(20) })
    expect((await post(body.replace('Inyectado', 'Cambiado'), { [PORTAL_PREVIEW_HEADER]: signed })).status).toBe(403)
    // Valid for a minute at most: a long-lived signature is refused too.
    expect((await post(body, { [PORTAL_PREVIEW_HEADER]: signPortalPreview({ secret: t.config.payloadSecret!, body, expiresAtSeconds: inSeconds(3600) }) })).status).toBe(403)
  })

  it('answers only POST', async () => {
    expect((await fetch(new URL(PORTAL_PREVIEW_PATH, portal.url))).status).toBe(405)
  })
})
