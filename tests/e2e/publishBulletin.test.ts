import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import { startFakeXApi, type FakeXApi } from '../helpers/fakeXApi'
import { signInToAdmin, staffToken } from '../helpers/demoPregon'
import { freePort } from '../helpers/freePort'
import { launchChromium } from '../helpers/launchChromium'
import { processesMentioning } from '../helpers/processesMentioning'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startPregon, type RunningPregon } from '../helpers/startPregon'
import { waitFor } from '../helpers/waitFor'

const artifacts = path.resolve(import.meta.dirname, '../.artifacts')
const TITLE = 'Rehabilitan la planta potabilizadora de El Mirador'
const SLUG = 'rehabilitan-la-planta-potabilizadora-de-el-mirador'
const ALT = 'La presidenta municipal recorre la planta potabilizadora rehabilitada'

let dataDir: string
let sink: SmtpSink
let fakeX: FakeXApi
let pregon: RunningPregon | undefined
let browser: Browser
let env: Record<string, string>
let cmsUrl: string
let siteUrl: string

beforeAll(async () => {
  await fs.mkdir(artifacts, { recursive: true })
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-e2e-'))
  // mkdtemp makes it private (700); as root, PostgreSQL runs as the user "postgres" and must enter it.
  await fs.chmod(dataDir, 0o755)
  sink = await startSmtpSink()
  fakeX = await startFakeXApi()
  const [cmsPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()]
  cmsUrl = `http://127.0.0.1:${cmsPort}`
  siteUrl = `http://127.0.0.1:${portalPort}`
  env = {
    DATA_DIR: dataDir,
    CMS_PORT: String(cmsPort),
    CMS_URL: cmsUrl,
    PORTAL_PORT: String(portalPort),
    SITE_URL: siteUrl,
    EMBEDDED_PG_PORT: String(pgPort),
    SMTP_URL: sink.url,
    // The office's X account, here a local server that speaks X API v2.
    X_API_URL: fakeX.url,
    X_API_KEY: 'e2e-app-key',
    X_API_SECRET: 'e2e-app-secret',
    X_ACCESS_TOKEN: 'e2e-access-token',
    X_ACCESS_SECRET: 'e2e-access-secret',
  }
  browser = await launchChromium()
  pregon = await startPregon({ env })
})

afterAll(async () => {
  await browser?.close()
  if (pregon && pregon.child.exitCode === null) await pregon.interrupt()
  await sink?.close()
  await fakeX?.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

const apiToken = (email: string) => staffToken(cmsUrl, email)

/** 1600 × 1200 as the sensor saw it, stored with "rotate 90°", the camera's make and a GPS position. */
const phonePhoto = () =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 70, g: 140, b: 90 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'TelefonoMarca' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '20/1 40/1 0/1' } })
    .toBuffer()

const logIn = (page: Page, email: string) => signInToAdmin(page, cmsUrl, email)

