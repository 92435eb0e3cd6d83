import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishPortal, startPortalServer, type PortalServer } from '@pregon/site/publish'
import { launchChromium } from '../helpers/launchChromium'

// Pagefind looks a word that no page has up by its longest prefix that some page has: «agua» listed every page
// with the word «a», with each «a» marked. The search page must say that nothing was found, and what to try.
const FIXTURE = path.join(import.meta.dirname, '../fixtures/portal-content.json')
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const CAMPAIGN = 'Campaña de vacunación en La Cañada: más módulos de atención'
// Screenshots to look at (not compared).
const SHOTS = path.join(import.meta.dirname, '../.artifacts/portal')
fs.mkdirSync(SHOTS, { recursive: true })

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-search-nothing-'))
let browser: Browser
let server: PortalServer

beforeAll(async () => {
  const contentFile = path.join(work, 'content.json')
  fs.copyFileSync(FIXTURE, contentFile)
  fs.mkdirSync(path.join(work, 'media'))
  await publishPortal({ contentFile, portalDir: path.join(work, 'portal'), mediaDir: path.join(work, 'media') })
  // A port from 41000–41099, the range set aside for this work on the shared test machines.
  for (let port = 41020; !server && port < 41100; port++) {
    server = await startPortalServer({ portalDir: path.join(work, 'portal'), port }).catch(() => undefined as unknown as PortalServer)
  }
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  fs.rmSync(work, { recursive: true, force: true })
})

/** /buscar/?q=… once Pagefind's UI has answered, with the page's console errors. */
async function search(query: string, width = 390): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 844 }, locale: 'es-MX' })
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  await page.goto(new URL(`/buscar/?q=${encodeURIComponent(query)}`, server.url).href)
  await page.locator('.pagefind-ui__message').filter({ hasText: /resultado/ }).waitFor({ timeout: 20_000 })
  return { page, errors }
}

const titles = (page: Page) => page.locator('.pagefind-ui__result-link').allTextContents()

describe('searching for words no page has', () => {
  it.each(['agua', 'agua vacuna'])('shows no result for «%s» and says in Spanish what to try', async (query) => {
    const { page, errors } = await search(query)
    const status = page.getByRole('status')
    await status.getByText('Ningún boletín ni programa contiene').waitFor({ timeout: 10_000 })
    expect(await page.locator('.pagefind-ui__result').count()).toBe(0)
    expect(await page.locator('#buscador mark').count()).toBe(0)
    expect(await page.locator('.pagefind-ui__message').innerText()).toBe(`No se encontraron resultados para ${query}`)
    expect(await status.innerText()).toContain(`«${query}»`)
    // Where to look instead: the portal's own lists by topic and by department.
    expect(await status.getByRole('link', { name: 'por tema' }).getAttribute('href')).toBe('/temas/')
    expect(await status.getByRole('link', { name: 'por dependencia' }).getAttribute('href')).toBe('/dependencias/')
    expect(errors).toEqual([])
    await page.close()
  })

  it.each([390, 1280])('lays the suggestions out at %i px without a WCAG 2.2 AA violation', async (width) => {
    const { page } = await search('agua', width)
    await page.getByRole('status').getByText('Ningún boletín').waitFor({ timeout: 10_000 })
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }))
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
    await page.evaluate(AXE_SOURCE)
    const { violations } = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }),
    )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }
    expect(violations.map(({ id, nodes }) => `${id} (${nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, `search-nothing-found-${width}.png`), fullPage: true })
    await page.close()
  })
})

describe('searching for words pages have', () => {
  it.each([
    ['a word of its body', 'tétanos'],
    ['the start of a word, as it is typed', 'tétan'],
    ['the start of a longer word than Pagefind indexed', 'vacunaci'],
    ['another form of a word (Spanish stemming)', 'vacunas'],
  ])('finds the bulletin by %s («%s»), without the suggestions', async (_name, query) => {
    const { page, errors } = await search(query)
    expect(await titles(page)).toContain(CAMPAIGN)
    expect(await page.getByRole('status').innerText()).toBe('')
    expect(errors).toEqual([])
    await page.close()
  })
})
