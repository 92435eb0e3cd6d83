import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { Distribution } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { SOCIAL_CHANNELS } from '@pregon/core/channels'
import { versionHash } from '@pregon/core/versionHash'
import { loadPublishedForPost } from '@pregon/workers/tasks/loadDistribution'
import { postToNetwork } from '@pregon/workers/tasks/postToNetwork'
import { buildBulletin, buildMedia, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

/**
 * The seven posts of a publication read the bulletin once between them, and never from memory once it changed:
 * a withdrawal or a correction made after the first network's read is seen by the next one.
 */

let harness: TaskHarness

beforeAll(async () => {
  harness = await startTaskHarness()
})

afterAll(async () => {
  await harness?.close()
})

async function publishedWithRows(title: string) {
  const { t } = harness
  const hero = await buildMedia(t.payload, 'Cuadrilla de bacheo en la calle Hidalgo')
  const bulletin = await buildBulletin(t.payload, { title, status: 'published', heroImage: hero.id, skipDistribution: true })
  const hash = versionHash(await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, depth: 0 }))
  const rows: Distribution[] = []
  for (const channel of SOCIAL_CHANNELS) {
    rows.push(await t.payload.create({ collection: 'distributions', data: { bulletin: bulletin.id, channel, account: 'principal', versionHash: hash, status: 'pending' } }))
  }
  return { bulletin, hero, rows }
}

it('reads a publication once for its seven networks, with its photo', async () => {
  const { t } = harness
  const { bulletin, hero, rows } = await publishedWithRows('Bacheo nocturno en la calle Hidalgo')
  const reads = vi.spyOn(t.payload, 'find')
  try {
    const targets = await Promise.all(rows.map((row) => loadPublishedForPost(t.payload, row)))
    expect(targets.map((target) => target.kind)).toEqual(SOCIAL_CHANNELS.map(() => 'ready'))
    const ready = targets[0] as Extract<(typeof targets)[number], { kind: 'ready' }>
    expect([ready.item.id, ready.hero?.id, ready.hero?.alt]).toEqual([bulletin.id, hero.id, hero.alt])
    expect(reads.mock.calls.filter(([options]) => options.collection === 'bulletins')).toHaveLength(1)
  } finally {
    reads.mockRestore()
  }
})

it('does not post from memory what was withdrawn after the first network read it', async () => {
  const { t } = harness
  const { approver } = await team(t.payload)
  const { bulletin, rows } = await publishedWithRows('Cierre de la calle Morelos por obra')
  expect((await loadPublishedForPost(t.payload, rows[0]!)).kind).toBe('ready')

  await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'withdraw', user: approver, reason: 'La obra se pospuso.', notice: 'La obra se pospuso; se avisará la nueva fecha.' })
  expect(await loadPublishedForPost(t.payload, rows[1]!)).toMatchObject({ kind: 'gone', reason: 'El boletín ya no está publicado; no se difundió.' })
  await expect(postToNetwork(harness.ctx, rows[2]!.channel as (typeof SOCIAL_CHANNELS)[number], rows[2]!.id)).resolves.toBe('gone')
  expect(await t.payload.findByID({ collection: 'distributions', id: rows[2]!.id })).toMatchObject({ status: 'skipped', errorCode: 'DISTRIBUTION_GONE' })
})

it('does not post from memory a version a correction replaced', async () => {
  const { t } = harness
  const { editor, approver } = await team(t.payload)
  const { bulletin, rows } = await publishedWithRows('Horario de la feria del elote')
  expect((await loadPublishedForPost(t.payload, rows[0]!)).kind).toBe('ready')

  await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'correct', user: editor })
  await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'La feria abre de 10 a 22 horas.', correction: { note: 'Se corrigió el horario.' } }, overrideAccess: false, user: editor })
  for (const verb of ['submit', 'approve', 'publish'] as const) await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb, user: verb === 'submit' ? editor : approver })
  expect(await loadPublishedForPost(t.payload, rows[1]!)).toMatchObject({ kind: 'gone', reason: 'El boletín cambió después de aprobarse; esta versión ya no se difunde.' })
})
