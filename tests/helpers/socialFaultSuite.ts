import { expect } from 'vitest'
import type { Bulletin, Distribution } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { socialSpec, type SocialChannel } from '@pregon/core/channels'
import { bulletinLink } from '@pregon/core/composePostText'
import type { Config } from '@pregon/core/loadConfig'
import { createInstagramProvider } from '@pregon/workers/providers/meta/createInstagramProvider'
import { createThreadsProvider } from '@pregon/workers/providers/meta/createThreadsProvider'
import { createSocialProviders, type SocialProviders } from '@pregon/workers/providers/socialProviders'
import { startWorker } from '@pregon/workers/startWorker'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { buildBulletin, buildMedia, team } from './builders'
import type { FakeSocialNetwork, FaultPlan } from './fakeSocialNetwork'
import { startTaskHarness, type TaskHarness } from './startTaskHarness'
import { waitFor } from './waitFor'

/**
 * The fault suite for one social network: faults picked by a seeded generator are queued on the network's
 * local stand-in while bulletins are published in waves and a worker posts them, until every fault has met a
 * request. The report says how each distribution ended and whether any post was made twice or lost.
 */

export const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
/** How a test's worker retries: in milliseconds, not the minutes an office waits. */
export const QUICK_RETRIES = { retryBaseMs: 50, maxAttempts: 8 }
const TERMINAL = new Set<Distribution['status']>(['sent', 'unknown', 'failed', 'skipped'])
// Every message a flagged row shows names what the person does next.
const TELLS_WHAT_TO_DO = /«Reintentar»|«Marcar como publicado»|Revis[ae] /
const MAX_BULLETINS = 400

/** Every provider as the worker makes them, with a short request timeout and Instagram's and Threads' containers polled every 10 ms. */
export function quickSocialProviders(config: Readonly<Config>): SocialProviders {
  const timeoutMs = 400
  const containerPollMs = 10
  return {
    ...createSocialProviders(config, { timeoutMs }),
    instagram: createInstagramProvider({ credentials: config.instagram.credentials, apiUrl: config.instagram.apiUrl, timeoutMs, containerPollMs }),
    threads: createThreadsProvider({ credentials: config.threads.credentials, apiUrl: config.threads.apiUrl, timeoutMs, containerPollMs }),
  }
}

/** Publishes a bulletin through the real workflow, distributed to `channel` alone. */
export async function publishBulletin(harness: TaskHarness, channel: SocialChannel, { title, heroImage }: { title: string; heroImage?: number }): Promise<Bulletin> {
  const { payload } = harness.t
  const { editor, approver } = await team(payload)
  const { id } = await buildBulletin(payload, { title, ...(heroImage ? { heroImage } : {}) })
  await payload.update({ collection: 'bulletins', id, draft: true, data: { distributeTo: [channel] }, overrideAccess: false, user: editor })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload, id, verb, user })
  }
  return payload.findByID({ collection: 'bulletins', id, depth: 0 })
}

export interface SocialFaultSuite<Fault extends string> {
  channel: SocialChannel
  fake: FakeSocialNetwork<Fault>
  plan: FaultPlan<Fault>
  /** The variables that point Pregón at `fake`. */
  env: Record<string, string>
  /** Of the generator that picks the faults: a seed replays its run. */
  seed: number
  faults?: number
  /** At most this many bulletins a wave (Telegram's 20 messages a minute call for fewer). */
  bulletinsPerWave?: number
}

export interface SocialFaultReport {
  faultsInjected: number
  faultsMet: number
  distributions: number
  sent: number
  /** Sent rows whose post was found on the account after its answer was lost. */
  foundAfterLostAnswer: number
  /** Unknown or failed: left for a person. */
  flagged: number
  unknown: number
  /** One line per flagged distribution whose message does not tell the person what to do. */
  unclear: string[]
  /** Skipped because the network only posts with a photo and the bulletin has none: neither lost nor failed. */
  withoutImage: number
  /** One line per distribution the network holds more than one post for. */
  duplicates: string[]
  /** Neither sent, nor flagged with a message, nor skipped for want of an image. */
  lost: string[]
  /** A sent row not naming the one post the network holds, or a post on the network for a row that is neither sent nor unknown. */
  misrecorded: string[]
  postsOnNetwork: number
  seconds: number
  /** The figures in one line, for the test's output. */
  line: string
}

