import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bulletin, Department, Media } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { seedLarge, type SeedLargeReport } from '@pregon/launcher/seedLarge/seedLarge'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const BULLETINS = 300
const PROGRAMS = 20
let t: TestPayload
let seeded: SeedLargeReport

beforeAll(async () => {
  t = await startTestPayload()
  seeded = await seedLarge({ payload: t.payload, databaseUrl: t.ownerUrl, bulletins: BULLETINS, programs: PROGRAMS, now: new Date('2026-11-30T18:00:00Z') })
})
afterAll(async () => t?.close())

const anonymous = { overrideAccess: false } as const

describe('seed:large', () => {
  it('writes every bulletin with five versions, and the programs, in the tables Payload reads', async () => {
    const [counts] = await t.query<{ bulletins: number; versions: number; latest: number; programs: number; media: number }>(
      `SELECT (SELECT count(*) FROM bulletins)::int AS bulletins, (SELECT count(*) FROM _bulletins_v)::int AS versions,
              (SELECT count(*) FROM _bulletins_v WHERE latest)::int AS latest, (SELECT count(*) FROM programs)::int AS programs,
              (SELECT count(*) FROM media)::int AS media`,
    )
    // One more of each: the template taken through the real workflow.
    expect(counts).toMatchObject({ bulletins: BULLETINS + 1, latest: BULLETINS + 1, programs: PROGRAMS + 1, media: seeded.mediaIds.length })
    const [{ min, max }] = (await t.query<{ min: number; max: number }>(
      `SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM _bulletins_v WHERE parent_id = ANY($1) GROUP BY parent_id) v`,
      [[...seeded.ids.published, ...seeded.ids.corrected, ...seeded.ids.withdrawn]],
    )) as [{ min: number; max: number }]
    expect([min, max]).toEqual([5, 5])
    const [{ titles, years }] = (await t.query<{ titles: number; years: number }>(
      `SELECT count(DISTINCT title)::int AS titles, (extract(epoch FROM max(published_at) - min(published_at)) / 86400 / 365)::float AS years FROM bulletins`,
    )) as [{ titles: number; years: number }]
    expect(titles).toBe(BULLETINS + 1)
    expect(years).toBeGreaterThan(9)
    expect(seeded.ids.corrected.length).toBeGreaterThan(0)
    expect(seeded.ids.withdrawn.length).toBeGreaterThan(0)
    expect(seeded.ids.unpublished.length).toBeGreaterThan(0)
  })

  it('leaves every reference of the seeded tables whole (the per-row checks it turned off)', async () => {
    expect(seeded.skippedForeignKeyChecks).toBe(true)
    const keys = await t.query<{ child: string; column: string; parent: string; key: string }>(
      `SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass::text AS parent, pa.attname AS key
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace
         AND c.conrelid::regclass::text ~ '^"?_?(bulletins|programs)'`,
    )
    expect(keys.length).toBeGreaterThan(20)
    const broken: string[] = []
    for (const { child, column, parent, key } of keys) {
      const [{ orphans }] = (await t.query<{ orphans: number }>(
        `SELECT count(*)::int AS orphans FROM ${child} c WHERE c."${column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p."${key}" = c."${column}")`,
      )) as [{ orphans: number }]
      if (orphans > 0) broken.push(`${child}.${column} → ${parent}: ${orphans}`)
    }
    expect(broken).toEqual([])
  })

  it('lets a citizen read only what is published, with its department, photo, topics and corrections', async () => {
    const list = await t.payload.find({ collection: 'bulletins', ...anonymous, limit: 1000, depth: 1, sort: '-publishedAt' })
    const visible = list.docs.map((doc) => doc.id)
    expect(list.totalDocs).toBe(seeded.ids.published.length + seeded.ids.corrected.length + 1)
    for (const hidden of [...seeded.ids.withdrawn, ...seeded.ids.unpublished]) expect(visible).not.toContain(hidden)
    const newest = list.docs[0]! as Bulletin
    expect((newest.department as Department).name).toBeTruthy()
    expect(list.docs.filter((doc) => doc.heroImage).every((doc) => /archivo-\d/.test((doc.heroImage as Media).filename ?? ''))).toBe(true)
    expect(list.docs.filter((doc) => doc.heroImage).length).toBeGreaterThan(BULLETINS * 0.8)
    // Staff-only fields stay out of the public shape.
    expect(newest).not.toHaveProperty('workflowState')
    expect(newest).not.toHaveProperty('approval')
    const paragraphs = (newest.body as unknown as { root: { children: Array<{ children: Array<{ text: string }> }> } }).root.children
    expect(paragraphs.length).toBeGreaterThan(3)
    expect(paragraphs[0]!.children[0]!.text).toMatch(/familias/)
    expect(newest.topics?.length).toBeGreaterThan(0)

    const corrected = await t.payload.findByID({ collection: 'bulletins', id: seeded.ids.corrected[0]!, ...anonymous, depth: 0 })
    expect(corrected.corrections?.[0]?.note).toMatch(/Se corrigió/)
    await expect(t.payload.findByID({ collection: 'bulletins', id: seeded.ids.withdrawn[0]!, ...anonymous })).rejects.toThrow()
    await expect(t.payload.findByID({ collection: 'bulletins', id: seeded.ids.unpublished[0]!, ...anonymous, draft: true })).rejects.toThrow()
  })

  it('shows staff every bulletin, the withdrawn ones with their notice, and each one\'s version history', async () => {
    const user = seeded.staff.editor
    const all = await t.payload.find({ collection: 'bulletins', user, overrideAccess: false, draft: true, limit: 1, depth: 0 })
    expect(all.totalDocs).toBe(BULLETINS + 1)
    const withdrawn = await t.payload.findByID({ collection: 'bulletins', id: seeded.ids.withdrawn[0]!, user, overrideAccess: false, draft: true, depth: 0 })
    expect(withdrawn.workflowState).toBe('withdrawn')
    expect(withdrawn.withdrawal?.notice).toMatch(/se retiró/)
    const history = await t.payload.findVersions({ collection: 'bulletins', where: { parent: { equals: seeded.ids.published[0]! } }, user, overrideAccess: false, sort: 'createdAt', depth: 0 })
    expect(history.docs.map((v) => v.version.workflowState)).toEqual(['draft', 'draft', 'in_review', 'approved', 'published'])
    expect(history.docs.at(-1)!.latest).toBe(true)
    expect(history.docs.at(-1)!.version.title).toBe((await t.payload.findByID({ collection: 'bulletins', id: seeded.ids.published[0]!, depth: 0 })).title)
    await expect(t.payload.findVersions({ collection: 'bulletins', ...anonymous, limit: 1 })).rejects.toThrow()
  })

  it('lets the office take a seeded draft through review, approval and publication', async () => {
    const draftId = seeded.ids.unpublished[0]!
    const [row] = await t.query<{ workflow_state: string }>('SELECT workflow_state FROM bulletins WHERE id = $1', [draftId])
    const { editor, approver } = seeded.staff
    if (row!.workflow_state === 'draft') await applyWorkflowAction({ payload: t.payload, collection: 'bulletins', id: draftId, verb: 'submit', user: editor, context: { skipDistribution: true } })
    await applyWorkflowAction({ payload: t.payload, collection: 'bulletins', id: draftId, verb: 'approve', user: approver, context: { skipDistribution: true } })
    await applyWorkflowAction({ payload: t.payload, collection: 'bulletins', id: draftId, verb: 'publish', user: approver, context: { skipDistribution: true } })
    const published = await t.payload.findByID({ collection: 'bulletins', id: draftId, ...anonymous, depth: 0 })
    expect(published.title).toMatch(/\(\d+\)$/)
    const [after] = await t.query<{ workflow_state: string; _status: string }>('SELECT workflow_state, _status FROM bulletins WHERE id = $1', [draftId])
    expect(after).toEqual({ workflow_state: 'published', _status: 'published' })
  })

  it('reads the programs back as a citizen, with their requirements', async () => {
    const programs = await t.payload.find({ collection: 'programs', ...anonymous, limit: 100, depth: 0 })
    expect(programs.totalDocs).toBeGreaterThan(PROGRAMS * 0.8)
    expect(programs.docs.every((p) => (p.requirements?.length ?? 0) > 0)).toBe(true)
  })
})
