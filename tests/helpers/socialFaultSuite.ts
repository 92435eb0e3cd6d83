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
 * The fault suite for one social network: 100 faults picked by a seeded generator from the network's plan are
 * queued on its local stand-in while bulletins are published in waves and a worker posts them, until every
 * fault has met a request. The report says how each distribution ended and whether any post was made twice
 * or lost.
 */

export const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
/** How a test's worker retries: in milliseconds, not the minutes an office waits. */
export const QUICK_RETRIES = { retryBaseMs: 50, maxAttempts: 8 }
const TERMINAL = new Set<Distribution['status']>(['sent', 'unknown', 'failed', 'skipped'])
// Every message a flagged row shows names what the person does next.
const TELLS_WHAT_TO_DO = /«Reintentar»|«Marcar como publicado»|Revis[ae] /
/**
 * Faults arrive a few at a time while bulletins go out, never more than this many waiting, and each wave
 * publishes as many bulletins (half with a photo). A fake hands a request the first waiting fault that fits
 * it: with a hundred queued at once, faults that fit only the post pile up at the front while every other
 * request of one attempt takes the next fault that fits it, a burst no network sends (an access token refused
 * again and again right after each login).
 */
const WAVE = 3
const FAULTS = 100

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
}: SocialFaultSuite<Fault>): Promise<SocialFaultReport> {
  const harness = await startTaskHarness({ env: { SITE_URL, ...env } })
  const { t } = harness
  const ctx: TaskContext = { ...harness.ctx, networks: quickSocialProviders(t.config), social: QUICK_RETRIES }
  const next = random(seed)
  let injected = 0

  const started = Date.now()
  const worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [socialSpec(channel).queue] })
  try {
    const hero = await buildMedia(t.payload, 'Cabildo abierto en la plaza principal')
    const withHero = new Set<number>()
    const bulletinIds: number[] = []
    while (injected < FAULTS || fake.pendingFaults() > 0) {
      for (; injected < FAULTS && fake.pendingFaults() < WAVE; injected++) {
        const [fault, on] = plan[Math.floor(next() * plan.length)]!
        fake.failNext(fault, 1, on)
      }
      const pending = fake.pendingFaults()
      for (let i = 0; i < WAVE; i++) {
        const n = bulletinIds.length + 1
        const bulletin = await publishBulletin(harness, channel, { title: `Boletín ${n} de la prueba de fallas`, ...(n % 2 ? { heroImage: hero.id } : {}) })
        bulletinIds.push(bulletin.id)
        if (n % 2) withHero.add(bulletin.id)
      }
      await settled(harness, channel, bulletinIds)
      // No fault met by a whole wave: the account takes no more requests, and the rest can never be met.
      if (fake.pendingFaults() === pending) break
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
      faultsInjected: injected,
      faultsMet: injected - fake.pendingFaults(),
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

/** The issue's criterion: every fault injected and met, no post twice, none lost, and what is left for a person says what to do. */
export function expectEveryPostOnceOrFlagged(report: SocialFaultReport): void {
  expect(report.faultsMet).toBe(FAULTS)
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
      return docs.length === bulletinIds.length && docs.every(isSettled) ? docs : null
    },
    { timeoutMs: 180_000, intervalMs: 250, message: `every ${channel} distribution to settle` },
  )
}

/** Nothing will touch it again: an unknown outcome with a look at the account still to come is not settled. */
const isSettled = (row: Distribution) => TERMINAL.has(row.status) && !(row.status === 'unknown' && row.nextAttemptAt)

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}
