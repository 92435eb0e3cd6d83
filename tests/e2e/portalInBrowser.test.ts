import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { publishPortal, startPortalServer, type PortalServer } from '@pregon/site/publish'
import { launchChromium } from '../helpers/launchChromium'

// Every template of the portal, built from the fixture (plus a withdrawn notice and older bulletins for the
// archive's numbered pages), checked by axe-core in
// Chromium against WCAG 2.2 A and AA, at a phone's width and a desktop's.
const FIXTURE = path.join(import.meta.dirname, '../fixtures/portal-content.json')
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const PAGES = [
  ['home', '/'],
  ['bulletin archive', '/boletines/'],
  ['bulletin', '/boletines/campana-de-vacunacion-en-la-canada/'],
  ['withdrawn bulletin', '/boletines/convocatoria-retirada/'],
  ['numbered archive', '/boletines/pagina/1/'],
  ['bulletins of one kind', '/boletines/tipo/boletin/'],
  ['bulletins of one month', '/boletines/mes/2026-11/'],
  ['department index', '/dependencias/'],
  ['department', '/dependencias/salud/'],
  ['topic index', '/temas/'],
  ['topic', '/temas/salud/'],
  ['program index', '/programas/'],
  ['program', '/programas/becas-de-transporte-2026/'],
  ['accessibility statement', '/accesibilidad/'],
  ['search', '/buscar/'],
  ['not found', '/no-existe/'],
] as const

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-a11y-'))
// Screenshots to look at (not compared): tests/.artifacts/portal/.
const SHOTS = path.join(import.meta.dirname, '../.artifacts/portal')
fs.mkdirSync(SHOTS, { recursive: true })
let browser: Browser
let server: PortalServer

beforeAll(async () => {
  const content = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PortalContent
  // Older bulletins than the fixture's, enough for the archive's numbered pages (50 each).
  // What editors enter: place, event date and topics on the newest bulletin, a public correction.
  Object.assign(content.bulletins[0]!, {
    place: 'Explanada del jardín principal, La Cañada',
    eventDate: '2026-11-28T16:00:00.000Z',
    topics: [
      { name: 'Salud', slug: 'salud' },
      { name: 'Vacunación', slug: 'vacunacion' },
    ],
    corrections: [{ at: '2026-11-24T18:30:00.000Z', note: 'Los módulos abren de 8:00 a 15:00, no hasta las 14:00.' }],
  })
  // Open calls are listed on the home page too: they must not push the latest bulletin off a phone's first screen.
  content.programs = (content.programs ?? []).map((program) => ({ ...program, status: 'abierta', opensAt: null, closesAt: null }))
  const model = content.bulletins.at(-1)!
  for (let n = 1; n <= 60; n++) {
    content.bulletins.push({ ...model, id: `archivo-${n}`, slug: `boletin-de-archivo-${n}`, title: `Boletín de archivo ${n}`, publishedAt: new Date(Date.UTC(2025, 0, n, 17)).toISOString(), hero: null, gallery: [] })
  }
  content.withdrawn = [
    { slug: 'convocatoria-retirada', title: 'Convocatoria publicada por error', publishedAt: '2026-11-20T16:00:00.000Z', withdrawnAt: '2026-11-21T16:00:00.000Z', notice: 'Se publicó antes de la firma del convenio con Xochitepec.' },
  ]
  const contentFile = path.join(work, 'content.json')
  fs.writeFileSync(contentFile, JSON.stringify(content))
  const mediaDir = path.join(work, 'media')
  fs.mkdirSync(mediaDir)
  await publishPortal({ contentFile, portalDir: path.join(work, 'portal'), mediaDir })
  server = await startPortalServer({ portalDir: path.join(work, 'portal'), port: 0 })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  fs.rmSync(work, { recursive: true, force: true })
})

