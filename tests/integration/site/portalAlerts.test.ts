import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { activeAlerts, isWithdrawalInFeeds } from '@pregon/site/clock'
import { publishPortal, startPortalServer, type PortalServer } from '@pregon/site/publish'

// No database: the portal built from the fixture with one active alert, a corrected bulletin, a recent and an
// old withdrawal, and a veda suspension. Every page the build writes is read back from disk.

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/portal-content.json')
const NOW = new Date('2026-11-24T15:00:00.000Z')
const ALERT_TITLE = 'Alerta por lluvias intensas en La Cañada'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-alerts-test-'))
const portalDir = path.join(work, 'portal')
let live = ''
let server: PortalServer

beforeAll(async () => {
  const content = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PortalContent
  const model = content.bulletins.at(-1)!
  // Older bulletins: the archive's numbered pages.
  for (let n = 1; n <= 60; n++) {
    content.bulletins.push({ ...model, id: `archivo-${n}`, slug: `boletin-de-archivo-${n}`, title: `Boletín de archivo ${n}`, publishedAt: new Date(Date.UTC(2025, 0, n, 17)).toISOString(), hero: null, gallery: [] })
  }
  const storm = { ...content.bulletins[0]!, id: '41', slug: 'alerta-por-lluvias', title: ALERT_TITLE, summary: 'Evite cruzar el río Atoyac y los vados.', publishedAt: '2026-11-24T12:00:00.000Z', topics: [] }
  content.bulletins.unshift(storm)
  // The exporter's selection, at a fixed clock: the storm is active (no end given: a day).
  content.alerts = activeAlerts([{ ...storm, alertUntil: null }], NOW)
  content.bulletins.find((bulletin) => bulletin.slug === 'campana-de-vacunacion-en-la-canada')!.corrections = [{ at: '2026-11-23T18:30:00.000Z', note: 'Los módulos abren a las 8:00.' }]
  const withdrawals = [
    { slug: 'convocatoria-retirada', title: 'Convocatoria publicada por error', publishedAt: '2026-11-20T16:00:00.000Z', withdrawnAt: '2026-11-21T16:00:00.000Z', notice: 'Se publicó antes de la firma del convenio.', department: { name: 'Dirección de Salud', slug: 'salud' } },
    { slug: 'aviso-antiguo-retirado', title: 'Aviso antiguo retirado', publishedAt: '2026-09-01T16:00:00.000Z', withdrawnAt: '2026-10-01T16:00:00.000Z', notice: 'Ya no aplica.', department: null },
  ]
  content.withdrawn = withdrawals.map((withdrawal) => ({ ...withdrawal, isInFeeds: isWithdrawalInFeeds(withdrawal, NOW) }))
  const [suspendedProgram] = content.programs!.splice(2, 1)
  content.suspended = [
    { kind: 'bulletin', id: '900', slug: 'logros-del-trienio', notice: 'Contenido suspendido temporalmente por veda electoral.' },
    { kind: 'program', id: suspendedProgram!.id, slug: suspendedProgram!.slug, notice: 'Contenido suspendido temporalmente por veda electoral.' },
  ]
  const contentFile = path.join(work, 'content.json')
  fs.writeFileSync(contentFile, JSON.stringify(content))
  fs.mkdirSync(path.join(work, 'media'))
  await publishPortal({ contentFile, portalDir, mediaDir: path.join(work, 'media') })
  live = fs.realpathSync(path.join(portalDir, 'current'))
  server = await startPortalServer({ portalDir, port: 0 })
})
afterAll(async () => {
  await server?.close()
  fs.rmSync(work, { recursive: true, force: true })
})

const read = (...parts: string[]) => fs.readFileSync(path.join(live, ...parts), 'utf8')
const count = (text: string, needle: string) => text.split(needle).length - 1

