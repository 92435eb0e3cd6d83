import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalBulletin, PortalContent, PortalProgram } from '@pregon/site/content'
import { siteBenchContent } from '../../bench/siteContent'
import { publishBesideReference } from '../../helpers/publishBesideReference'
import { searchableRecords } from '../../helpers/searchRecords'

// Publishing only what changed must leave exactly the files a full build of the same content makes: each
// step below is published incrementally into one live build and compared, file by file, with a fresh build.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-incremental-test-'))
const mediaDir = path.join(work, 'media')
const portalDir = path.join(work, 'portal')
const live = () => fs.realpathSync(path.join(portalDir, 'current'))

beforeAll(() => {
  fs.mkdirSync(mediaDir)
  for (const name of ['obra-nueva.png', 'obra-nueva-960.webp', 'obra-nueva-og.jpg']) fs.writeFileSync(path.join(mediaDir, name), PNG)
})
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

/**
 * Every file of a built site (Pregón's .pregon-* markers aside) with a hash of its bytes; the search index as what
 * a reader can find (a publication adds to a delta beside the full index, so its files differ from a fresh build's).
 */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.pregon-')) continue
    const file = path.join(entry.parentPath, entry.name)
    const name = path.relative(dir, file)
    if (/^pagefind(-delta)?\//.test(name)) continue
    files[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  }
  for (const [url, text] of searchableRecords(dir)) files[`search:${url}`] = createHash('sha256').update(text).digest('hex')
  return files
}

const publish = publishBesideReference({ work, portalDir, mediaDir })