describe('the portal, checked with axe-core', () => {
  it.each(PAGES)('finds no WCAG 2.2 AA violation on the %s page, on a phone and on a desktop', async (_name, pagePath) => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const page = await browser.newPage({ viewport, locale: 'es-MX' })
      // The portal's CSP forbids scripts; axe runs through the DevTools protocol, which CSP does not govern.
      await page.goto(new URL(pagePath, server.url).href)
      await page.evaluate(AXE_SOURCE)
      const results = (await page.evaluate(() =>
        (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        }),
      )) as { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>; passes: unknown[] }
      const violations = results.violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(' ')).join(', ')})`)
      expect(violations, `${pagePath} at ${viewport.width}px`).toEqual([])
      // axe really ran the checks: a page with content passes dozens of them.
      expect(results.passes.length).toBeGreaterThan(10)
      await page.close()
    }
  })
})

describe('the portal on a narrow phone', () => {
  // WCAG 1.4.10 (reflow): at 320 CSS pixels nothing needs horizontal scrolling, and every menu entry is on screen.
  it.each(PAGES)('fits the %s page in 320 pixels, menu included', async (_name, pagePath) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 }, locale: 'es-MX' })
    await page.goto(new URL(pagePath, server.url).href)
    const { scrollWidth, clientWidth, menu } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      menu: [...document.querySelectorAll('header nav a')].map((link) => {
        const box = link.getBoundingClientRect()
        return { text: link.textContent, left: Math.round(box.left), right: Math.round(box.right) }
      }),
    }))
    expect(scrollWidth, pagePath).toBeLessThanOrEqual(clientWidth)
    expect(menu.map((entry) => entry.text)).toEqual(['Inicio', 'Boletines', 'Programas', 'Dependencias', 'Buscar', 'RSS'])
    for (const entry of menu) expect(entry.right, `${pagePath}: ${entry.text}`).toBeLessThanOrEqual(clientWidth)
    await page.close()
  })
})

describe('the portal on a phone’s first screen', () => {
  it('shows the latest bulletin’s title without scrolling at 390 × 844', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
    await page.goto(server.url)
    const title = page.locator('.card__title').first()
    expect(await title.textContent()).toBe('Campaña de vacunación en La Cañada: más módulos de atención')
    const box = (await title.boundingBox())!
    expect(box.y + box.height).toBeLessThan(844)
    await page.screenshot({ path: path.join(SHOTS, 'home-390.png') })
    await page.close()
  })

  it('shows place, event date in the site’s time zone and topics on the bulletin page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
    await page.goto(new URL('/boletines/campana-de-vacunacion-en-la-canada/', server.url).href)
    const facts = await page.locator('.facts').innerText()
    expect(facts).toContain('Explanada del jardín principal, La Cañada')
    expect(facts).toContain('28 de noviembre de 2026, 10:00')
    await page.getByRole('navigation', { name: 'Temas' }).getByRole('link', { name: 'Vacunación' }).click()
    await page.waitForURL(/\/temas\/vacunacion\/$/)
    expect(await page.locator('h1').textContent()).toBe('Tema: Vacunación')
    expect(await page.locator('main a[type="application/rss+xml"]').getAttribute('href')).toBe('/temas/vacunacion/rss.xml')
    await page.close()
  })
})

describe('a feed opened in a browser', () => {
  it.each(['/rss.xml', '/temas/salud/rss.xml', '/programas/rss.xml'])('explains in Spanish what %s is and lists its items', async (feedPath) => {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 844 }, locale: 'es-MX' })
      await page.goto(new URL(feedPath, server.url).href)
      await page.getByText('Esta es una fuente RSS').waitFor({ timeout: 10_000 })
      expect(await page.locator('main li h2 a').count()).toBeGreaterThan(0)
      if (feedPath === '/rss.xml') {
        expect(await page.locator('main').innerText()).toContain('Corrección (24 de noviembre de 2026, 12:30): Los módulos abren de 8:00 a 15:00')
        await page.screenshot({ path: path.join(SHOTS, `feed-${width}.png`), fullPage: true })
      }
      await page.close()
    }
  })
})

describe('searching the portal', () => {
  const resultsFor = async (query: string) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
    await page.goto(new URL(`/buscar/?q=${encodeURIComponent(query)}`, server.url).href)
    await page.locator('.pagefind-ui__message').filter({ hasText: /resultado/ }).waitFor({ timeout: 20_000 })
    const titles = await page.locator('.pagefind-ui__result-link').allTextContents()
    await page.close()
    return titles
  }

  it('finds a bulletin by a word of its body, and by another form of a word (Spanish stemming)', async () => {
    expect(await resultsFor('tétanos')).toEqual(['Campaña de vacunación en La Cañada: más módulos de atención'])
    expect(await resultsFor('vacunas')).toContain('Campaña de vacunación en La Cañada: más módulos de atención')
    expect(await resultsFor('comprobante domicilio')).toContain('Becas municipales de transporte 2026')
  })

  it('finds nothing of a withdrawn bulletin', async () => {
    expect(await resultsFor('Xochitepec')).toEqual([])
  })
})