export async function runSocialFaultSuite<Fault extends string>({
  channel,
  fake,
  plan,
  env,
  seed,
  faults = 100,
  bulletinsPerWave = 10,
}: SocialFaultSuite<Fault>): Promise<SocialFaultReport> {
  const harness = await startTaskHarness({ env: { SITE_URL, ...env } })
  const { t } = harness
  const ctx: TaskContext = { ...harness.ctx, networks: quickSocialProviders(t.config), social: QUICK_RETRIES }
  const next = random(seed)
  for (let i = 0; i < faults; i++) {
    const [fault, on] = plan[Math.floor(next() * plan.length)]!
    fake.failNext(fault, 1, on)
  }

  const started = Date.now()
  const worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [socialSpec(channel).queue] })
  try {
    const hero = await buildMedia(t.payload, 'Cabildo abierto en la plaza principal')
    const withHero = new Set<number>()
    const bulletinIds: number[] = []
    // Publish in waves until every fault has been met by a request; no wave is larger than the faults left.
    while (fake.pendingFaults() > 0 && bulletinIds.length < MAX_BULLETINS) {
      for (let i = Math.min(bulletinsPerWave, fake.pendingFaults()); i > 0; i--) {
        const n = bulletinIds.length + 1
        const bulletin = await publishBulletin(harness, channel, { title: `Boletín ${n} de la prueba de fallas`, ...(n % 2 ? { heroImage: hero.id } : {}) })
        bulletinIds.push(bulletin.id)
        if (n % 2) withHero.add(bulletin.id)
      }
      await settled(harness, channel, bulletinIds)
    }
    const rows = await settled(harness, channel, bulletinIds)
    const seconds = Math.round((Date.now() - started) / 1000)

    const { docs: bulletins } = await t.payload.find({ collection: 'bulletins', where: { id: { in: bulletinIds } }, limit: 0, pagination: false, depth: 0 })
    const links = new Map(bulletins.map((b) => [b.id, bulletinLink(t.config.portal.url, b.slug ?? '')]))
    const posts = fake.posts()
    const postsOf = (row: Distribution) => posts.filter((post) => post.text.includes(links.get(row.bulletin as number)!))
    const summary = (row: Distribution) => `#${row.id} ${row.status} ${row.errorCode ?? ''} after ${row.attempts ?? 0} attempts (${postsOf(row).length} posts): ${row.error ?? ''}`

    const sent = rows.filter((row) => row.status === 'sent')
    const flagged = rows.filter((row) => (row.status === 'unknown' || row.status === 'failed') && row.error)
    const withoutImage = rows.filter((row) => row.status === 'skipped' && row.errorCode === 'SOCIAL_NEEDS_IMAGE' && !withHero.has(row.bulletin as number))
    const lost = rows.filter((row) => !sent.includes(row) && !flagged.includes(row) && !withoutImage.includes(row))
    const misrecorded = [
      ...sent.filter((row) => postsOf(row).map((post) => post.id).join() !== row.remoteId),
      ...rows.filter((row) => row.status !== 'sent' && row.status !== 'unknown' && postsOf(row).length > 0),
    ]
    const report = {
      faultsInjected: faults,
      faultsMet: faults - fake.pendingFaults(),
      distributions: rows.length,
      sent: sent.length,
      foundAfterLostAnswer: sent.filter((row) => (row.detail as { reconciled?: boolean } | null)?.reconciled).length,
      flagged: flagged.length,
      unknown: flagged.filter((row) => row.status === 'unknown').length,
      unclear: flagged.filter((row) => !TELLS_WHAT_TO_DO.test(row.error ?? '')).map(summary),
      withoutImage: withoutImage.length,
      duplicates: rows.filter((row) => postsOf(row).length > 1).map(summary),
      lost: lost.map(summary),
      misrecorded: misrecorded.map(summary),
      postsOnNetwork: posts.length,
      seconds,
    }
    return { ...report, line: lineOf(channel, report) }
  } finally {
    await worker.stop()
    await harness.close()
  }
}

/** The issue's criterion: every fault met, no post twice, none lost, and what is left for a person says what to do. */
export function expectEveryPostOnceOrFlagged(report: SocialFaultReport): void {
  expect(report.faultsMet).toBe(report.faultsInjected)
  expect(report.duplicates).toEqual([])
  expect(report.lost).toEqual([])
  expect(report.misrecorded).toEqual([])
  expect(report.unclear).toEqual([])
}

function lineOf(channel: SocialChannel, r: Omit<SocialFaultReport, 'line'>): string {
  return (
    `[social fault suite: ${channel}] faults injected: ${r.faultsInjected} (${r.faultsMet === r.faultsInjected ? 'all met' : `${r.faultsMet} met`}); ` +
    `distributions: ${r.distributions}; sent: ${r.sent} (${r.foundAfterLostAnswer} found after a lost answer); ` +
    `flagged: ${r.flagged} (unknown ${r.unknown}, failed ${r.flagged - r.unknown}); ` +
    (r.withoutImage ? `skipped for want of an image: ${r.withoutImage}; ` : '') +
    `duplicates: ${r.duplicates.length}; lost: ${r.lost.length}; posts on the network: ${r.postsOnNetwork}; ${r.seconds} s`
  )
}

/** The rows of `channel` for these bulletins, once every one has settled. */
async function settled(harness: TaskHarness, channel: SocialChannel, bulletinIds: number[]): Promise<Distribution[]> {
  return waitFor(
    async () => {
      const { docs } = await harness.t.payload.find({
        collection: 'distributions',
        where: { bulletin: { in: bulletinIds }, channel: { equals: channel } },
        limit: 0,
        pagination: false,
        depth: 0,
      })
      return docs.length === bulletinIds.length && docs.every((row) => TERMINAL.has(row.status)) ? docs : null
    },
    { timeoutMs: 180_000, intervalMs: 250, message: `every ${channel} distribution to settle` },
  )
}

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}
