import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readPortalContent } from '../../../site/src/content/loadPortalContent'

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/portal-content.json')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-content-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function writeContent(name: string, text: string): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

function fixtureWith(change: (content: Record<string, any>) => void): string {
  const content = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'))
  change(content)
  return JSON.stringify(content)
}

describe('readPortalContent', () => {
  it('reads the fixture with its bulletins newest first', () => {
    const content = readPortalContent(FIXTURE)
    expect(content.bulletins.map((bulletin) => bulletin.slug)).toEqual([
      'campana-de-vacunacion-en-la-canada',
      'obra-calle-hidalgo',
      'inauguracion-de-la-biblioteca',
    ])
  })

  it('puts bulletins newest first when the file does not, keeping the file’s order for the same instant', () => {
    const file = writeContent(
      'unordered.json',
      fixtureWith((content) => {
        const [a, b, c] = content.bulletins
        content.bulletins = [c, { ...a, id: '9', slug: 'a-la-misma-hora', publishedAt: '2026-11-23T10:15:00-06:00' }, a, b]
      }),
    )
    expect(readPortalContent(file).bulletins.map((bulletin) => bulletin.slug)).toEqual([
      'a-la-misma-hora',
      'campana-de-vacunacion-en-la-canada',
      'obra-calle-hidalgo',
      'inauguracion-de-la-biblioteca',
    ])
  })

  it('fails with PORTAL_CONTENT_MISSING naming the file when it does not exist', () => {
    const file = path.join(dir, 'nope.json')
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_MISSING', message: expect.stringContaining(file) }))
  })

  it('fails with PORTAL_CONTENT_INVALID when the file is not JSON', () => {
    const file = writeContent('broken.json', '{"site":')
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining(file) }))
  })

  it('names the offending field when a bulletin is malformed', () => {
    const file = writeContent('no-title.json', fixtureWith((content) => delete content.bulletins[1].title))
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('bulletins[1].title') }))
  })

  it('rejects a hero file name that would reach outside the media directory', () => {
    const file = writeContent('escape.json', fixtureWith((content) => (content.bulletins[0].hero.filename = '../secrets/borrador.png')))
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('bulletins[0].hero.filename') }))
  })

  it('rejects a slug that is not a single lowercase path segment', () => {
    const file = writeContent('slug.json', fixtureWith((content) => (content.bulletins[2].slug = '../../index')))
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('bulletins[2].slug') }))
  })

  it('rejects two bulletins with the same slug', () => {
    const file = writeContent('dup.json', fixtureWith((content) => (content.bulletins[2].slug = content.bulletins[0].slug)))
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('bulletins[2].slug') }))
  })

  it('rejects a suspended page at a published bulletin’s address, or one with nothing to say', () => {
    const notice = 'Contenido suspendido temporalmente por veda electoral.'
    const twice = writeContent('suspended-twice.json', fixtureWith((content) => (content.suspended = [{ kind: 'bulletin', id: '99', slug: content.bulletins[0].slug, notice }])))
    expect(() => readPortalContent(twice)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('suspended[0].slug') }))
    const silent = writeContent('suspended-silent.json', fixtureWith((content) => (content.suspended = [{ kind: 'program', id: '7', slug: 'becas', notice: ' ' }])))
    expect(() => readPortalContent(silent)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('suspended[0].notice') }))
    const valid = writeContent('suspended.json', fixtureWith((content) => (content.suspended = [{ kind: 'program', id: '7', slug: 'becas', notice }])))
    expect(readPortalContent(valid).suspended).toEqual([{ kind: 'program', id: '7', slug: 'becas', notice }])
  })

  it('rejects an unknown time zone before any date is formatted', () => {
    const file = writeContent('zone.json', fixtureWith((content) => (content.site.timeZone = 'America/Tlalcuapan')))
    expect(() => readPortalContent(file)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('site.timeZone') }))
  })

  it('rejects an alert whose link leaves the portal or whose id could not be a storage key', () => {
    const alert = { id: '41', title: 'Alerta por lluvias', summary: 'Evite el río.', link: '/boletines/alerta-por-lluvias/', startsAt: '2026-11-24T12:00:00.000Z', endsAt: '2026-11-25T12:00:00.000Z' }
    const away = writeContent('alert-away.json', fixtureWith((content) => (content.alerts = [{ ...alert, link: '//example.com/x' }])))
    expect(() => readPortalContent(away)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('alerts[0].link') }))
    const id = writeContent('alert-id.json', fixtureWith((content) => (content.alerts = [{ ...alert, id: "1'); x('" }])))
    expect(() => readPortalContent(id)).toThrow(expect.objectContaining({ code: 'PORTAL_CONTENT_INVALID', message: expect.stringContaining('alerts[0].id') }))
    const valid = writeContent('alert.json', fixtureWith((content) => (content.alerts = [alert])))
    expect(readPortalContent(valid).alerts).toEqual([alert])
  })
})
