import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import { signInToAdmin, staffToken, startDemoPregon, type DemoPregon } from '../helpers/demoPregon'
import { launchChromium } from '../helpers/launchChromium'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'

const artifacts = path.resolve(import.meta.dirname, '../.artifacts')
const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Words that must never reach a person in the admin: Payload's English, raw codes, stored workflow verbs. */
const ENGLISH_DENYLIST: [string, RegExp][] = [
  ['Time', /\bTime\b/],
  ['AM/PM', /\d\s?(AM|PM)\b/],
  ['Payload', /\bPayload\b/i],
  ['DRY_RUN', /DRY_RUN/],
  ['raw workflow verb or state', /\b(in_review|approve|approved|publish|published|submit|reject|withdraw|withdrawn|schedule|scheduled)\b/],
  ['API tab', /^API$/m],
]

let sink: SmtpSink
let demo: DemoPregon | undefined
let browser: Browser
let cmsUrl: string

beforeAll(async () => {
  await fs.mkdir(artifacts, { recursive: true })
  sink = await startSmtpSink()
  browser = await launchChromium()
  demo = await startDemoPregon('admin', { SMTP_URL: sink.url })
  cmsUrl = demo.cmsUrl
  // The demo history is not distributed: one real publication gives the ledger pages something to show.
  const as = async (email: string) => ({ authorization: `JWT ${await staffToken(cmsUrl, email)}`, 'content-type': 'application/json' })
  const [editor, approver] = [await as('editor@pregon.test'), await as('aprobador@pregon.test')]
  const created = await fetch(`${cmsUrl}/api/bulletins?draft=true`, {
    method: 'POST',
    headers: editor,
    body: JSON.stringify({ title: 'Reabre la biblioteca municipal con horario ampliado', summary: 'La biblioteca abre de 8:00 a 20:00 de lunes a sábado.', classification: 'informativo', body: paragraphsToLexical(['Hay préstamo a domicilio y computadoras para consulta.']) }),
  })
  const { doc } = (await created.json()) as { doc: { id: number } }
  for (const [verb, headers] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    expect((await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/${verb}`, { method: 'POST', headers })).status, verb).toBe(200)
  }
})

afterAll(async () => {
  await browser?.close()
  await demo?.stop()
  await sink?.close()
})

/** A signed-in page that records every request it makes. */
async function signedIn(email: string, width: number): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: 'es-MX', timezoneId: 'America/Mexico_City' })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await signInToAdmin(page, cmsUrl, email)
  return { page, requests }
}

async function seriousViolations(page: Page): Promise<string[]> {
  // The admin repairs Payload's widgets once hydrated (components/AccessibleAdmin), then within a frame of any change.
  await page.locator('body[data-admin-repaired]').waitFor({ state: 'attached', timeout: 30_000 })
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.evaluate(axeSource)
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe.run())
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`)
}

async function englishFound(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText)
  return ENGLISH_DENYLIST.filter(([, pattern]) => pattern.test(text)).map(([name, pattern]) => `${name}: «${pattern.exec(text)?.[0]}»`)
}

const external = (requests: string[]) =>
  requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false
    const { hostname } = new URL(url)
    return hostname !== '127.0.0.1' && hostname !== 'localhost'
  })

describe('the admin an editor reads', () => {
  for (const width of [390, 1280]) {
    it(`speaks Spanish, passes axe and stays on this server at ${width} px`, async () => {
      const { page, requests } = await signedIn('editor@pregon.test', width)
      const problems: string[] = []
      // Serious and critical only: Payload's own widgets are repaired in the page (components/adminRepairs.ts).
      const axeFindings: string[] = []

      await page.goto(`${cmsUrl}/admin/collections/bulletins`)
      await page.locator('.table a[href*="/collections/bulletins/"]').first().waitFor({ timeout: 60_000 })
      const bulletinHref = await page.locator('.table a[href*="/collections/bulletins/"]').first().getAttribute('href')
      await page.goto(`${cmsUrl}/admin/collections/distributions`)
      await page.locator('.table a[href*="/collections/distributions/"]').first().waitFor({ timeout: 60_000 })
      const distributionHref = await page.locator('.table a[href*="/collections/distributions/"]').first().getAttribute('href')

      const pages: [string, string, string][] = [
        ['dashboard', '/admin', '.dashboard'],
        ['bulletins', '/admin/collections/bulletins', '.table'],
        ['bulletin', bulletinHref!, '#field-title'],
        // Every field editable: the selects, the rich text, the dates and the upload as an editor writes.
        ['new bulletin', '/admin/collections/bulletins/create', '#field-title'],
        ['distributions', '/admin/collections/distributions', '.table'],
        ['distribution', distributionHref!, '.document-fields'],
      ]
      for (const [name, href, ready] of pages) {
        await page.goto(href.startsWith('http') ? href : `${cmsUrl}${href}`)
        await page.locator(ready).first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: path.join(artifacts, `admin-quality-${name.replace(' ', '-')}-${width}.png`), fullPage: true })
        for (const violation of await seriousViolations(page)) axeFindings.push(`${name}: ${violation}`)
        for (const word of await englishFound(page)) problems.push(`${name}: English ${word}`)
        // The «API» tab (raw document, REST address) is for admins only.
        if ((await page.locator('.doc-tabs a[href$="/api"]').count()) > 0) problems.push(`${name}: API tab shown to an editor`)
      }

      // The date picker: Spanish caption, 24-hour times.
      await page.goto(`${cmsUrl}${bulletinHref}`)
      // An editable date and time («Fecha del evento», «Embargo hasta»).
      const picker = page.locator('.date-time-picker input:not([readonly]):not([disabled])').first()
      await picker.click()
      const popup = page.locator('.react-datepicker')
      await popup.waitFor({ timeout: 10_000 })
      const text = await popup.innerText()
      if (/\bTime\b|\b(AM|PM)\b/.test(text)) problems.push(`date picker: English «${text.slice(0, 80)}»`)
      if (!text.includes('Hora') || !/\b13:00\b/.test(text)) problems.push(`date picker: no «Hora» with 24-hour times: «${text.slice(-120)}»`)
      await page.screenshot({ path: path.join(artifacts, `admin-quality-datepicker-${width}.png`) })
      await page.keyboard.press('Escape')

      expect(problems).toEqual([])
      expect(axeFindings).toEqual([])
      expect(external(requests)).toEqual([])
    })
  }

  it('shows an admin the API tab and the ledger internals', async () => {
    const { page } = await signedIn('admin@pregon.test', 1280)
    await page.goto(`${cmsUrl}/admin/collections/distributions`)
    const first = page.locator('.table a[href*="/collections/distributions/"]').first()
    await first.waitFor({ timeout: 60_000 })
    await page.goto(`${cmsUrl}${await first.getAttribute('href')}`)
    await page.locator('#field-versionHash').waitFor({ timeout: 60_000 })
    expect(await page.locator('.doc-tabs a[href$="/api"]').count()).toBe(1)
    // The raw detail is read-only text, never the CDN-loaded code editor.
    expect(await page.locator('.json-view').count()).toBe(1)
    expect(await page.locator('.monaco-editor, .code-editor').count()).toBe(0)
  })
})
