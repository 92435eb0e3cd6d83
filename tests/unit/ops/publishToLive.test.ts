import { describe, expect, it } from 'vitest'
import { publishToLiveSeconds } from '../../../workers/src/tasks/rebuildPortal'

const liveAt = new Date('2026-12-01T12:00:30Z')
const item = (key: string, publishedAt: string, slug: string | null = null) => ({ key, slug, publishedAt })

describe('publishToLiveSeconds', () => {
  it('measures each item this publication made live, from its publication to its page being live', () => {
    const before = { keys: new Set(['bulletin:1']), withdrawnSlugs: new Set<string>() }
    const items = [item('bulletin:1', '2026-11-30T09:00:00Z'), item('bulletin:2', '2026-12-01T12:00:00Z'), item('program:2', '2026-12-01T11:59:00Z')]
    expect(publishToLiveSeconds({ before, items, liveAt })).toEqual([30, 90])
  })

  it('leaves out a bulletin published again after a withdrawal (its publication date is the first one)', () => {
    const before = { keys: new Set<string>(), withdrawnSlugs: new Set(['cierre-de-calles']) }
    expect(publishToLiveSeconds({ before, items: [item('bulletin:7', '2026-10-01T10:00:00Z', 'cierre-de-calles')], liveAt })).toEqual([])
  })

  it('measures nothing on the first publication of an installation', () => {
    expect(publishToLiveSeconds({ before: null, items: [item('bulletin:1', '2026-12-01T12:00:00Z')], liveAt })).toEqual([])
  })

  it('ignores dates it cannot read and dates after the page went live', () => {
    const before = { keys: new Set<string>(), withdrawnSlugs: new Set<string>() }
    expect(publishToLiveSeconds({ before, items: [item('bulletin:3', ''), item('bulletin:4', '2026-12-01T12:05:00Z')], liveAt })).toEqual([])
  })
})
