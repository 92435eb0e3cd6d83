import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { PortalContent } from '@pregon/site/content'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { publishDueItems } from '@pregon/workers/tasks/publishDueItems'
import { nextProgramChangeFile, rebuildPortal } from '@pregon/workers/tasks/rebuildPortal'
import { buildBulletin, buildDepartment, buildUser, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

// A fixed clock far from the real one: the workflow publishes and withdraws at these instants, and the minute
// sweep runs at them.
const T0 = new Date('2030-03-10T15:00:00.000Z')
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000)

let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, ctx } = harness)
})
afterAll(async () => harness?.close())

const live = (...parts: string[]) => fs.readFile(path.join(ctx.config.portalDir, 'current', ...parts), 'utf8')
const readContent = async () => JSON.parse(await fs.readFile(path.join(ctx.config.portalDir, 'content.json'), 'utf8')) as PortalContent
const nextChangeAt = async () => (JSON.parse(await fs.readFile(nextProgramChangeFile(ctx.config.portalDir), 'utf8')) as { nextChangeAt: string | null }).nextChangeAt
const banners = (html: string) => [...html.matchAll(/data-alerta="([^"]+)"/g)].map((match) => match[1])

it('shows emergencies as alerts on every page until their end, and keeps a withdrawal in the feeds for 30 days; the minute sweep rebuilds at each end', async () => {
  const { approver } = await team(t.payload)
  const admin = await buildUser(t.payload, 'admin')
  const salud = await buildDepartment(t.payload, 'Dirección de Salud')
  // Classified «emergencia», with «Alerta hasta» six hours after its publication.
  const storm = await buildBulletin(t.payload, { title: 'Alerta por lluvias intensas', classification: 'emergencia', alertUntil: later(6).toISOString(), status: 'approved', skipDistribution: true })
  await applyWorkflowAction({ payload: t.payload, id: storm.id, verb: 'publish', user: approver, now: T0, context: { skipDistribution: true } })
  // Published in an emergency by an admin, as informative: an alert for the default day.
  const water = await buildBulletin(t.payload, { title: 'Corte de agua en la colonia Centro', classification: 'informativo' })
  await applyWorkflowAction({ payload: t.payload, id: water.id, verb: 'emergency-publish', user: admin, reason: 'Fuga en la red: corte inmediato', now: later(1), context: { skipDistribution: true } })
  // An ordinary bulletin is no alert; a withdrawn one keeps a feed item.
  await buildBulletin(t.payload, { title: 'Feria del elote', status: 'published', skipDistribution: true, department: salud.id })
  const mistaken = await buildBulletin(t.payload, { title: 'Convocatoria publicada por error', status: 'published', skipDistribution: true, department: salud.id })
  await applyWorkflowAction({ payload: t.payload, id: mistaken.id, verb: 'withdraw', user: approver, reason: 'Sin convenio firmado.', notice: 'Se publicó por error.', now: T0 })

  await rebuildPortal(ctx, later(2))
  const content = await readContent()
  expect(content.alerts!.map((alert) => [alert.id, alert.title, alert.endsAt])).toEqual([
    [String(water.id), 'Corte de agua en la colonia Centro', later(25).toISOString()],
    [String(storm.id), 'Alerta por lluvias intensas', later(6).toISOString()],
  ])
  for (const page of [['index.html'], ['404.html'], ['boletines', 'index.html'], ['boletines', mistaken.slug, 'index.html'], ['pantalla', 'index.html']]) {
    const html = await live(...page)
    if (page[0] === 'pantalla') expect(html.indexOf('Corte de agua en la colonia Centro')).toBeLessThan(html.indexOf('<li class="pantalla__lamina'))
    else expect(banners(html), page.join('/')).toEqual([String(water.id), String(storm.id)])
  }
  for (const feed of [['rss.xml'], ['dependencias', salud.slug, 'rss.xml']]) {
    const xml = await live(...feed)
    expect(xml, feed.join('/')).toContain('<title>Retirado: Convocatoria publicada por error</title>')
    expect(xml).toContain('<description>Se publicó por error.</description>')
    expect(xml).toContain(`<atom:updated>${T0.toISOString()}</atom:updated>`)
  }
  expect(await nextChangeAt()).toBe(later(6).toISOString())
  // The «Retirado» item went out: the expediente keeps it, as written in the feed.
  const kept = await t.query<{ body: Buffer }>(`SELECT body FROM expediente_entries WHERE item_collection = 'bulletins' AND item_id = $1 AND kind = 'feed-item'`, [mistaken.id])
  expect(kept.map((row) => row.body.toString('utf8'))).toContainEqual(expect.stringContaining('<title>Retirado: Convocatoria publicada por error</title>'))

  // The storm's end: the sweep rebuilds every page without it.
  expect((await publishDueItems(ctx, later(5.9))).isPortalRefreshed).toBe(false)
  expect((await publishDueItems(ctx, later(6))).isPortalRefreshed).toBe(true)
  expect(banners(await live('boletines', 'index.html'))).toEqual([String(water.id)])
  expect(await nextChangeAt()).toBe(later(25).toISOString())

  // A day after the emergency publication: no alert left on any page.
  expect((await publishDueItems(ctx, later(25))).isPortalRefreshed).toBe(true)
  expect(banners(await live('index.html'))).toEqual([])
  expect(await live('pantalla', 'index.html')).not.toContain('class="pantalla__alerta"')
  expect(await nextChangeAt()).toBe(later(30 * 24).toISOString())

  // Thirty days after the withdrawal, the item leaves the feeds; the notice stays at its address.
  expect((await publishDueItems(ctx, later(30 * 24))).isPortalRefreshed).toBe(true)
  for (const feed of [['rss.xml'], ['dependencias', salud.slug, 'rss.xml']]) expect(await live(...feed)).not.toContain(mistaken.slug)
  expect(await live('boletines', mistaken.slug, 'index.html')).toContain('Se publicó por error.')
  expect(await nextChangeAt()).toBeNull()
})
