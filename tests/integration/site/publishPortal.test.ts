import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { HtmlValidate } from 'html-validate'
import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { buildPortal, publishPortal, startPortalServer, type PortalServer, type PublishPortalResult } from '@pregon/site/publish'

// No database: the portal is built from a JSON file. It runs with the integration project because it starts
// real `astro build` child processes and a real HTTP server.

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/portal-content.json')
const HERO = 'vacunacion-canada.png'
const DRAFT_MEDIA = 'borrador-sin-publicar.png'
const HOSTILE_TITLE = '<script>alert(1)</script> Obra de pavimentación en la calle Hidalgo'
// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-portal-test-'))
const mediaDir = path.join(work, 'media')

beforeAll(() => {
  fs.mkdirSync(mediaDir)
  fs.writeFileSync(path.join(mediaDir, HERO), PNG)
  fs.writeFileSync(path.join(mediaDir, DRAFT_MEDIA), PNG)
})
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function fixture(): PortalContent {
  return JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PortalContent
}

function writeContent(name: string, content: PortalContent): string {
  const file = path.join(work, name)
  fs.writeFileSync(file, JSON.stringify(content))
  return file
}

function read(...parts: string[]): string {
  return fs.readFileSync(path.join(...parts), 'utf8')
}

/** Markup outside attribute values; a title inside content="…" is inert text, anywhere else it would be a tag. */
function markupOnly(html: string): string {
  return html.replace(/"[^"]*"/g, '""')
}