describe('incremental publication', () => {
  // 200 bulletins: four archive pages, 50 of each kind (the 51st makes a kind's archive pages), and one
  // department with over 50 (its own archive pages).
  const content = siteBenchContent(200, 6)
  for (const [index, bulletin] of content.bulletins.entries()) if (index % 3 === 0) bulletin.department = { name: 'Obras Públicas', slug: 'obras-publicas' }

  it('starts from a full build', async () => {
    const { result } = await publish(content)
    expect(result.mode).toBe('full')
  })

  const VEDA_NOTICE = 'Contenido suspendido temporalmente por veda electoral.'
  let suspendedItems: { bulletin: PortalBulletin; program: PortalProgram } | undefined
  let withdrawnSlug = ''
  let withdrawnDepartment = ''

  const steps: Array<[string, (c: PortalContent) => void, (result: Awaited<ReturnType<typeof publish>>['result']) => void]> = [
    [
      'a new bulletin with a photo, in a department that had none',
      (c) => {
        c.bulletins.unshift({
          ...c.bulletins[0]!,
          id: '9001',
          slug: 'obra-nueva-en-el-centro',
          title: 'Obra nueva en el centro',
          publishedAt: '2026-11-23T18:00:00.000Z',
          department: { name: 'Movilidad', slug: 'movilidad' },
          hero: {
            filename: 'obra-nueva.png',
            width: 1,
            height: 1,
            mimeType: 'image/png',
            alt: 'Trabajadores en la obra',
            sources: [{ filename: 'obra-nueva-960.webp', width: 1, height: 1, mimeType: 'image/webp' }],
            share: { filename: 'obra-nueva-og.jpg', width: 1, height: 1, mimeType: 'image/jpeg' },
          },
        })
      },
      (result) => {
        expect(result.pages).toBeLessThan(25)
        // The 51st "boletín" gives that kind archive pages; the busy department has had its own since the start.
        expect(fs.existsSync(path.join(live(), 'boletines', 'tipo', 'boletin', 'pagina', '2', 'index.html'))).toBe(true)
        expect(fs.existsSync(path.join(live(), 'dependencias', 'obras-publicas', 'pagina', '2', 'index.html'))).toBe(true)
      },
    ],
    [
      'a correction to a bulletin on an old archive page',
      (c) => {
        const old = c.bulletins[100]!
        old.summary = 'Resumen corregido.'
        old.corrections = [{ at: '2026-11-23T19:00:00.000Z', note: 'Se corrigió la fecha de inicio.' }]
      },
      () => {},
    ],
    [
      'a withdrawal, which moves the newer archive pages',
      (c) => {
        const [gone] = c.bulletins.splice(60, 1)
        c.withdrawn = [
          { slug: gone!.slug, title: gone!.title, publishedAt: gone!.publishedAt, withdrawnAt: '2026-11-23T20:00:00.000Z', notice: 'Información duplicada.', isInFeeds: true, department: gone!.department },
        ]
        withdrawnSlug = gone!.slug
        withdrawnDepartment = gone!.department!.slug
      },
      () => {
        expect(fs.readFileSync(path.join(live(), 'dependencias', withdrawnDepartment, 'rss.xml'), 'utf8')).toContain(`/boletines/${withdrawnSlug}/`)
      },
    ],
    [
      'thirty days later, the withdrawal leaving the feeds',
      (c) => {
        c.withdrawn![0]!.isInFeeds = false
      },
      () => {
        expect(fs.readFileSync(path.join(live(), 'rss.xml'), 'utf8')).not.toContain(`/boletines/${withdrawnSlug}/`)
        expect(fs.readFileSync(path.join(live(), 'dependencias', withdrawnDepartment, 'rss.xml'), 'utf8')).not.toContain(`/boletines/${withdrawnSlug}/`)
      },
    ],
    [
      'programs: one loses its deadline, one changes state, one is new',
      (c) => {
        c.programs![0]!.closesAt = null
        c.programs![1]!.status = 'cerrada'
        c.programs!.unshift({ ...c.programs![2]!, id: '77', slug: 'programa-nuevo', title: 'Programa nuevo de becas' })
      },
      () => {},
    ],
    [
      'a veda electoral suspending a bulletin and a program with a deadline',
      (c) => {
        const [bulletin] = c.bulletins.splice(30, 1)
        const [program] = c.programs!.splice(0, 1)
        suspendedItems = { bulletin: bulletin!, program: program! }
        c.suspended = [
          { kind: 'bulletin', id: bulletin!.id, slug: bulletin!.slug, notice: VEDA_NOTICE },
          { kind: 'program', id: program!.id, slug: program!.slug, notice: VEDA_NOTICE },
        ]
      },
      () => {
        const { bulletin, program } = suspendedItems!
        const page = fs.readFileSync(path.join(live(), 'boletines', bulletin.slug, 'index.html'), 'utf8')
        expect(page).toContain(VEDA_NOTICE)
        expect(page).not.toContain(bulletin.title)
        expect(fs.existsSync(path.join(live(), 'programas', program.slug, 'fecha-limite.ics'))).toBe(false)
        expect(fs.readFileSync(path.join(live(), 'sitemap-0.xml'), 'utf8')).not.toContain(`/${bulletin.slug}/`)
      },
    ],
    [
      'the end of the veda, which brings them back',
      (c) => {
        const { bulletin, program } = suspendedItems!
        c.bulletins.splice(30, 0, bulletin)
        c.programs!.unshift(program)
        c.suspended = []
      },
      () => {
        expect(fs.readFileSync(path.join(live(), 'boletines', suspendedItems!.bulletin.slug, 'index.html'), 'utf8')).toContain(suspendedItems!.bulletin.title)
      },
    ],
    [
      'a bulletin deleted outright and the photo bulletin gone with its department',
      (c) => {
        c.bulletins.splice(0, 1)
        c.bulletins.splice(10, 1)
      },
      () => {},
    ],
  ]

  for (const [name, change, check] of steps) {
    it(`gives the files of a full build after ${name}`, async () => {
      change(content)
      // What a publication killed half-way leaves: cleared by the next one.
      fs.mkdirSync(path.join(portalDir, '.partial-killed', 'boletines'), { recursive: true })
      const { result, reference } = await publish(content)
      expect(result.mode).toBe('incremental')
      expect(fs.existsSync(path.join(portalDir, '.partial-killed'))).toBe(false)
      expect(result.liveMs).toBeLessThanOrEqual(result.durationMs)
      check(result)
      expect(snapshot(live())).toEqual(snapshot(reference))
    })
  }

  it('removes a withdrawn or deleted bulletin’s page, photos and search entries from the live site', () => {
    expect(fs.existsSync(path.join(live(), 'boletines', 'obra-nueva-en-el-centro'))).toBe(false)
    expect(fs.existsSync(path.join(live(), 'dependencias', 'movilidad'))).toBe(false)
    expect(fs.readdirSync(path.join(live(), 'media'))).not.toContain('obra-nueva.png')
    expect(fs.readFileSync(path.join(live(), 'sitemap-0.xml'), 'utf8')).not.toContain('obra-nueva-en-el-centro')
    const searchable = searchableRecords(live())
    expect(searchable.has('/boletines/obra-nueva-en-el-centro/')).toBe(false)
    expect(searchable.has(`/boletines/${withdrawnSlug}/`)).toBe(false)
  })

  // An alert is on every page: its start and its end rebuild them all, and give the files of a full build.
  const banners = (file: string) => fs.readFileSync(path.join(live(), file), 'utf8').split('data-alerta=').length - 1
  it('builds every page again when an emergency alert starts', async () => {
    const [newest] = content.bulletins
    content.alerts = [
      { id: newest!.id, title: 'Alerta por lluvias intensas', summary: 'Evite cruzar el río.', link: `/boletines/${newest!.slug}/`, startsAt: newest!.publishedAt, endsAt: '2026-11-30T12:00:00.000Z' },
    ]
    const { result, reference } = await publish(content)
    expect(result.mode).toBe('full')
    expect(snapshot(live())).toEqual(snapshot(reference))
    for (const file of ['index.html', path.join('boletines', 'pagina', '1', 'index.html'), path.join('boletines', withdrawnSlug, 'index.html'), '404.html']) {
      expect(banners(file), file).toBe(1)
    }
  })

  it('builds every page again when the alert ends', async () => {
    content.alerts = []
    const { result, reference } = await publish(content)
    expect(result.mode).toBe('full')
    expect(snapshot(live())).toEqual(snapshot(reference))
    expect(banners(path.join('boletines', 'pagina', '1', 'index.html'))).toBe(0)
  })

  it('builds everything again when the site’s settings change', async () => {
    content.site.name = 'H. Ayuntamiento de Prueba'
    const { result, reference } = await publish(content)
    expect(result.mode).toBe('full')
    expect(snapshot(live())).toEqual(snapshot(reference))
  })
})