describe('Pregón, as a new user runs it', () => {
  it('puts a bulletin the editor writes and the approver approves on the portal, in RSS, on X once and in the press email', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    await logIn(page, 'editor@pregon.test')

    await page.goto(`${cmsUrl}/admin/collections/bulletins/create`)
    await page.locator('#field-title').waitFor({ timeout: 60_000 })
    await page.fill('#field-title', TITLE)
    await page.fill('#field-summary', 'El Ayuntamiento entregó la planta rehabilitada, que abastecerá a 12 mil habitantes.')
    await page.locator('[data-lexical-editor="true"]').click()
    await page.keyboard.type('La obra incluyó filtros nuevos y un laboratorio de calidad del agua.')
    // The live X counter includes the link X will count as 23: 20 characters + space + 23 = 44.
    await page.fill('#field-xText', 'Planta rehabilitada!')
    await page.locator('.x-text-counter').getByText('44/280').waitFor({ timeout: 10_000 })
    // The preview shows the post as X will get it, link included, with X's count. (This portal's address is
    // an IP, which X does not shorten to 23, so the count is the preview's own, not the field's 44.)
    const xPreview = page.locator('.social-previews [data-network="x"]')
    await xPreview.locator('.social-previews__text').getByText(`Planta rehabilitada! ${siteUrl}/boletines/${SLUG}/`).waitFor({ timeout: 10_000 })
    expect(await xPreview.locator('.social-previews__count').textContent()).toMatch(/^\d+\/280 /)
    await page.fill('#field-xText', '')
    // The law asks what it is before review (a veda withdraws promotion): the editor classifies it.
    await page.locator('#field-classification .rs__control').click()
    await page.locator('.rs__option', { hasText: 'Informativo / servicio' }).click()

    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 30, g: 110, b: 160 } } }).jpeg().toBuffer()
    await page.click('button.upload__createNewToggler')
    const drawer = page.locator('.drawer')
    await drawer.locator('input[type="file"]').setInputFiles({ name: 'planta-el-mirador.jpg', mimeType: 'image/jpeg', buffer: photo })
    await drawer.locator('#field-alt').fill(ALT)
    // Art. 134: the editor says whether a public servant appears in the photo.
    await drawer.locator('#field-showsPublicServant').getByText('No', { exact: true }).click()
    await drawer.locator('#action-save').click()
    // The drawer names the file while it uploads («Subiendo …»): wait for it to close with the photo chosen.
    await drawer.locator('#action-save').waitFor({ state: 'detached', timeout: 60_000 })
    await page.getByText('planta-el-mirador', { exact: false }).first().waitFor({ timeout: 30_000 })

    // The editor can only save a draft and submit it: no publish, no approve.
    expect(await page.locator('#action-save').count()).toBe(0)
    await page.locator('#action-save-draft').click()
    await page.waitForURL(/\/admin\/collections\/bulletins\/\d+/, { timeout: 30_000 })
    const bulletinId = Number(/bulletins\/(\d+)/.exec(page.url())![1])
    await page.locator('#workflow-submit').click()
    await page.locator('#field-workflowState').getByText('En revisión').waitFor({ timeout: 30_000 })
    expect(await page.locator('#workflow-approve, #workflow-publish').count()).toBe(0)
    await page.screenshot({ path: path.join(artifacts, 'admin-editor-submitted.png') })

    // The head of the office approves and publishes, in their own session.
    const approverContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    const approverPage = await approverContext.newPage()
    await logIn(approverPage, 'aprobador@pregon.test')
    const pending = approverPage.locator('.editorial-dashboard')
    expect(await pending.textContent()).toContain(TITLE)
    await approverPage.screenshot({ path: path.join(artifacts, 'admin-approver-dashboard.png'), fullPage: true })
    await pending.getByRole('link', { name: TITLE }).click()
    // The photo's description names «la presidenta municipal», on the demo office's Art. 134 watch list: approving
    // asks the approver to justify that mention, in context, and the record keeps why.
    await approverPage.locator('#workflow-approve').click()
    const findings = approverPage.locator('dialog.workflow-confirm .workflow-confirm__findings')
    await findings.waitFor({ timeout: 30_000 })
    expect(await findings.textContent()).toContain('«presidenta municipal» en Imagen principal: descripción')
    expect(await approverPage.locator('#workflow-confirm').isDisabled()).toBe(true)
    await approverPage.fill('#workflow-ack-0', 'Describe la foto de la obra; no hay mensaje de la presidenta.')
    await approverPage.locator('#workflow-confirm').click()
    await approverPage.locator('.workflow-actions__state strong', { hasText: 'Aprobado' }).waitFor({ timeout: 30_000 })
    // Publishing asks first, saying where it goes: the portal, X and the journalists.
    await approverPage.locator('#workflow-publish').click()
    const confirm = approverPage.locator('dialog.workflow-confirm')
    await confirm.locator('.workflow-confirm__effects').waitFor({ timeout: 30_000 })
    expect(await confirm.textContent()).toMatch(/Se envía por correo a \d+ periodistas/)
    await confirm.locator('#workflow-confirm').click()
    await approverPage.locator('#field-workflowState').getByText('Publicado').waitFor({ timeout: 30_000 })
    const steps = await approverPage.locator('.item-record tbody tr').allTextContents()
    expect(steps).toHaveLength(3)
    expect(steps[0]).toContain('Lucía Méndez')
    expect(steps[2]).toContain('Ernesto Salinas')
    await approverPage.screenshot({ path: path.join(artifacts, 'admin-approver-published.png'), fullPage: true })
    await approverContext.close()

    // The record, exported for a transparency request.
    const today = new Date().toISOString().slice(0, 10)
    const exportUrl = `${cmsUrl}/api/audit-log/export?from=${today}&to=${today}&format=csv`
    expect((await fetch(exportUrl)).status).toBe(401)
    const csv = await (await fetch(exportUrl, { headers: { authorization: `JWT ${await apiToken('aprobador@pregon.test')}` } })).text()
    expect(csv.split('\n').filter((line) => line.includes(TITLE)).map((line) => line.split(',')[4])).toEqual(['submit', 'approve', 'publish'])

    // The portal, rebuilt by the worker.
    const link = `${siteUrl}/boletines/${SLUG}/`
    await waitFor(async () => (await fetch(link)).ok, { timeoutMs: 60_000, intervalMs: 500, message: 'the bulletin page on the portal' })
    const portal = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await portal.goto(link)
    expect(await portal.locator('h1').textContent()).toBe(TITLE)
    const hero = portal.locator(`img[alt="${ALT}"]`)
    await hero.waitFor({ state: 'visible' })
    expect(await hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await portal.screenshot({ path: path.join(artifacts, 'portal-bulletin.png'), fullPage: true })
    await portal.goto(siteUrl)
    expect(await portal.locator('main').textContent()).toContain(TITLE)

    const rss = await (await fetch(`${siteUrl}/rss.xml`)).text()
    expect(rss).toContain(`<title>${TITLE}</title>`)
    expect(rss).toContain(`<link>${link}</link>`)
    expect(rss).toContain(`<media:description type="plain">${ALT}</media:description>`)

    // Posted to X once, with the X crop and its alt text; the ledger, read by staff through the API, links to it.
    const token = await apiToken('editor@pregon.test')
    const xDistribution = await waitFor(
      async () => {
        const response = await fetch(`${cmsUrl}/api/distributions?where[bulletin][equals]=${bulletinId}&where[channel][equals]=x&depth=0`, {
          headers: { authorization: `JWT ${token}` },
        })
        const { docs } = (await response.json()) as { docs: Array<{ status: string; remoteUrl: string | null; detail: Record<string, unknown> | null }> }
        return docs.find((doc) => doc.status === 'sent')
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'the post to X' },
    )
    const posts = fakeX.posts.filter((post) => post.text.includes(link))
    expect(posts).toHaveLength(1)
    expect(posts[0]!.text).toBe(`${TITLE} ${link}`)
    expect(fakeX.media.get(posts[0]!.mediaIds[0]!)?.altText).toBe(ALT)
    expect(xDistribution).toMatchObject({ remoteUrl: `https://x.com/i/web/status/${posts[0]!.id}`, detail: { text: `${TITLE} ${link}`, image: { alt: ALT } } })

    // The admin's «Difusión» panel shows it as published, with the link to the post.
    await page.goto(`${cmsUrl}/admin/collections/bulletins/${bulletinId}`)
    const xRow = page.locator('.distribution-panel tr[data-channel="x"]')
    await xRow.waitFor({ timeout: 60_000 })
    expect(await xRow.getAttribute('data-status')).toBe('sent')
    expect(await xRow.getByRole('link', { name: 'Ver publicación' }).getAttribute('href')).toBe(`https://x.com/i/web/status/${posts[0]!.id}`)
    await page.locator('.distribution-panel').screenshot({ path: path.join(artifacts, 'admin-distribution-panel.png') })

    // The press email, received by a real SMTP server.
    const messages = await waitFor(
      () => {
        const mine = sink.messages.filter((m) => m.subject?.includes(TITLE))
        return mine.length >= 3 ? mine : null
      },
      { timeoutMs: 60_000, message: 'the press email to the three demo contacts' },
    )
    expect(messages).toHaveLength(3)
    for (const message of messages) {
      expect(message.subject).toBe(`Boletín: ${TITLE}`)
      expect(message.text).toContain(link)
      expect(message.html).toContain(`href="${link}"`)
    }
    await page.close()
    await portal.close()
  })

  it('lets a citizen subscribe on the portal without JavaScript, confirm from the inbox, get the next matching bulletin once, and leave in one click', async () => {
    const citizen = 'dona.rosa@correo.test'
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX', javaScriptEnabled: false })
    const phone = await context.newPage()
    await phone.goto(`${siteUrl}/suscribirse/`)
    await phone.fill('#correo', citizen)
    await phone.getByLabel('Resumen diario').check()
    await phone.getByLabel('En cuanto se publique').check()
    await phone.locator('input[name="aviso"]').check()
    await phone.screenshot({ path: path.join(artifacts, 'portal-subscribe-form.png'), fullPage: true })
    await phone.getByRole('button', { name: 'Suscribirme' }).click()
    await phone.getByRole('heading', { name: 'Revisa tu correo' }).waitFor({ timeout: 30_000 })
    expect(new URL(phone.url()).origin).toBe(cmsUrl)

    const confirmation = await waitFor(() => sink.messages.find((m) => m.envelope.to.includes(citizen)) ?? null, { timeoutMs: 60_000, message: 'the confirmation email' })
    expect(confirmation.subject).toMatch(/^Confirma tu suscripción/)
    const confirmLink = /https?:\/\/\S+\/api\/subscribers\/confirm\?t=\S+/.exec(confirmation.text!)![0]
    await phone.goto(confirmLink)
    await phone.getByRole('button', { name: 'Confirmar mi suscripción' }).click()
    await phone.getByRole('heading', { name: 'Suscripción confirmada' }).waitFor({ timeout: 30_000 })
    await phone.screenshot({ path: path.join(artifacts, 'subscription-confirmed.png'), fullPage: true })

    // The next bulletin, published through the API as the office would in the admin.
    const as = async (email: string) => ({ authorization: `JWT ${await apiToken(email)}`, 'content-type': 'application/json' })
    const [editor, approver] = [await as('editor@pregon.test'), await as('aprobador@pregon.test')]
    const title = 'Abre la nueva biblioteca del barrio de San Juan'
    const created = await fetch(`${cmsUrl}/api/bulletins?draft=true`, {
      method: 'POST',
      headers: editor,
      body: JSON.stringify({ title, summary: 'La biblioteca abre de 8:00 a 20:00 de lunes a sábado.', classification: 'informativo', body: paragraphsToLexical(['Hay préstamo a domicilio.']) }),
    })
    const { doc } = (await created.json()) as { doc: { id: number; slug: string } }
    expect((await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/submit`, { method: 'POST', headers: editor })).status).toBe(200)
    expect((await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/approve-publish`, { method: 'POST', headers: approver })).status).toBe(200)
    const bulletinMail = await waitFor(() => sink.messages.find((m) => m.envelope.to.includes(citizen) && m.subject === title) ?? null, { timeoutMs: 90_000, message: 'the bulletin to the subscriber' })
    expect(bulletinMail.text).toContain(`${siteUrl}/boletines/${doc.slug}/`)
    // Once, and nothing else: the confirmation and this bulletin (the one published before she subscribed never comes).
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(sink.messages.filter((m) => m.envelope.to.includes(citizen)).map((m) => m.subject)).toEqual([confirmation.subject, title])

    // RFC 8058: her mail client posts the one-click unsubscribe to the List-Unsubscribe address.
    const headerBlock = bulletinMail.raw.toString('utf8').split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ')
    const unsubscribe = /^List-Unsubscribe: <([^>]+)>/im.exec(headerBlock)![1]!
    const oneClick = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(oneClick.status).toBe(200)
    await phone.goto(unsubscribe)
    expect(await phone.locator('main').textContent()).toContain('no recibe avisos')
    await context.close()
  })

  it('imports the press directory in the admin line by line, and lets a journalist unsubscribe in one click from a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    await logIn(page, 'editor@pregon.test')
    await page.goto(`${cmsUrl}/admin/collections/press-contacts`)
    const csv = [
      'nombre,correo,medio,listas',
      'Sofía Garza,sofia.garza@noticiasdelvalle.test,Noticias del Valle,Prensa general',
      'Correo malo,sofia(at)noticias.test,Noticias del Valle,',
      'Sofía G.,SOFIA.GARZA@noticiasdelvalle.test,,Prensa: obras y medio ambiente',
      'Lista rara,rara@medios.test,TV,Deportes',
    ].join('\n')
    await page.locator('input[aria-label="Archivo CSV"]').setInputFiles({ name: 'directorio.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Importar CSV' }).click()
    const report = page.locator('[data-testid="import-report"]')
    await report.waitFor({ timeout: 30_000 })
    expect(await report.textContent()).toContain('4 líneas leídas: 1 contactos nuevos, 0 actualizados, 1 repetidos unidos, 2 rechazadas')
    const rows = await report.locator('tbody tr').allTextContents()
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatch(/^3Rechazada«sofia\(at\)noticias\.test» no es un correo electrónico válido\. \(IMPORT_EMAIL_INVALID\)$/)
    expect(rows[1]).toContain('unido con la línea 2')
    expect(rows[2]).toContain('«Deportes»')
    await page.screenshot({ path: path.join(artifacts, 'admin-press-import.png'), fullPage: true })
    await page.close()

    // The press email of the first test, on a phone, and its unsubscribe link opened there.
    const message = sink.messages.find((m) => m.subject?.includes(TITLE))!
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
    await phone.setContent(message.html!)
    await phone.screenshot({ path: path.join(artifacts, 'press-email-phone.png'), fullPage: true })
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const headers = message.raw.toString('utf8').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ')
    const unsubscribe = /<(http[^>]+)>/.exec(String(/^List-Unsubscribe: (.*)$/im.exec(headers)?.[1]))![1]!
    await phone.goto(unsubscribe)
    await phone.getByRole('button', { name: 'Sí, darme de baja' }).click()
    await phone.getByRole('heading', { name: 'Listo: te diste de baja' }).waitFor({ timeout: 30_000 })
    await phone.screenshot({ path: path.join(artifacts, 'unsubscribe-phone.png'), fullPage: true })
    await phone.close()
    const token = await apiToken('editor@pregon.test')
    const found = await fetch(`${cmsUrl}/api/press-contacts?where[email][equals]=${encodeURIComponent(message.envelope.to[0]!)}`, { headers: { authorization: `JWT ${token}` } })
    expect(((await found.json()) as { docs: Array<{ status: string }> }).docs[0]!.status).toBe('unsubscribed')
  })

  it('never shows a draft to the public: not on REST, GraphQL, the portal or RSS', async () => {
    const headers = { authorization: `JWT ${await apiToken('editor@pregon.test')}`, 'content-type': 'application/json' }
    const secret = 'Borrador confidencial sobre tarifas de agua'
    const created = await fetch(`${cmsUrl}/api/bulletins?draft=true`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: secret,
        slug: 'borrador-confidencial',
        summary: 'Aún no aprobado.',
        classification: 'informativo',
        body: paragraphsToLexical(['Propuesta de tarifas que aún no se aprueba.']),
        _status: 'draft',
      }),
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number } }
    const staffView = await fetch(`${cmsUrl}/api/bulletins/${doc.id}?draft=true`, { headers })
    expect(((await staffView.json()) as { title: string }).title).toBe(secret)

    // Nor can the editor take it public over REST: not by saving, not by the workflow's approver verbs.
    const directPublish = await fetch(`${cmsUrl}/api/bulletins/${doc.id}`, { method: 'PATCH', headers, body: JSON.stringify({ _status: 'published' }) })
    expect(directPublish.status).toBe(403)
    const submitted = await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/submit`, { method: 'POST', headers })
    expect(submitted.status).toBe(200)
    for (const verb of ['approve', 'publish']) {
      const refused = await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/${verb}`, { method: 'POST', headers })
      expect(refused.status).toBe(403)
      const { errors } = (await refused.json()) as { errors: Array<{ code: string; message: string }> }
      expect(errors.map((e) => e.code)).toContain('WORKFLOW_ROLE_NOT_ALLOWED')
    }
    const anonymousAction = await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/approve`, { method: 'POST' })
    expect(anonymousAction.status).toBe(404)

    const anonymous = [
      await fetch(`${cmsUrl}/api/bulletins?draft=true&limit=100`),
      await fetch(`${cmsUrl}/api/bulletins/${doc.id}?draft=true`),
      await fetch(`${cmsUrl}/api/bulletins/${doc.id}/versions`),
      await fetch(`${cmsUrl}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ Bulletins(draft: true, limit: 100) { docs { title } } Bulletin(id: ${doc.id}, draft: true) { title } }` }),
      }),
      await fetch(`${cmsUrl}/api/press-contacts`),
      await fetch(siteUrl),
      await fetch(`${siteUrl}/rss.xml`),
    ]
    for (const response of anonymous) {
      expect(await response.text()).not.toContain('Borrador confidencial')
    }
    expect(anonymous[1]!.status).toBe(404)
    expect(anonymous[4]!.status).toBe(403)
  })

  it('sends its security headers on the admin, the API, media files and the unsubscribe page (the first test runs every admin step under the nonce policy)', async () => {
    const media = (await (await fetch(`${cmsUrl}/api/media?limit=1&depth=0`)).json()) as { docs: Array<{ url: string }> }
    const mediaUrl = new URL(media.docs[0]!.url, cmsUrl).toString()
    const answers = {
      admin: await fetch(`${cmsUrl}/admin/login`, { method: 'HEAD' }),
      api: await fetch(`${cmsUrl}/api/bulletins?limit=1`, { method: 'HEAD' }),
      media: await fetch(mediaUrl),
      unsubscribe: await fetch(`${cmsUrl}/api/press-contacts/unsubscribe?token=no-valido`),
    }
    for (const [name, response] of Object.entries(answers)) {
      expect(response.status, name).toBeLessThan(500)
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff')
      expect(response.headers.get('x-frame-options'), name).toBe('DENY')
      expect(response.headers.get('referrer-policy'), name).toBe('same-origin')
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, name).toContain("frame-ancestors 'none'")
      expect(csp, name).not.toContain('unsafe-eval')
    }
    expect(answers.admin.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/)
    expect([answers.media.status, answers.media.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^image\//)])
  })

  it('makes every rendition and crop of a phone photo uploaded in the admin, shows the crops, and keeps no location data', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' })
    await logIn(page, 'editor@pregon.test')
    await page.goto(`${cmsUrl}/admin/collections/media/create`)
    await page.locator('input[type="file"]').setInputFiles({ name: 'IMG_2087.JPG', mimeType: 'image/jpeg', buffer: await phonePhoto() })
    // Alt text is demanded, in Spanish, before anything is stored.
    await page.locator('#action-save').click()
    await page.getByText('El siguiente campo es inválido: Texto alternativo').first().waitFor({ timeout: 30_000 })
    expect(page.url()).toMatch(/\/media\/create$/)
    await page.fill('#field-alt', 'Vecinos de la colonia Las Flores en la jornada de limpieza del parque')
    await page.locator('#action-save').click()
    await page.waitForURL(/\/admin\/collections\/media\/\d+/, { timeout: 60_000 })
    const previews = page.locator('.crop-previews__item')
    await previews.nth(4).getByRole('link', { name: 'ver archivo' }).waitFor({ timeout: 30_000 })
    expect(await previews.count()).toBe(5)
    await page.screenshot({ path: path.join(artifacts, 'admin-media-crops.png'), fullPage: true })

    const id = Number(/media\/(\d+)/.exec(page.url())![1])
    const headers = { authorization: `JWT ${await apiToken('editor@pregon.test')}` }
    const media = (await (await fetch(`${cmsUrl}/api/media/${id}`, { headers })).json()) as { url: string; width: number; height: number; sizes: Record<string, { url: string | null; width: number | null; height: number | null }> }
    // The phone stored it sideways with "rotate 90°": upright, it is portrait.
    expect([media.width, media.height]).toEqual([1200, 1600])
    const files = [media.url, ...Object.values(media.sizes).map((size) => size.url)]
    expect(files.filter(Boolean)).toHaveLength(1 + 15)
    // X's 16:9 crop of a portrait photo 1200 wide: as wide as the photo, never enlarged to 1600.
    expect([media.sizes.x!.width, media.sizes.x!.height]).toEqual([1200, 675])
    for (const url of files) {
      const bytes = Buffer.from(await (await fetch(new URL(url!, cmsUrl), { headers })).arrayBuffer())
      expect((await sharp(bytes).metadata()).exif, url!).toBeUndefined()
      expect(bytes.includes(Buffer.from('TelefonoMarca')), url!).toBe(false)
    }

    // The editor moves the focal point in "Editar imagen": the previews follow at once, saving re-cuts the
    // crops; applying the same point again keeps every file.
    for (const focalX of ['10', '10']) {
      await page.getByRole('button', { name: 'Editar imagen' }).click()
      await page.locator('.drawer input').first().fill(focalX)
      await page.getByRole('button', { name: 'Aplicar Cambios' }).click()
      await page.locator('.crop-previews__hint').getByText(`(${focalX} %, 50 %)`).waitFor({ timeout: 10_000 })
      // The save answers once the files are written; Payload deletes the old ones first, so check after it.
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes(`/api/media/${id}`), { timeout: 60_000 }),
        page.locator('#action-save').click(),
      ])
      const moved = await waitFor(
        async () => {
          const doc = (await (await fetch(`${cmsUrl}/api/media/${id}`, { headers })).json()) as typeof media
          return doc.sizes.square?.url?.endsWith(`-square-${focalX}-50.jpg`) ? doc : undefined
        },
        { timeoutMs: 30_000, message: 'the crops re-cut at the new focal point' },
      )
      for (const size of Object.values(moved.sizes)) expect((await fetch(new URL(size.url!, cmsUrl), { headers })).status, size.url!).toBe(200)
    }
    await page.close()
  })

  it('takes a citizen’s petition on the portal without JavaScript, emails the department it is turned to, and shows its state by folio', async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX', javaScriptEnabled: false })
    const phone = await phoneContext.newPage()
    await phone.goto(`${siteUrl}/peticiones/`)
    await phone.getByLabel(/^Asunto/).fill('Lámpara apagada en el parque Hidalgo')
    await phone.getByLabel(/^Su petición/).fill('La lámpara junto a los juegos infantiles lleva dos semanas apagada y de noche no se ve nada.')
    await phone.getByLabel(/^Lugar/).fill('Parque Hidalgo, col. Centro')
    await phone.getByLabel('Nombre').fill('Tomás Leyva')
    await phone.locator('input[name="aviso"]').check()
    await phone.screenshot({ path: path.join(artifacts, 'portal-petition-form-390.png'), fullPage: true })
    await phone.getByRole('button', { name: 'Enviar petición' }).click()
    await phone.getByRole('heading', { name: 'Recibimos su petición' }).waitFor({ timeout: 30_000 })
    expect(new URL(phone.url()).origin).toBe(cmsUrl)
    const folio = /PET-\d{4}-\d{5}/.exec(await phone.locator('main').innerText())![0]
    await phone.screenshot({ path: path.join(artifacts, 'portal-petition-folio-390.png'), fullPage: true })

    // The office turns it to Obras Públicas, as an editor would in the admin.
    const editor = { authorization: `JWT ${await apiToken('editor@pregon.test')}`, 'content-type': 'application/json' }
    const found = (await (await fetch(`${cmsUrl}/api/petitions?where[folio][equals]=${folio}&depth=0`, { headers: editor })).json()) as { docs: Array<{ id: number; channel: string; name: string }> }
    expect(found.docs).toEqual([expect.objectContaining({ channel: 'portal', name: 'Tomás Leyva' })])
    const departments = (await (await fetch(`${cmsUrl}/api/departments?where[name][equals]=${encodeURIComponent('Obras Públicas')}`, { headers: editor })).json()) as { docs: Array<{ id: number }> }
    const turned = await fetch(`${cmsUrl}/api/petitions/${found.docs[0]!.id}`, { method: 'PATCH', headers: editor, body: JSON.stringify({ state: 'turnada', department: departments.docs[0]!.id }) })
    expect(turned.status).toBe(200)
    const notice = await waitFor(() => sink.messages.find((m) => m.envelope.to.includes('obras-publicas@pregon.test')) ?? null, { timeoutMs: 60_000, message: 'the petition in the department’s inbox' })
    expect(notice.subject).toBe(`Petición ciudadana ${folio}: Lámpara apagada en el parque Hidalgo`)
    expect(notice.text).toContain('juegos infantiles')

    // The citizen, later, on a computer: the folio in the portal's form.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', javaScriptEnabled: false })
    const page = await desk.newPage()
    await page.goto(`${siteUrl}/peticiones/`)
    await page.locator('#folio').fill(folio)
    await page.getByRole('button', { name: 'Consultar' }).click()
    await page.getByRole('heading', { name: `Petición ${folio}` }).waitFor({ timeout: 30_000 })
    const shown = await page.locator('main').innerText()
    expect(shown).toContain('Estado: Turnada')
    expect(shown).toContain('La atiende: Obras Públicas.')
    expect(shown).not.toContain('Tomás')
    await page.screenshot({ path: path.join(artifacts, 'portal-petition-status-1280.png'), fullPage: true })
    await phoneContext.close()
    await desk.close()
  })

  it('polls the outlets’ feeds and shows a broken one, with its error, on the dashboard', async () => {
    const admin = { authorization: `JWT ${await apiToken('admin@pregon.test')}`, 'content-type': 'application/json' }
    const outlet = (await (await fetch(`${cmsUrl}/api/outlets`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Portal municipal', kind: 'digital' }) })).json()) as { doc: { id: number } }
    for (const [name, url] of [['Portal municipal: RSS', `${siteUrl}/rss.xml`], ['Canal que ya no existe', `${siteUrl}/canal-retirado.xml`]]) {
      const created = await fetch(`${cmsUrl}/api/monitor-sources`, { method: 'POST', headers: admin, body: JSON.stringify({ name, url, outlet: outlet.doc.id, intervalMinutes: 30 }) })
      expect(created.status).toBe(201)
    }
    // The worker's minute sweep reads both.
    await waitFor(
      async () => {
        const { docs } = (await (await fetch(`${cmsUrl}/api/monitor-sources?depth=0`, { headers: admin })).json()) as { docs: Array<{ health: string }> }
        return docs.every((doc) => doc.health !== 'new')
      },
      { timeoutMs: 150_000, intervalMs: 2_000, message: 'the sweep to read both sources' },
    )
    const items = (await (await fetch(`${cmsUrl}/api/monitor-items?where[mentioned][equals]=true&limit=1`, { headers: admin })).json()) as { totalDocs: number }
    expect(items.totalDocs).toBeGreaterThan(0)
    for (const [width, height] of [[1280, 900], [390, 844]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'es-MX' })
      const page = await context.newPage()
      await logIn(page, 'aprobador@pregon.test')
      const panel = page.locator('.editorial-dashboard__monitoring')
      await panel.waitFor({ timeout: 30_000 })
      const text = await panel.innerText()
      expect(text).toContain('1 canal con error de 2')
      expect(text).toContain('Canal que ya no existe')
      expect(text).toContain('La dirección ya no existe (404)')
      await panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(artifacts, `admin-monitoring-dashboard-${width}.png`), fullPage: true })
      await context.close()
    }
  })

  it('makes the month’s report for the council, read on a phone and on a desk, and its PDF', async () => {
    const approver = { authorization: `JWT ${await apiToken('aprobador@pregon.test')}`, 'content-type': 'application/json' }
    const now = new Date()
    const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
    const created = await fetch(`${cmsUrl}/api/council-reports`, { method: 'POST', headers: approver, body: JSON.stringify({ period }) })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number } }
    await waitFor(
      async () => ((await (await fetch(`${cmsUrl}/api/council-reports/${doc.id}?depth=0`, { headers: approver })).json()) as { status: string }).status === 'ready',
      { timeoutMs: 60_000, intervalMs: 1_000, message: 'the worker to make the report' },
    )
    const pdf = await fetch(`${cmsUrl}/api/council-reports/${doc.id}/pdf`, { headers: approver })
    expect(pdf.status).toBe(200)
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    for (const [width, height] of [[390, 844], [1280, 900]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'es-MX' })
      const page = await context.newPage()
      await logIn(page, 'aprobador@pregon.test')
      await page.goto(`${cmsUrl}/admin/collections/council-reports/${doc.id}`)
      await page.getByRole('link', { name: 'Descargar PDF' }).waitFor({ timeout: 30_000 })
      await page.screenshot({ path: path.join(artifacts, `admin-council-report-${width}.png`) })
      await page.goto(`${cmsUrl}/api/council-reports/${doc.id}/html`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      // The demo's bulletins of this month are in it, each chart with its table.
      const html = await page.content()
      expect((html.match(/role="img"/g) ?? []).length).toBeGreaterThan(0)
      expect(html).toContain('Obras Públicas')
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await page.screenshot({ path: path.join(artifacts, `council-report-${width}.png`), fullPage: true })
      await context.close()
    }
  })

  it('comes back up after the start process is killed with -9', async () => {
    await pregon!.crash()
    pregon = await startPregon({ env, readyTimeoutMs: 180_000 })
    expect((await fetch(`${siteUrl}/boletines/${SLUG}/`)).status).toBe(200)
    expect((await fetch(`${cmsUrl}/admin/login`)).status).toBe(200)
    expect(pregon.output()).not.toMatch(/Compilando la administración/)
  })

  it('leaves no process behind on Ctrl-C', async () => {
    expect(await pregon!.interrupt()).toBe(0)
    const left = await waitFor(async () => {
      const processes = await processesMentioning(dataDir)
      return processes.length === 0 ? processes : null
    }, { timeoutMs: 20_000, message: 'every Pregón process to exit' }).catch(async () => processesMentioning(dataDir))
    expect(left).toEqual([])
  })
})
