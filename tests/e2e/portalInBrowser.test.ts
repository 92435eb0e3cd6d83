import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { activeAlerts } from '@pregon/site/clock'
import { publishPortal, startPortalServer, type PortalServer } from '@pregon/site/publish'
import { SECONDS_PER_SLIDE } from '../../site/src/lib/screenRotation'
import { png } from '../helpers/images'
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
  ['petitions', '/peticiones/'],
  ['suspended program', '/programas/bacheo-ciudadano/'],
  ['not found', '/no-existe/'],
] as const
// Every page above carries the banner of an active emergency alert (the exporter's selection at this clock).
const NOW = new Date('2026-11-23T18:00:00.000Z')
const ALERT_TITLE = 'Alerta por lluvias intensas: evite cruzar el río Atoyac'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-a11y-'))
// Screenshots to look at (not compared): tests/.artifacts/portal/.
const SHOTS = path.join(import.meta.dirname, '../.artifacts/portal')
fs.mkdirSync(SHOTS, { recursive: true })
let browser: Browser
let server: PortalServer
// Kept for the publications made after the first build (searching right after a publication).
let content: PortalContent
const contentFile = path.join(work, 'content.json')
const portalDir = path.join(work, 'portal')
const mediaDir = path.join(work, 'media')

beforeAll(async () => {
  content = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PortalContent
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
  // An emergency bulletin published before the newest one (which stays first on the home page), with an end.
  const storm = {
    ...content.bulletins[1]!,
    id: '41',
    slug: 'alerta-por-lluvias-intensas',
    title: ALERT_TITLE,
    summary: 'Protección Civil pide no cruzar vados ni el puente colgante de La Cañada mientras siga la lluvia.',
    publishedAt: '2026-11-23T14:00:00.000Z',
    hero: null,
    gallery: [],
  }
  content.bulletins.splice(1, 0, storm)
  content.alerts = activeAlerts([{ ...storm, alertUntil: '2026-11-24T02:00:00.000Z' }], NOW)
  // A program suspended by a veda: its address shows the neutral note (and the banner).
  const [suspended] = content.programs!.splice(2, 1)
  content.suspended = [{ kind: 'program', id: suspended!.id, slug: suspended!.slug, notice: 'Contenido suspendido temporalmente por veda electoral.' }]
  fs.writeFileSync(contentFile, JSON.stringify(content))
  fs.mkdirSync(mediaDir)
  // The fixture's photo (4:3), so pages and the public screen show one.
  fs.writeFileSync(path.join(mediaDir, 'vacunacion-canada.png'), await png(800, 600))
  await publishPortal({ contentFile, portalDir, mediaDir })
  server = await startPortalServer({ portalDir, port: 0 })
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

describe('the emergency alert banner in Chromium', () => {
  const banner = (page: import('playwright-core').Page) => page.locator('[data-alerta="41"]')

  it('is announced on the first page only, and a closed alert stays closed on the next pages (JavaScript)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(server.url)
    expect(await banner(page).count()).toBe(1)
    // The inline script ran under the portal's CSP: it recorded the alert as seen, the role stays for this view.
    expect(await page.evaluate(() => localStorage.getItem('pregon-alerta-vista:41'))).toBe('1')
    expect(await banner(page).getAttribute('role')).toBe('alert')
    await page.goto(new URL('/boletines/', server.url).href)
    expect(await banner(page).getAttribute('role')).toBeNull()
    expect(await page.getByText('Vigente hasta').isVisible()).toBe(true)
    await page.locator('.alerta__resumen').click()
    expect(await page.getByText('Vigente hasta').isVisible()).toBe(false)
    await page.goto(new URL('/programas/', server.url).href)
    expect(await page.getByText('Vigente hasta').isVisible()).toBe(false)
    // Closed, the alert keeps one line with its title, which opens it again.
    expect(await page.locator('.alerta__titulo').isVisible()).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })

  it('closes without JavaScript, and keeps role="alert"', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX', javaScriptEnabled: false })
    const page = await context.newPage()
    for (const pagePath of ['/', '/boletines/']) {
      await page.goto(new URL(pagePath, server.url).href)
      expect(await banner(page).getAttribute('role')).toBe('alert')
      expect(await page.getByText('Vigente hasta').isVisible()).toBe(true)
    }
    const before = (await banner(page).boundingBox())!.height
    const body = (await page.locator('.alerta__cuerpo').boundingBox())!.height
    await page.getByText('Cerrar', { exact: true }).click()
    expect(await page.getByText('Vigente hasta').isVisible()).toBe(false)
    // Only the summary line is left (its action's word changes): the banner lost about its body's height.
    expect((await banner(page).boundingBox())!.height).toBeLessThan(before - body / 2)
    await page.screenshot({ path: path.join(SHOTS, 'alert-closed-nojs-390.png') })
    await page.getByText('Mostrar', { exact: true }).click()
    expect(await page.getByText('Vigente hasta').isVisible()).toBe(true)
    await context.close()
  })

  it.each([390, 1280])('is at the top of the page at %i px, its end in the site’s time zone', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 844 }, locale: 'es-MX' })
    await page.goto(new URL('/boletines/campana-de-vacunacion-en-la-canada/', server.url).href)
    const box = (await banner(page).boundingBox())!
    expect(box.y).toBe(0)
    expect(box.width).toBe(width)
    expect(await banner(page).innerText()).toContain('Vigente hasta 23 de noviembre de 2026, 20:00')
    await page.screenshot({ path: path.join(SHOTS, `alert-banner-${width}.png`) })
    await page.close()
  })
})