/** A GET whose body is left as sent (encoded), with its headers. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

function builds(portalDir: string): string[] {
  return fs.readdirSync(path.join(portalDir, 'builds')).sort()
}

function currentTarget(portalDir: string): string {
  return fs.realpathSync(path.join(portalDir, 'current'))
}

describe('publishPortal from the fixture', () => {
  const portalDir = path.join(work, 'portal-fixture')
  let result: PublishPortalResult
  let out: string

  beforeAll(async () => {
    result = await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })
    out = result.buildDir
  })

  it('reports the pages written and no missing media', () => {
    // Home, archive, three bulletins, the department index, two department pages, the program index, three
    // program pages, the accessibility statement, the search page, the subscription form, the petitions page, one
    // kind page, two month pages, the topic index (the fixture's bulletins have no topics), the offices' public screen and the 404 page.
    // (No archive pages: up to 50 bulletins, a list's own page shows them all.)
    expect(result.pages).toBe(22)
    expect(result.missingMedia).toEqual([])
    expect(result.durationMs).toBeGreaterThan(0)
  })

  it('points current at the new build directory', () => {
    expect(currentTarget(portalDir)).toBe(fs.realpathSync(out))
    expect(fs.readlinkSync(path.join(portalDir, 'current'))).toBe(path.join('builds', path.basename(out)))
  })

  it('lists every bulletin title on the home page, newest first, in Spanish', () => {
    const html = read(out, 'index.html')
    expect(html).toContain('<html lang="es-MX">')
    const positions = [
      'Campaña de vacunación en La Cañada: más módulos de atención',
      '&lt;script&gt;alert(1)&lt;/script&gt; Obra de pavimentación en la calle Hidalgo',
      'Inauguración de la biblioteca «Sor Juana Inés de la Cruz»',
    ].map((title) => html.indexOf(title))
    expect(positions.every((position) => position > 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(html).toContain('href="/rss.xml"')
    expect(html).toContain('type="application/rss+xml"')
  })

  it('loads the first hero image at once, with its size and alt text', () => {
    const html = read(out, 'index.html')
    expect(html).toMatch(/<img[^>]*src="\/media\/vacunacion-canada\.png"[^>]*>/)
    const img = html.match(/<img[^>]*src="\/media\/vacunacion-canada\.png"[^>]*>/)?.[0] ?? ''
    expect(img).toContain('width="4"')
    expect(img).toContain('height="3"')
    expect(img).toContain('loading="eager"')
    expect(img).toContain('alt="Enfermera aplica una vacuna a una señora en un módulo de salud"')
  })

  it('writes each bulletin page with its title, local date, department and body', () => {
    const html = read(out, 'boletines', 'campana-de-vacunacion-en-la-canada', 'index.html')
    expect(html).toContain('<h1>Campaña de vacunación en La Cañada: más módulos de atención</h1>')
    expect(html).toContain('23 de noviembre de 2026, 10:15')
    expect(html).toContain('Dirección de Salud')
    expect(html).toContain('<li>Refuerzo de tétanos</li>')
    expect(html).toContain('<link rel="canonical" href="http://localhost:4321/boletines/campana-de-vacunacion-en-la-canada/">')
  })

  it('lets a citizen share a bulletin or a program on WhatsApp and Facebook by plain links, no network script', () => {
    const html = read(out, 'boletines', 'campana-de-vacunacion-en-la-canada', 'index.html')
    const text = 'Campaña de vacunación en La Cañada: más módulos de atención\nhttp://localhost:4321/boletines/campana-de-vacunacion-en-la-canada/'
    expect(html).toContain(`<a href="https://wa.me/?text=${encodeURIComponent(text)}" rel="noopener noreferrer">WhatsApp</a>`)
    expect(html).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent('http://localhost:4321/boletines/campana-de-vacunacion-en-la-canada/')}"`)
    const program = read(out, 'programas', 'becas-de-transporte-2026', 'index.html')
    expect(program).toMatch(new RegExp(`href="https://wa\\.me/\\?text=[^"]+${encodeURIComponent('\nhttp://localhost:4321/programas/becas-de-transporte-2026/')}"`))
    for (const page of [html, program]) expect(page).not.toMatch(/<script|connect\.facebook\.net|platform\.twitter/)
  })

  it('escapes a title that contains markup on every page that shows it', () => {
    for (const page of [['index.html'], ['boletines', 'index.html'], ['boletines', 'obra-calle-hidalgo', 'index.html']]) {
      const html = read(out, ...page)
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(markupOnly(html)).not.toContain('<script')
    }
  })

  it('hard-links the referenced hero image into media/', () => {
    const published = fs.statSync(path.join(out, 'media', HERO))
    const original = fs.statSync(path.join(mediaDir, HERO))
    expect(published.ino).toBe(original.ino)
    expect(fs.readFileSync(path.join(out, 'media', HERO))).toEqual(PNG)
  })

  it('does not publish media that no published bulletin references', () => {
    expect(fs.readdirSync(path.join(out, 'media'))).toEqual([HERO])
    expect(fs.existsSync(path.join(out, 'media', DRAFT_MEDIA))).toBe(false)
  })

  it('writes a well-formed RSS feed with one absolute link per bulletin', () => {
    const xml = read(out, 'rss.xml')
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml) as {
      rss: { channel: { title: string; item: { title: string; link: string; category?: string }[] } }
    }
    const items = feed.rss.channel.item
    expect(items).toHaveLength(3)
    expect(items.map((item) => item.link)).toEqual([
      'http://localhost:4321/boletines/campana-de-vacunacion-en-la-canada/',
      'http://localhost:4321/boletines/obra-calle-hidalgo/',
      'http://localhost:4321/boletines/inauguracion-de-la-biblioteca/',
    ])
    // Escaped in the file, so a reader gets the text back rather than a tag.
    expect(xml).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; Obra')
    expect(items[1]?.title).toBe(HOSTILE_TITLE)
    expect(items[0]?.category).toBe('Dirección de Salud')
    expect(feed.rss.channel.title).toBe('Boletines de H. Ayuntamiento de San Pedro Tlalcuapan')
  })

  it('gives each department a page and a feed with only its bulletins, announced to feed readers', () => {
    const html = read(out, 'dependencias', 'obras-publicas', 'index.html')
    expect(html).toContain('<h1>Obras Públicas</h1>')
    expect(html).toContain('href="/boletines/obra-calle-hidalgo/"')
    expect(html).not.toContain('href="/boletines/campana-de-vacunacion-en-la-canada/"')
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Obras Públicas · Boletines de H. Ayuntamiento de San Pedro Tlalcuapan" href="/dependencias/obras-publicas/rss.xml">')
    const xml = read(out, 'dependencias', 'obras-publicas', 'rss.xml')
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = new XMLParser({ isArray: (name) => name === 'item' }).parse(xml) as { rss: { channel: { item: { link: string }[] } } }
    expect(feed.rss.channel.item.map((item) => item.link)).toEqual(['http://localhost:4321/boletines/obra-calle-hidalgo/'])
    const index = read(out, 'dependencias', 'index.html')
    expect(index.indexOf('Dirección de Salud')).toBeLessThan(index.indexOf('Obras Públicas'))
    expect(read(out, 'boletines', 'campana-de-vacunacion-en-la-canada', 'index.html')).toContain('<a href="/dependencias/salud/">Dirección de Salud</a>')
  })

  it('lists every public page in the sitemap, which robots.txt names, and leaves the 404 page out', () => {
    const sitemap = read(out, 'sitemap-0.xml')
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1])
    expect(urls).toContain('http://localhost:4321/boletines/obra-calle-hidalgo/')
    expect(urls).toContain('http://localhost:4321/dependencias/salud/')
    expect(urls).toContain('http://localhost:4321/programas/becas-de-transporte-2026/')
    expect(urls).toContain('http://localhost:4321/accesibilidad/')
    expect(urls).toContain('http://localhost:4321/buscar/')
    expect(urls).toContain('http://localhost:4321/boletines/tipo/boletin/')
    expect(urls).toContain('http://localhost:4321/temas/')
    expect(urls).toContain('http://localhost:4321/suscribirse/')
    expect(urls).toContain('http://localhost:4321/peticiones/')
    expect(urls).toHaveLength(20)
    expect(urls.some((url) => url!.includes('404'))).toBe(false)
    expect(read(out, 'sitemap-index.xml')).toContain('<loc>http://localhost:4321/sitemap-0.xml</loc>')
    expect(read(out, 'robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: http://localhost:4321/sitemap-index.xml\n')
  })

  it('offers a subscription form that posts to the CMS without JavaScript, with every department and a hidden honeypot', () => {
    const html = read(out, 'suscribirse', 'index.html')
    expect(html).toContain('<form class="subscribe" method="post" action="http://localhost:3000/api/subscribers/subscribe"')
    expect(html).toContain('<input id="correo" name="correo" type="email"')
    expect([...html.matchAll(/name="dependencia" value="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2'])
    expect(html).toMatch(/<div class="subscribe__trap"[^>]*aria-hidden="true"/)
    expect(read(out, 'index.html')).toContain('<a href="/suscribirse/">por correo</a>')
  })

  it('groups programs by what citizens can do now, soonest deadline first, and shows open ones on the home page', () => {
    const html = read(out, 'programas', 'index.html')
    const headings = [...html.matchAll(/<h2 id="grupo-[^"]+">([^<]+)<\/h2>/g)].map((match) => match[1])
    expect(headings).toEqual(['Cierran pronto', 'Próximamente', 'Cerradas'])
    expect(html).toContain('Abre el 7 de diciembre de 2026, 09:00')
    expect(html).toContain('Cerró el <time datetime="2026-10-01T05:00:00.000Z">30 de septiembre de 2026, 23:00</time>')
    const home = read(out, 'index.html')
    expect(home).toContain('<h2 id="convocatorias-abiertas">Convocatorias abiertas</h2>')
    expect(home).toContain('href="/programas/becas-de-transporte-2026/"')
    expect(home).not.toContain('href="/programas/bacheo-ciudadano/"')
  })

  it('tells who can apply, what to bring and until when, in the site’s time zone, with the deadline for a calendar', () => {
    const html = read(out, 'programas', 'becas-de-transporte-2026', 'index.html')
    expect(html).toContain('<li>Comprobante de domicilio reciente</li>')
    expect(html).toContain('<dt>Cierra</dt>')
    expect(html).toContain('27 de noviembre de 2026, 18:00')
    expect(html).toContain('<a href="/programas/becas-de-transporte-2026/fecha-limite.ics" download>Agregar la fecha límite a mi calendario</a>')
    const ics = read(out, 'programas', 'becas-de-transporte-2026', 'fecha-limite.ics')
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toContain('UID:programa-21@localhost\r\n')
    expect(ics).toContain('DTSTART:20261127T233000Z\r\n')
    expect(ics).toContain('DURATION:PT30M\r\n')
    expect(ics).toContain('DTSTAMP:20261101T160000Z\r\n')
    expect(ics).toContain('SUMMARY:Cierra: Becas municipales de transporte 2026\r\n')
    expect(ics).toContain('TRIGGER:-PT24H\r\n')
    // A closed call offers no calendar link.
    expect(read(out, 'programas', 'bacheo-ciudadano', 'index.html')).not.toContain('fecha-limite.ics')
    const xml = read(out, 'programas', 'rss.xml')
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).toContain('<link>http://localhost:4321/programas/becas-de-transporte-2026/</link>')
    expect(xml).toContain('Cierra el 27 de noviembre de 2026, 18:00.')
  })

  it('links the privacy notice, the office’s contact and the accessibility statement from every page', () => {
    for (const page of [['index.html'], ['programas', 'becas-de-transporte-2026', 'index.html'], ['accesibilidad', 'index.html']]) {
      const html = read(out, ...page)
      expect(html).toContain('<a href="https://sanpedro.gob.mx/aviso-de-privacidad">Aviso de privacidad</a>')
      expect(html).toContain('<a href="mailto:comunicacion@sanpedro.gob.mx">comunicacion@sanpedro.gob.mx</a>')
      expect(html).toContain('<a href="tel:2225550100">222 555 0100</a>')
      expect(html).toContain('<a href="/accesibilidad/">Accesibilidad</a>')
    }
    expect(read(out, 'accesibilidad', 'index.html')).toContain('WCAG) 2.2')
  })

  it('writes the search index with Spanish stemming, from bulletin and program texts only', () => {
    const meta = JSON.parse(read(out, 'pagefind', 'pagefind-entry.json')) as { languages: Record<string, { page_count: number }> }
    // Three bulletins and three programs; lists, department pages and the notices are not search results.
    expect(meta.languages.es?.page_count).toBe(6)
  })

  it('keeps a bulletin page, HTML with its inlined CSS and no script, under 100 KB before images', () => {
    const html = read(out, 'boletines', 'campana-de-vacunacion-en-la-canada', 'index.html')
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024)
    expect(html).not.toMatch(/<script/)
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/)
  })

  it('writes every page as valid HTML (html-validate, the standard rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] })
    const pages = fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    // Home, archive, kinds, months, departments, bulletins, programs, search, accessibility, 404.
    expect(pages.length).toBeGreaterThan(15)
    const problems: string[] = []
    for (const entry of pages) {
      const file = path.join(entry.parentPath, entry.name)
      const report = await validator.validateString(fs.readFileSync(file, 'utf8'), file)
      for (const { messages } of report.results) for (const message of messages) problems.push(`${path.relative(out, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`)
    }
    expect(problems).toEqual([])
  })

  it('opens every feed in a feed reader (rss-parser) with dates, links and the hero image with its alt text', async () => {
    const reader = new Parser<Record<string, never>, { media?: { $: Record<string, string>; 'media:description': Array<{ _: string }> } }>({
      customFields: { item: [['media:content', 'media']] },
    })
    const feeds = fs.readdirSync(out, { recursive: true }).map(String).filter((file) => file.endsWith('rss.xml'))
    // The latest bulletins, each department's, each kind's, and the programs'.
    expect(feeds).toEqual(expect.arrayContaining(['rss.xml', 'dependencias/salud/rss.xml', 'boletines/tipo/boletin/rss.xml', 'programas/rss.xml']))
    for (const file of feeds) {
      const feed = await reader.parseString(read(out, file))
      expect(feed.title, file).toBeTruthy()
      expect(feed.items.length, file).toBeGreaterThan(0)
      for (const item of feed.items) {
        expect(item.title, file).toBeTruthy()
        expect(item.link, file).toMatch(/^http:\/\/localhost:4321\/(boletines|programas)\/[a-z0-9-]+\/$/)
        expect(Number.isNaN(Date.parse(item.isoDate ?? '')), `${file}: ${item.pubDate}`).toBe(false)
      }
    }
    const latest = await reader.parseString(read(out, 'rss.xml'))
    const vaccination = latest.items.find((item) => item.link?.endsWith('/campana-de-vacunacion-en-la-canada/'))
    expect(vaccination?.isoDate).toBe('2026-11-23T16:15:00.000Z')
    expect(vaccination?.media?.$).toMatchObject({ url: `http://localhost:4321/media/${HERO}`, type: 'image/png', medium: 'image', width: '4', height: '3' })
    expect(vaccination?.media?.['media:description'][0]?._).toBe('Enfermera aplica una vacuna a una señora en un módulo de salud')
  })

  it('writes a Spanish 404 page', () => {
    expect(read(out, '404.html')).toContain('Página no encontrada')
  })
})

describe('buildPortal', () => {
  it('builds the pages and reports a referenced image missing from the media directory', async () => {
    const content = fixture()
    content.bulletins[0]!.hero!.filename = 'ausente.png'
    const outDir = path.join(work, 'build-missing-media')
    const result = await buildPortal({ contentFile: writeContent('missing-media.json', content), outDir, mediaDir })
    expect(result.missingMedia).toEqual(['ausente.png'])
    expect(fs.existsSync(path.join(outDir, 'boletines', 'campana-de-vacunacion-en-la-canada', 'index.html'))).toBe(true)
    expect(fs.readdirSync(path.join(outDir, 'media'))).toEqual([])
  })

  it('keeps the archive in fixed pages of 50 counted from the oldest, and filters it by kind and by month in the site’s time zone', async () => {
    const content = fixture()
    const template = content.bulletins[0]!
    content.bulletins = Array.from({ length: 120 }, (_, i) => ({
      ...template,
      id: String(1000 + i),
      slug: `boletin-${120 - i}`,
      title: `Boletín número ${120 - i}`,
      kind: i % 10 === 0 ? ('aviso' as const) : ('boletin' as const),
      // One a day, going back from 1 December 2026 at 05:30 UTC (23:30 of the day before in Mexico City).
      publishedAt: new Date(Date.UTC(2026, 11, 1, 5, 30) - i * 24 * 60 * 60 * 1000).toISOString(),
    }))
    const outDir = path.join(work, 'build-archive')
    await buildPortal({ contentFile: writeContent('archive.json', content), outDir, mediaDir })
    const first = read(outDir, 'boletines', 'index.html')
    expect(first).toContain('120 boletines publicados; aquí los 50 más recientes.')
    expect(first).toContain('Boletín número 120<')
    expect(first).toContain('Boletín número 71<')
    expect(first).not.toContain('Boletín número 70<')
    // The latest 50 go down to number 71; number 70 is on page 2 (51 to 100), where "anteriores" leads.
    expect(first).toContain('<a href="/boletines/pagina/2/" rel="next">Boletines anteriores →</a>')
    const pageOf = (n: number) => read(outDir, 'boletines', 'pagina', String(n), 'index.html')
    expect(pageOf(1)).toContain('Boletín número 1<')
    expect(pageOf(1)).toContain('Boletín número 50<')
    expect(pageOf(1)).not.toContain('Boletín número 51<')
    expect(pageOf(1)).toContain('<a href="/boletines/pagina/2/" rel="prev">← Más recientes</a>')
    expect(pageOf(1)).not.toContain('Más antiguos')
    expect(pageOf(2)).toContain('Boletín número 100<')
    expect(pageOf(2)).toContain('Boletín número 51<')
    // The newest page is short and leads back to /boletines/; pages name their dates, not a total that moves.
    expect(pageOf(3)).toContain('Boletín número 120<')
    expect(pageOf(3)).toContain('Boletín número 101<')
    expect(pageOf(3)).toContain('<a href="/boletines/">← Los más recientes</a>')
    expect(pageOf(3)).toContain('<a href="/boletines/pagina/2/" rel="next">Más antiguos →</a>')
    expect(pageOf(3)).toContain('Publicados del 11 de noviembre de 2026 al 30 de noviembre de 2026')
    expect(fs.existsSync(path.join(outDir, 'boletines', 'pagina', '4'))).toBe(false)
    // Every tenth is an "aviso": twelve of them, in their own list and feed.
    expect(first).toContain('<a href="/boletines/tipo/aviso/">Avisos</a> (12)')
    const feed = new XMLParser({ isArray: (name) => name === 'item' }).parse(read(outDir, 'boletines', 'tipo', 'aviso', 'rss.xml')) as { rss: { channel: { item: unknown[] } } }
    expect(feed.rss.channel.item).toHaveLength(12)
    // 1 December at 05:30 UTC is still 30 November in Mexico City.
    expect(first).toContain('<a href="/boletines/mes/2026-11/">noviembre de 2026</a> (30)')
    expect(fs.existsSync(path.join(outDir, 'boletines', 'mes', '2026-12'))).toBe(false)
    expect(read(outDir, 'boletines', 'mes', '2026-08', 'index.html')).toContain('<h1>Boletines de agosto de 2026</h1>')
  })

  it('shows the empty state when nothing is published', async () => {
    const content = { ...fixture(), bulletins: [] }
    const outDir = path.join(work, 'build-empty')
    await buildPortal({ contentFile: writeContent('empty.json', content), outDir, mediaDir })
    expect(read(outDir, 'index.html')).toContain('Aún no hay boletines publicados.')
    expect(read(outDir, 'boletines', 'index.html')).toContain('Aún no hay boletines publicados.')
  })

  it('writes byte-identical files when nothing changed', async () => {
    const [a, b] = [path.join(work, 'build-same-a'), path.join(work, 'build-same-b')]
    await buildPortal({ contentFile: FIXTURE, outDir: a, mediaDir })
    await buildPortal({ contentFile: FIXTURE, outDir: b, mediaDir })
    const files = (fs.readdirSync(a, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(a, name)).isFile()).sort()
    expect(files).toContain('rss.xml')
    expect(files).toContain(path.join('dependencias', 'salud', 'rss.xml'))
    expect(files).toContain('sitemap-0.xml')
    expect((fs.readdirSync(b, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(b, name)).isFile()).sort()).toEqual(files)
    for (const name of files) expect(fs.readFileSync(path.join(b, name)).equals(fs.readFileSync(path.join(a, name))), name).toBe(true)
  })

  it('refuses invalid content with PORTAL_CONTENT_INVALID before starting Astro', async () => {
    const file = path.join(work, 'invalid.json')
    fs.writeFileSync(file, JSON.stringify({ site: {}, bulletins: 'no' }))
    await expect(buildPortal({ contentFile: file, outDir: path.join(work, 'never'), mediaDir })).rejects.toMatchObject({ code: 'PORTAL_CONTENT_INVALID' })
    expect(fs.existsSync(path.join(work, 'never'))).toBe(false)
  })

  it('stops a build that outlives its time limit and fails with PORTAL_BUILD_FAILED', async () => {
    const outDir = path.join(work, 'build-too-slow')
    await expect(buildPortal({ contentFile: FIXTURE, outDir, mediaDir, timeoutMs: 1 })).rejects.toMatchObject({ code: 'PORTAL_BUILD_FAILED' })
    expect(fs.existsSync(path.join(outDir, 'index.html'))).toBe(false)
  })
})

describe('publishPortal repeated', () => {
  it('serializes concurrent publications, switches current to the last and keeps at most two builds', async () => {
    const portalDir = path.join(work, 'portal-repeated')
    const first = await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })
    const [second, third] = await Promise.all([
      publishPortal({ contentFile: FIXTURE, portalDir, mediaDir, full: true }),
      publishPortal({ contentFile: FIXTURE, portalDir, mediaDir, full: true }),
    ])
    expect(currentTarget(portalDir)).toBe(fs.realpathSync(third.buildDir))
    expect(builds(portalDir)).toEqual([path.basename(second.buildDir), path.basename(third.buildDir)].sort())
    expect(fs.existsSync(first.buildDir)).toBe(false)
    expect(fs.readdirSync(portalDir).sort()).toEqual(['builds', 'current', 'live-content.json'])
    // The same content again changes nothing.
    expect(await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })).toMatchObject({ mode: 'incremental', pages: 0, buildDir: third.buildDir })
  })

  it('leaves the live build untouched when a publication fails', async () => {
    const portalDir = path.join(work, 'portal-failing')
    const live = await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })
    const broken = path.join(work, 'broken.json')
    fs.writeFileSync(broken, '{"generatedAt":')
    await expect(publishPortal({ contentFile: broken, portalDir, mediaDir })).rejects.toMatchObject({ code: 'PORTAL_CONTENT_INVALID' })
    expect(currentTarget(portalDir)).toBe(fs.realpathSync(live.buildDir))
    expect(builds(portalDir)).toEqual([path.basename(live.buildDir)])
  })
})

describe('startPortalServer', () => {
  const portalDir = path.join(work, 'portal-served')
  let server: PortalServer

  beforeAll(async () => {
    server = await startPortalServer({ portalDir, port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('answers 503 in Spanish with Retry-After before the first build', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    expect(await response.text()).toContain('El portal se está generando; vuelve a intentar en unos segundos.')
  })

  it('serves the published pages, feed and images, and the 404 page for unknown paths', async () => {
    await publishPortal({ contentFile: FIXTURE, portalDir, mediaDir })

    const home = await fetch(`${server.url}/`)
    expect(home.status).toBe(200)
    expect(home.headers.get('content-type')).toMatch(/^text\/html; ?charset=utf-8$/)
    expect(await home.text()).toContain('Campaña de vacunación en La Cañada')

    const page = await fetch(`${server.url}/boletines/obra-calle-hidalgo/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Obra de pavimentación en la calle Hidalgo</h1>')

    const feed = await fetch(`${server.url}/rss.xml`)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(await feed.text()).toContain('<rss version="2.0"')

    const image = await fetch(`${server.url}/media/${HERO}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG)

    const missing = await fetch(`${server.url}/boletines/no-existe/`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/^text\/html; ?charset=utf-8$/)
    expect(await missing.text()).toContain('Página no encontrada')

    expect((await fetch(`${server.url}/media/${DRAFT_MEDIA}`)).status).toBe(404)
  })

  it('compresses pages and feeds as the client accepts, to exactly the published bytes', async () => {
    const live = fs.realpathSync(path.join(portalDir, 'current'))
    for (const [pathname, file] of [['/boletines/', 'boletines/index.html'], ['/rss.xml', 'rss.xml']] as const) {
      const published = fs.readFileSync(path.join(live, file))
      for (const [accepted, encoding, decode] of [
        ['br, gzip', 'br', zlib.brotliDecompressSync],
        ['gzip', 'gzip', zlib.gunzipSync],
        ['identity', null, (bytes: Buffer) => bytes],
      ] as const) {
        // Undici's fetch would decode the body itself; the raw bytes are what a phone receives.
        const { headers, body } = await rawGet(`${server.url}${pathname}`, { 'accept-encoding': accepted })
        expect(headers['content-encoding'] ?? null, `${pathname} for ${accepted}`).toBe(encoding)
        expect(headers.vary).toMatch(/accept-encoding/i)
        if (encoding) expect(body.length).toBeLessThan(published.length / 2)
        expect(decode(body).equals(published), `${pathname} for ${accepted}`).toBe(true)
      }
    }
  })

  it('serves a new publication on the next request without a restart', async () => {
    const content = fixture()
    content.bulletins.unshift({ ...content.bulletins[2]!, id: '4', slug: 'feria-del-elote', title: 'Feria del Elote 2026: programa completo' })
    await publishPortal({ contentFile: writeContent('with-new-bulletin.json', content), portalDir, mediaDir })
    expect(await (await fetch(`${server.url}/`)).text()).toContain('Feria del Elote 2026: programa completo')
    expect((await fetch(`${server.url}/boletines/feria-del-elote/`)).status).toBe(200)
  })

  it('frees its port on close', async () => {
    const port = Number(new URL(server.url).port)
    await server.close()
    const probe = net.createServer()
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen(port, '127.0.0.1', resolve)
    })
    await new Promise<void>((resolve) => probe.close(() => resolve()))
  })
})
