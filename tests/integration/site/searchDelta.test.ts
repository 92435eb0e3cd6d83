import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { rebuildSearchIndex, stopSearchRebuild } from '@pregon/site/publish'
import { siteBenchContent } from '../../bench/siteContent'
import { publishBesideReference } from '../../helpers/publishBesideReference'
import { searchableRecords } from '../../helpers/searchRecords'

// A publication adds what it changed to a small search index beside the full one (pagefind-delta/), instead of
// indexing every page again: what a reader can find must be what a fresh full build's index holds, step by step.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-search-delta-test-'))
const mediaDir = path.join(work, 'media')
const portalDir = path.join(work, 'portal')
fs.mkdirSync(mediaDir)
const live = () => fs.realpathSync(path.join(portalDir, 'current'))
afterAll(async () => {
  await stopSearchRebuild()
  fs.rmSync(work, { recursive: true, force: true })
})

const publish = publishBesideReference({ work, portalDir, mediaDir })

const pointer = () => JSON.parse(fs.readFileSync(path.join(live(), 'pagefind-delta', 'delta.json'), 'utf8')) as { bundle: string | null; hidden: string[]; same: string[] }
const fullIndexEntry = () => fs.readFileSync(path.join(live(), 'pagefind', 'pagefind-entry.json'), 'utf8')

describe('search after incremental publications', () => {
  const content = siteBenchContent(40, 4)
  let fullEntry = ''
  let lastReference = ''

  it('starts from a full build with an empty delta', async () => {
    const { result } = await publish(content)
    expect(result.mode).toBe('full')
    expect(pointer()).toEqual(expect.objectContaining({ bundle: null, hidden: [], same: [] }))
    expect(searchableRecords(live()).size).toBe(44)
    fullEntry = fullIndexEntry()
  })

  const steps: Array<[string, (c: PortalContent) => void, (records: Map<string, string>) => void]> = [
    [
      'a new bulletin',
      (c) => c.bulletins.unshift({ ...c.bulletins[0]!, id: '900', slug: 'jornada-de-reforestacion', title: 'Jornada de reforestación', bodyHtml: '<p>Se plantarán ahuehuetes en el parque.</p>' }),
      (records) => expect(records.get('/boletines/jornada-de-reforestacion/')).toContain('ahuehuetes'),
    ],
    [
      'an edit to an old bulletin',
      (c) => (c.bulletins[30]!.bodyHtml = '<p>El tianguis cambia de sede al mercado Morelos.</p>'),
      (records) => {
        const text = records.get(`/boletines/${content.bulletins[30]!.slug}/`)
        expect(text).toContain('tianguis')
        expect(text).not.toContain('pavimentación')
      },
    ],
    [
      'a withdrawal',
      (c) => {
        const [gone] = c.bulletins.splice(20, 1)
        c.withdrawn = [{ slug: gone!.slug, title: gone!.title, publishedAt: gone!.publishedAt, withdrawnAt: '2026-11-23T20:00:00.000Z', notice: 'Duplicado.', isInFeeds: true, department: gone!.department }]
      },
      (records) => expect(records.has(`/boletines/${content.withdrawn![0]!.slug}/`)).toBe(false),
    ],
    [
      'a bulletin deleted outright and a program edited',
      (c) => {
        c.bulletins.splice(5, 1)
        c.programs![0]!.eligibility = 'Estudiantes de preparatoria con promedio mínimo de ocho.'
      },
      (records) => expect(records.get(`/programas/${content.programs![0]!.slug}/`)).toContain('preparatoria'),
    ],
  ]

  for (const [name, change, check] of steps) {
    it(`finds what a full build's index finds after ${name}, without indexing everything again`, async () => {
      change(content)
      const { result, reference } = await publish(content)
      expect(result.mode).toBe('incremental')
      const records = searchableRecords(live())
      check(records)
      expect(records).toEqual(searchableRecords(reference))
      // The full index is left as it was: only the delta changed.
      expect(fullIndexEntry()).toBe(fullEntry)
      expect(pointer().bundle).toMatch(/^\/pagefind-delta\/[^/]+\/$/)
    })
  }

  it('keeps only the current delta folder and the one before it', () => {
    expect(fs.readdirSync(path.join(live(), 'pagefind-delta')).filter((name) => name !== 'delta.json')).toHaveLength(2)
  })

  it('rebuilds the full index in the background and swaps it in, losing nothing a newer delta added', async () => {
    const rebuilt = rebuildSearchIndex({ buildDir: live() })
    // A publication while the rebuild runs: its delta must survive the swap.
    content.bulletins.unshift({ ...content.bulletins[0]!, id: '901', slug: 'feria-del-elote', title: 'Feria del elote', bodyHtml: '<p>Habrá esquites y tamales de elote.</p>' })
    const { reference } = await publish(content)
    lastReference = reference
    await rebuilt
    const records = searchableRecords(live())
    expect(records.get('/boletines/feria-del-elote/')).toContain('esquites')
    expect(records).toEqual(searchableRecords(reference))
    expect(fullIndexEntry()).not.toBe(fullEntry)
    expect(fs.existsSync(path.join(live(), '.pregon-search-rebuild'))).toBe(false)
  })

  it('starts over with an empty delta once the rebuilt index covers everything', async () => {
    await rebuildSearchIndex({ buildDir: live() })
    expect(pointer()).toEqual(expect.objectContaining({ bundle: null, hidden: [], same: [] }))
    expect(searchableRecords(live())).toEqual(searchableRecords(lastReference))
  })
})