/**
 * Stops the public screen's rotation halfway through slide `slide`'s turn and answers which slide is fully shown:
 * during the half-second fades a slide's text is translucent by design, so audits and screenshots wait for rest.
 */
function holdSlide(page: Page, slide: number): Promise<number> {
  return page.evaluate((at) => {
    for (const animation of document.getAnimations()) {
      animation.pause()
      animation.currentTime = at
    }
    return [...document.querySelectorAll('.pantalla__lamina')].findIndex((element) => getComputedStyle(element).opacity === '1')
  }, (slide + 0.5) * SECONDS_PER_SLIDE * 1000)
}

describe('the public screen', () => {
  it.each([390, 1280, 1920])('shows the alert first and one bulletin at a time at %i px, without scrolling or scripts', async (width) => {
    const height = width === 390 ? 844 : width === 1280 ? 720 : 1080
    const page = await browser.newPage({ viewport: { width, height }, locale: 'es-MX' })
    await page.goto(new URL('/pantalla/', server.url).href)
    const alert = (await page.locator('.pantalla__alerta').boundingBox())!
    const slides = page.locator('.pantalla__lamina')
    expect(await page.locator('.pantalla__alerta h2').textContent()).toBe(ALERT_TITLE)
    expect(alert.y).toBeLessThan((await slides.first().boundingBox())!.y)
    expect(await slides.count()).toBe(8)
    // The first slide is on screen; the others wait for their turn.
    expect(await slides.first().isVisible()).toBe(true)
    expect(await slides.nth(1).isVisible()).toBe(false)
    const { scrollHeight, innerHeight, titleSize } = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
      titleSize: parseFloat(getComputedStyle(document.querySelector('.pantalla__titulo')!).fontSize),
    }))
    // The photo stays in its slide: below the alert, above the footer.
    const photo = (await slides.first().locator('img').boundingBox())!
    expect(photo.y).toBeGreaterThanOrEqual(alert.y + alert.height)
    expect(photo.y + photo.height).toBeLessThanOrEqual((await page.locator('.pantalla__pie').boundingBox())!.y)
    if (width >= 1280) {
      expect(scrollHeight).toBeLessThanOrEqual(innerHeight)
      // Read from 3 m: a title at least 48 px high on a 1280 px screen.
      expect(titleSize).toBeGreaterThanOrEqual(48)
    }
    expect(await holdSlide(page, 0)).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, `pantalla-${width}.png`) })
    await page.close()
  })

  it('turns to the next bulletin by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'es-MX' })
    await page.goto(new URL('/pantalla/', server.url).href)
    // The animation's clock, moved forward 13 s instead of waiting for it.
    await page.evaluate(() => document.getAnimations().forEach((animation) => (animation.currentTime = Number(animation.currentTime ?? 0) + 13_000)))
    expect(await page.locator('.pantalla__lamina').first().isVisible()).toBe(false)
    expect(await page.locator('.pantalla__lamina').nth(1).isVisible()).toBe(true)
    await page.close()
  })

  it('is a static list when the system asks for reduced motion', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-MX', reducedMotion: 'reduce' })
    const page = await context.newPage()
    await page.goto(new URL('/pantalla/', server.url).href)
    const titles = page.locator('.pantalla__titulo')
    for (let index = 0; index < 8; index++) expect(await titles.nth(index).isVisible()).toBe(true)
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'pantalla-reduced-1280.png') })
    await context.close()
  })

  it('finds no WCAG 2.2 AA violation but its reload, which a wall screen needs', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 720 }]) {
      const page = await browser.newPage({ viewport, locale: 'es-MX' })
      await page.goto(new URL('/pantalla/', server.url).href)
      await page.evaluate(AXE_SOURCE)
      const slides = await page.locator('.pantalla__lamina').count()
      expect(slides).toBeGreaterThan(1)
      // Each slide is audited at rest (holdSlide): an audit that landed in a fade measured the fade, not the slide.
      for (let slide = 0; slide < slides; slide++) {
        expect(await holdSlide(page, slide), `slide ${slide + 1} is the one on screen`).toBe(slide)
        const results = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            // WCAG 2.2.1: nobody reads this page at a desk; the office's monitor reloads it to show new bulletins.
            rules: { 'meta-refresh': { enabled: false } },
          }),
        )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }
        expect(
          results.violations.map(({ id, nodes }) => `${id} (${nodes.map((node) => node.target.join(' ')).join(', ')})`),
          `slide ${slide + 1} at ${viewport.width}px`,
        ).toEqual([])
      }
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

