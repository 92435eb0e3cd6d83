import fs from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import { startFakeXApi, type FakeXApi } from '../helpers/fakeXApi'
import { signInToAdmin, staffToken, startDemoPregon, type DemoPregon } from '../helpers/demoPregon'
import { launchChromium } from '../helpers/launchChromium'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { waitFor } from '../helpers/waitFor'

/**
 * The head of the office, on a phone, publishes a bulletin and later corrects a figure in it; a second approver
 * (the administrator) approves the correction. The page, the feed item and the journalists follow.
 */
const artifacts = path.resolve(import.meta.dirname, '../.artifacts')
const PHONE = { width: 390, height: 844 }
const TITLE = 'Arranca la campaña de vacunación infantil en los centros de salud'
const WRONG = 'La campaña atiende a niñas y niños de 1 a 9 años en los 14 centros de salud del municipio.'
const RIGHT = 'La campaña atiende a niñas y niños de 1 a 10 años en los 14 centros de salud del municipio.'
const NOTE = 'Se corrigió el rango de edad: la campaña es para niñas y niños de 1 a 10 años, no de 1 a 9.'

let sink: SmtpSink
let fakeX: FakeXApi
let demo: DemoPregon | undefined
let browser: Browser
let cmsUrl: string
let siteUrl: string

beforeAll(async () => {
  await fs.mkdir(artifacts, { recursive: true })
  sink = await startSmtpSink()
  fakeX = await startFakeXApi()
  browser = await launchChromium()
  demo = await startDemoPregon('correction', {
    SMTP_URL: sink.url,
    X_API_URL: fakeX.url,
    X_API_KEY: 'e2e-app-key',
    X_API_SECRET: 'e2e-app-secret',
    X_ACCESS_TOKEN: 'e2e-access-token',
    X_ACCESS_SECRET: 'e2e-access-secret',
  })
  ;({ cmsUrl, siteUrl } = demo)
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
  await sink?.close()
  await fakeX?.close()
})

async function apiHeaders(email: string): Promise<Record<string, string>> {
  return { authorization: `JWT ${await staffToken(cmsUrl, email)}`, 'content-type': 'application/json' }
}

async function phoneSession(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'es-MX', isMobile: true, hasTouch: true })
  const page = await context.newPage()
  await signInToAdmin(page, cmsUrl, email)
  return page
}

/** Opens the item and waits for its workflow bar (the edit form has loaded its state). */
async function openItem(page: Page, id: number): Promise<void> {
  await page.goto(`${cmsUrl}/admin/collections/bulletins/${id}`)
  await page.locator('.workflow-actions__state').waitFor({ timeout: 60_000 })
}

/** The one feed item of the bulletin: guid, title and description. */
async function feedItem(): Promise<{ guid: string; description: string }> {
  const rss = await (await fetch(`${siteUrl}/rss.xml`)).text()
  const item = rss.split('<item>').find((chunk) => chunk.includes(`<title>${TITLE}</title>`))
  expect(item, 'the bulletin in the feed').toBeDefined()
  return { guid: /<guid[^>]*>([^<]+)<\/guid>/.exec(item!)![1]!, description: /<description>([\s\S]*?)<\/description>/.exec(item!)?.[1] ?? '' }
}

