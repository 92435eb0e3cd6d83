import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/freePort'
import { launchChromium } from '../helpers/launchChromium'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink'
import { startPregon, type RunningPregon } from '../helpers/startPregon'

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

let dataDir: string
let sink: SmtpSink
let pregon: RunningPregon | undefined
let browser: Browser
let cmsUrl: string

beforeAll(async () => {
  await fs.mkdir(artifacts, { recursive: true })
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-e2e-admin-'))
  // mkdtemp makes it private (700); as root, PostgreSQL runs as the user "postgres" and must enter it.
  await fs.chmod(dataDir, 0o755)
  sink = await startSmtpSink()
  const [cmsPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()]
  cmsUrl = `http://127.0.0.1:${cmsPort}`
  const env = {
    DATA_DIR: dataDir,
    CMS_PORT: String(cmsPort),
    CMS_URL: cmsUrl,
    PORTAL_PORT: String(portalPort),
    SITE_URL: `http://127.0.0.1:${portalPort}`,
    EMBEDDED_PG_PORT: String(pgPort),
    SMTP_URL: sink.url,
  }
  browser = await launchChromium()
  pregon = await startPregon({ env })
})

afterAll(async () => {
  await browser?.close()
  if (pregon && pregon.child.exitCode === null) await pregon.interrupt()
  await sink?.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

/** A signed-in page that records every request it makes. */
async function signedIn(email: string, width: number): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: 'es-MX', timezoneId: 'America/Mexico_City' })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(`${cmsUrl}/admin/login`)
  // /admin → /admin/login are chained RSC redirects: wait for the field, not for a URL.
  await page.locator('input[name="email"]').waitFor({ timeout: 60_000 })
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', 'pregon-demo-2026')
  await page.click('button[type="submit"]')
  await page.locator('.dashboard').first().waitFor({ timeout: 60_000 })
  return { page, requests }
}

async function seriousViolations(page: Page): Promise<string[]> {
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
        ['distributions', '/admin/collections/distributions', '.table'],
        ['distribution', distributionHref!, '.document-fields'],
      ]
      for (const [name, href, ready] of pages) {
        await page.goto(href.startsWith('http') ? href : `${cmsUrl}${href}`)
        await page.locator(ready).first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: path.join(artifacts, `admin-quality-${name}-${width}.png`), fullPage: true })
        for (const violation of await seriousViolations(page)) problems.push(`${name}: axe ${violation}`)
        for (const word of await englishFound(page)) problems.push(`${name}: English ${word}`)
        // The «API» tab (raw document, REST address) is for admins only.
        if ((await page.locator('.doc-tabs a[href$="/api"]').count()) > 0) problems.push(`${name}: API tab shown to an editor`)
      }

      // The date picker: Spanish caption, 24-hour times.
      await page.goto(`${cmsUrl}${bulletinHref}`)
      const picker = page.locator('.date-time-picker input').first()
      if ((await picker.count()) > 0 && (await picker.isEditable())) {
        await picker.click()
        const popup = page.locator('.react-datepicker')
        await popup.waitFor({ timeout: 10_000 })
        const text = await popup.innerText()
        if (/\bTime\b|\b(AM|PM)\b/.test(text)) problems.push(`date picker: English «${text.slice(0, 80)}»`)
        if (text.includes('Hora') && !/\b13:00\b/.test(text)) problems.push('date picker: no 24-hour times')
        await page.screenshot({ path: path.join(artifacts, `admin-quality-datepicker-${width}.png`) })
        await page.keyboard.press('Escape')
      }

      expect(problems).toEqual([])
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