/** The titles Pagefind's UI lists for a query on /buscar/ (in a phone's viewport), and the page's console errors. */
const resultsFor = async (query: string) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' })
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  await page.goto(new URL(`/buscar/?q=${encodeURIComponent(query)}`, server.url).href)
  await page.locator('.pagefind-ui__message').filter({ hasText: /resultado/ }).waitFor({ timeout: 20_000 })
  const titles = await page.locator('.pagefind-ui__result-link').allTextContents()
  await page.close()
  expect(errors, `console errors searching ${query}`).toEqual([])
  return titles
}

describe('searching the portal', () => {
  it('finds a bulletin by a word of its body, and by another form of a word (Spanish stemming)', async () => {
    expect(await resultsFor('tétanos')).toEqual(['Campaña de vacunación en La Cañada: más módulos de atención'])
    expect(await resultsFor('vacunas')).toContain('Campaña de vacunación en La Cañada: más módulos de atención')
    expect(await resultsFor('comprobante domicilio')).toContain('Becas municipales de transporte 2026')
  })

  it('finds nothing of a withdrawn bulletin', async () => {
    expect(await resultsFor('Xochitepec')).toEqual([])
  })
})

// A publication indexes only what it changed, into a small index merged in the browser with the full one
// (site/src/publish/searchDelta.ts): what it adds, changes or withdraws shows in search as soon as it returns.
describe('searching right after a publication', () => {
  const CAMPAIGN = 'Campaña de vacunación en La Cañada: más módulos de atención'
  const publish = async (change: (c: PortalContent) => void) => {
    change(content)
    fs.writeFileSync(contentFile, JSON.stringify(content))
    const result = await publishPortal({ contentFile, portalDir, mediaDir })
    expect(result.mode).toBe('incremental')
  }

  // A word only the new bulletin has: the full index, which lacks it, may add Pagefind's nearest matches after it
  // (/buscar/pagefind.js drops them only when the best result is one), so "not found" is "not among the results".
  const NEW_TITLE = 'Abre el ajolotario municipal'

  it('finds a new bulletin by a word only it has', async () => {
    expect(await resultsFor('ajolotario')).not.toContain(NEW_TITLE)
    await publish((c) =>
      c.bulletins.splice(2, 0, { ...c.bulletins[2]!, id: '77', slug: 'nuevo-ajolotario-municipal', title: 'Abre el ajolotario municipal', bodyHtml: '<p>El ajolotario del parque recibe visitas escolares.</p>', hero: null, gallery: [] }),
    )
    // First and once; the full index, which has no such word, adds its nearest matches after it.
    const titles = await resultsFor('ajolotario')
    expect(titles[0]).toBe(NEW_TITLE)
    expect(titles.filter((title) => title === NEW_TITLE)).toHaveLength(1)
  })

  it('finds an edited bulletin by its new text, not by its old one', async () => {
    await publish((c) => {
      const campaign = c.bulletins.find((bulletin) => bulletin.title === CAMPAIGN)!
      campaign.bodyHtml = campaign.bodyHtml.replace('Refuerzo de tétanos', 'Refuerzo de neumococo')
    })
    expect(await resultsFor('neumococo')).toEqual([CAMPAIGN])
    expect(await resultsFor('tétanos')).not.toContain(CAMPAIGN)
    // Found once, though it is in both indexes.
    expect(await resultsFor('vacunas')).toEqual(expect.arrayContaining([CAMPAIGN]))
    expect((await resultsFor('vacunas')).filter((title) => title === CAMPAIGN)).toHaveLength(1)
  })

  it('no longer finds a bulletin once it is withdrawn, whichever index had it', async () => {
    await publish((c) => {
      for (const title of [NEW_TITLE, CAMPAIGN]) {
        const [gone] = c.bulletins.splice(c.bulletins.findIndex((bulletin) => bulletin.title === title), 1)
        c.withdrawn!.push({ slug: gone!.slug, title: gone!.title, publishedAt: gone!.publishedAt, withdrawnAt: '2026-11-23T19:00:00.000Z', notice: 'Se publicó con la fecha equivocada.' })
      }
    })
    expect(await resultsFor('ajolotario')).not.toContain(NEW_TITLE)
    expect(await resultsFor('neumococo')).not.toContain(CAMPAIGN)
    expect(await resultsFor('módulos')).not.toContain(CAMPAIGN)
  })
})