describe('the emergency alert banner', () => {
  it('is on every page the build writes exactly once, at the top, with its end in the site’s time zone', () => {
    const pages = fs
      .readdirSync(live, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html') && !entry.parentPath.includes('pagefind'))
      .map((entry) => path.relative(live, path.join(entry.parentPath, entry.name)))
    // Every kind of page: lists, archive pages, a bulletin, a withdrawn and a suspended one, programs, search, 404.
    for (const kind of [
      'index.html',
      '404.html',
      'boletines/index.html',
      'boletines/pagina/1/index.html',
      'boletines/alerta-por-lluvias/index.html',
      'boletines/convocatoria-retirada/index.html',
      'boletines/logros-del-trienio/index.html',
      'boletines/tipo/boletin/index.html',
      'boletines/mes/2026-11/index.html',
      'dependencias/index.html',
      'dependencias/salud/index.html',
      'temas/index.html',
      'programas/index.html',
      'programas/becas-de-transporte-2026/index.html',
      'programas/bacheo-ciudadano/index.html',
      'buscar/index.html',
      'accesibilidad/index.html',
      'pantalla/index.html',
    ]) {
      expect(pages).toContain(kind)
    }
    for (const page of pages.filter((page) => page !== 'pantalla/index.html')) {
      const html = read(page)
      expect(count(html, 'data-alerta="41"'), page).toBe(1)
      expect(count(html, 'role="alert"'), page).toBe(1)
      expect(html, page).toContain('Vigente hasta <time datetime="2026-11-25T12:00:00.000Z">25 de noviembre de 2026, 06:00</time>')
      // Before the header and the page's own content; after the skip link.
      expect(html.indexOf('data-alerta="41"'), page).toBeLessThan(html.indexOf('<header'))
      expect(html.indexOf('class="skip-link"'), page).toBeLessThan(html.indexOf('data-alerta="41"'))
    }
  })

  it('is served with a CSP that lets exactly its inline script run', async () => {
    const html = read('index.html')
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!)
    expect(scripts).toHaveLength(1)
    const hash = `'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`
    const response = await fetch(server.url)
    expect(response.headers.get('content-security-policy')).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash};`)
    for (const config of ['deploy/Caddyfile', 'deploy/nginx/pregon.conf']) {
      expect(fs.readFileSync(path.join(import.meta.dirname, '../../..', config), 'utf8'), config).toContain(hash)
    }
  })
})

describe('the public screen', () => {
  it('shows the alert first, then the latest 8 bulletins, reloads itself, and stays out of search engines', () => {
    const html = read('pantalla', 'index.html')
    expect(html.indexOf('class="pantalla__alerta"')).toBeGreaterThan(0)
    expect(html.indexOf('class="pantalla__alerta"')).toBeLessThan(html.indexOf('<li class="pantalla__lamina'))
    expect(html).toContain(ALERT_TITLE)
    expect(html).toContain('Vigente hasta 25 de noviembre de 2026, 06:00')
    expect(count(html, '<li class="pantalla__lamina')).toBe(8)
    expect(html).toMatch(/<meta http-equiv="refresh" content="300">/)
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">')
    expect(html).not.toContain('<script')
    expect(html).toContain('@keyframes pantalla-turno')
    expect(html).toContain('prefers-reduced-motion')
    for (const sitemap of fs.readdirSync(live).filter((name) => name.startsWith('sitemap'))) expect(read(sitemap)).not.toContain('/pantalla/')
  })
})

describe('the feeds', () => {
  const items = (feed: string) => {
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(read(feed))
    return [parsed.rss.channel.item].flat() as Array<Record<string, any>>
  }

  it('keep a corrected bulletin’s guid and date, with the correction first and its date as atom:updated', () => {
    const corrected = items('rss.xml').find((item) => item.link.endsWith('/boletines/campana-de-vacunacion-en-la-canada/'))!
    expect(corrected.guid['#text']).toBe(corrected.link)
    const written = JSON.parse(fs.readFileSync(path.join(work, 'content.json'), 'utf8')) as PortalContent
    expect(new Date(corrected.pubDate).toISOString()).toBe(written.bulletins.find((bulletin) => bulletin.slug === 'campana-de-vacunacion-en-la-canada')!.publishedAt)
    expect(corrected.description).toMatch(/^Corrección \(23 de noviembre de 2026, 12:30\): Los módulos abren a las 8:00\./)
    expect(corrected['content:encoded']).toMatch(/^<p><strong>Corrección \(23 de noviembre de 2026, 12:30\)/)
    expect(corrected['atom:updated']).toBe('2026-11-23T18:30:00.000Z')
  })

  it('keep a recent withdrawal as «Retirado» in the main and its department’s feed, and leave an old one and veda suspensions out', () => {
    for (const feed of ['rss.xml', 'dependencias/salud/rss.xml']) {
      const gone = items(feed).find((item) => item.link.endsWith('/boletines/convocatoria-retirada/'))
      expect(gone, feed).toMatchObject({ title: 'Retirado: Convocatoria publicada por error', description: 'Se publicó antes de la firma del convenio.', 'atom:updated': '2026-11-21T16:00:00.000Z' })
      expect(gone!['content:encoded']).toBeUndefined()
      expect(read(feed)).not.toContain('aviso-antiguo-retirado')
      expect(read(feed)).not.toContain('logros-del-trienio')
    }
  })
})
