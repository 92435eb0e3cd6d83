import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PortalBulletin, PortalContent } from '../../../site/src/content/PortalContent'
import { itemText, portalContentText } from '../../../site/src/content/portalText'

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/portal-content.json')
const fixture = () => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PortalContent

describe('portalContentText', () => {
  it('writes exactly what JSON.stringify writes, members without a JSON value left out', () => {
    const content = fixture()
    expect(content.bulletins.length).toBeGreaterThan(1)
    expect(portalContentText(content)).toBe(JSON.stringify(content))
    const sparse = { ...content, alerts: undefined, suspended: [], bulletins: [] } as unknown as PortalContent
    expect(portalContentText(sparse)).toBe(JSON.stringify(sparse))
    expect(JSON.parse(portalContentText(content))).toEqual(content)
  })

  it('serializes a bulletin once per object: the next content reuses the text of the bulletins it shares', () => {
    const content = fixture()
    const first = content.bulletins[0]!
    const text = itemText(first)
    expect(itemText(first)).toBe(text)
    // A change is a new object (as the export makes it), so it gets its own text.
    const corrected: PortalBulletin = { ...first, title: `${first.title} (corregido)` }
    const next: PortalContent = { ...content, bulletins: [corrected, ...content.bulletins.slice(1)] }
    expect(portalContentText(next)).toBe(JSON.stringify(next))
    expect(portalContentText(next)).toContain('(corregido)')
    expect(portalContentText(content)).toBe(JSON.stringify(content))
  })
})