describe('a correction, as the office makes it on a phone', () => {
  it('publishes after a confirmation naming the channels and journalists, then corrects a figure with a second approval: page, feed item and one «Corrección» email per journalist follow', async () => {
    const editor = await apiHeaders('editor@pregon.test')
    const approverApi = await apiHeaders('aprobador@pregon.test')
    const created = await fetch(`${cmsUrl}/api/bulletins?draft=true`, {
      method: 'POST',
      headers: editor,
      body: JSON.stringify({ title: TITLE, summary: WRONG, classification: 'informativo', body: paragraphsToLexical(['Las vacunas son gratuitas y no se necesita cita.']) }),
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number; slug: string } }
    expect((await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/submit`, { method: 'POST', headers: editor })).status).toBe(200)
    expect((await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/approve`, { method: 'POST', headers: approverApi })).status).toBe(200)
    const journalists = ((await (await fetch(`${cmsUrl}/api/press-contacts?where[status][equals]=active&limit=1`, { headers: approverApi })).json()) as { totalDocs: number }).totalDocs
    expect(journalists).toBeGreaterThan(0)

    // The head of the office publishes from her phone: first she is told exactly what will happen.
    const approver = await phoneSession('aprobador@pregon.test')
    await openItem(approver, doc.id)
    expect(await approver.locator('.workflow-actions__state').textContent()).toContain('Aprobado')
    await approver.locator('#workflow-publish').click()
    const dialog = approver.locator('dialog.workflow-confirm')
    await dialog.locator('.workflow-confirm__effects').waitFor({ timeout: 30_000 })
    const told = (await dialog.textContent()) ?? ''
    expect(told).toContain('portal')
    expect(told).toContain('X (')
    expect(told).toContain(`${journalists} periodistas`)
    await approver.screenshot({ path: path.join(artifacts, 'admin-phone-publish-confirm.png') })
    // Nothing went out while she reads it.
    expect(fakeX.posts.filter((post) => post.text.includes(doc.slug))).toHaveLength(0)
    expect(sink.messages.filter((m) => m.subject?.includes(TITLE))).toHaveLength(0)
    await dialog.locator('#workflow-confirm').click()
    await approver.locator('.workflow-actions__state strong', { hasText: 'Publicado' }).waitFor({ timeout: 30_000 })

    const link = `${siteUrl}/boletines/${doc.slug}/`
    await waitFor(async () => (await fetch(link)).ok, { timeoutMs: 90_000, intervalMs: 500, message: 'the bulletin on the portal' })
    await waitFor(() => sink.messages.filter((m) => m.subject?.includes(TITLE)).length >= journalists || null, { timeoutMs: 60_000, message: 'the press mailing' })
    const before = await feedItem()
    expect(before.description).toContain('1 a 9 años')

    // She finds the wrong figure and corrects it: the published text opens as a correction draft.
    await approver.locator('#workflow-correct').click()
    await dialog.locator('.workflow-confirm__effects').waitFor({ timeout: 30_000 })
    await dialog.locator('#workflow-confirm').click()
    await approver.locator('.workflow-actions__state strong', { hasText: 'corrección en borrador' }).waitFor({ timeout: 30_000 })
    await approver.fill('#field-summary', RIGHT)
    await approver.fill('#field-correction__note', NOTE)
    await approver.screenshot({ path: path.join(artifacts, 'admin-phone-correction-draft.png'), fullPage: true })
    // On a phone Payload may tuck «Guardar borrador» into its controls' menu: press it wherever it is.
    await approver.locator('#action-save-draft').dispatchEvent('click')
    await approver.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes(`/api/bulletins/${doc.id}`), { timeout: 30_000 }).catch(() => null)
    await waitFor(
      async () => ((await (await fetch(`${cmsUrl}/api/bulletins/${doc.id}?draft=true&depth=0`, { headers: approverApi })).json()) as { summary: string }).summary === RIGHT || null,
      { timeoutMs: 30_000, message: 'the correction draft saved' },
    )
    await openItem(approver, doc.id)
    await approver.locator('#workflow-submit').click()
    await approver.locator('.workflow-actions__state strong', { hasText: 'corrección en revisión' }).waitFor({ timeout: 30_000 })
    // The page reloaded to show the new state; the success message survived the reload.
    await approver.getByText('Enviar a revisión: listo').first().waitFor({ timeout: 10_000 })
    // Four eyes: she wrote the correction, so «Aprobar» is refused for her.
    // She leaves the item; the second approver opens it without taking over a lock.
    await approver.goto(`${cmsUrl}/admin`)
    await approver.locator('.dashboard').first().waitFor({ timeout: 60_000 })

    const second = await phoneSession('admin@pregon.test')
    await openItem(second, doc.id)
    expect(await second.getByText(/bloqueado|tomar el control|take over/i).count()).toBe(0)
    await second.locator('#workflow-approve').click()
    await second.locator('.workflow-actions__state strong', { hasText: 'corrección aprobada' }).waitFor({ timeout: 30_000 })
    await second.locator('#workflow-publish').click()
    const secondDialog = second.locator('dialog.workflow-confirm')
    await secondDialog.locator('.workflow-confirm__effects').waitFor({ timeout: 30_000 })
    const correctionTold = (await secondDialog.textContent()) ?? ''
    expect(correctionTold).toContain('Publicar corrección')
    expect(correctionTold).toContain(NOTE)
    expect(correctionTold).toContain(`«Corrección» a ${journalists} periodistas`)
    await second.screenshot({ path: path.join(artifacts, 'admin-phone-correction-confirm.png') })
    await secondDialog.locator('#workflow-confirm').click()
    await second.locator('.workflow-actions__state strong', { hasText: 'Publicado' }).waitFor({ timeout: 30_000 })

    // The page shows the corrected figure and the dated public note, at the same address.
    await waitFor(async () => (await (await fetch(link)).text()).includes('1 a 10 años') || null, { timeoutMs: 90_000, intervalMs: 500, message: 'the corrected page' })
    const portal = await browser.newPage({ viewport: PHONE, locale: 'es-MX' })
    await portal.goto(link)
    const page = (await portal.locator('main').textContent()) ?? ''
    expect(page).toContain('1 a 10 años')
    expect(page).not.toContain('1 a 9 años')
    expect(page).toContain(NOTE)
    await portal.screenshot({ path: path.join(artifacts, 'portal-phone-corrected.png'), fullPage: true })
    await portal.close()

    // The feed item is the same item (same guid), now with the corrected text.
    const after = await feedItem()
    expect(after.guid).toBe(before.guid)
    expect(after.description).toContain('1 a 10 años')

    // One «Corrección» email per journalist who got the first version, and no second one.
    const corrections = await waitFor(
      () => {
        const mine = sink.messages.filter((m) => m.subject?.startsWith('Corrección') && m.subject.includes(TITLE))
        return mine.length >= journalists ? mine : null
      },
      { timeoutMs: 60_000, message: 'the correction emails' },
    )
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const finalCorrections = sink.messages.filter((m) => m.subject?.startsWith('Corrección') && m.subject.includes(TITLE))
    expect(finalCorrections).toHaveLength(journalists)
    expect(new Set(finalCorrections.map((m) => m.envelope.to[0])).size).toBe(journalists)
    for (const message of corrections) expect(message.text).toContain(NOTE)
    // The first publication went to X once; the correction does not post again, it answers that post once with the note.
    const originals = fakeX.posts.filter((post) => post.text.includes(doc.slug) && !post.inReplyTo)
    expect(originals).toHaveLength(1)
    await waitFor(() => fakeX.posts.some((post) => post.inReplyTo === originals[0]!.id), { timeoutMs: 60_000, message: 'the correction’s reply on X' })
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const replies = fakeX.posts.filter((post) => post.inReplyTo === originals[0]!.id)
    expect(replies).toHaveLength(1)
    expect(replies[0]!.text).toMatch(/^Corrección: /)
  })
})
