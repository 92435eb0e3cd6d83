/**
 * `npm run bench:social`: from the approver's action («Aprobar y publicar», one workflow step) until each of the seven networks'
 * local stand-ins holds the post (X, Mastodon, Facebook, Instagram, Threads, Bluesky, Telegram), and until all
 * seven do. In between is everything Pregón does: the workflow transaction with its distribution rows and
 * outbox jobs, the worker woken by LISTEN/NOTIFY on each network's queue, re-reading the bulletin, the ledger
 * claim and each provider's calls (uploads, alt text, Instagram's and Threads' containers, the post).
 *
 * Baseline, in the same run and against the same stand-ins: bare providers (a second set, their own
 * connections, Telegram throttler and Bluesky session) making the same seven posts with the same texts, crops
 * and alt text, concurrently like the worker's seven queues, with no queue and no database. A third figure runs
 * the pipeline with the social queues declared without `notify`: the worker then finds a job at its next 0.5 s
 * poll, as before LISTEN/NOTIFY. Target: all seven together p95 ≤ 300 ms.
 *
 * Telegram's throttler lets one message a second and 20 a minute through to a channel, so publications are
 * one every 3.1 s: no send waits for it, and the figures hold no throttling (the output checks the sends' pace).
 * Everything but PostgreSQL runs in this process, the stand-ins too, for Pregón and the baseline alike.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import type { Bulletin, Media } from '@pregon/cms/payload-types'
import { bootPayload } from '@pregon/cms/bootPayload'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { getProducer, prepareQueues, stopProducers } from '@pregon/core/boss'
import { composePostFor, SOCIAL_CHANNELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import { bulletinLink } from '@pregon/core/composePostText'
import { loadConfig, type Config } from '@pregon/core/loadConfig'
import { spawnService } from '@pregon/launcher/spawnService'
import { createInstagramProvider } from '@pregon/workers/providers/meta/createInstagramProvider'
import { createThreadsProvider } from '@pregon/workers/providers/meta/createThreadsProvider'
import type { SocialImage, SocialPostInput } from '@pregon/workers/providers/SocialProvider'
import { createSocialProviders, type SocialProviders } from '@pregon/workers/providers/socialProviders'
import { createMailer } from '@pregon/workers/providers/smtp/createMailer'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { buildBulletin, buildMedia, team } from '../helpers/builders'
import { startFakeNetworks } from '../helpers/fakeNetworks'
import { freePort } from '../helpers/freePort'
import { createTestDatabase } from '../helpers/testDatabase'

/**
 * Each mode is measured in alternating blocks, so a change in the machine's load falls on both. Each block
 * starts a worker and a producer, whose first publications are not counted (more before the very first).
 */
const BLOCKS_PER_MODE = 3
const MEASURED_PER_BLOCK = 10
const MEASURED = BLOCKS_PER_MODE * MEASURED_PER_BLOCK
const WARM_UP_FIRST = 3
const WARM_UP_BLOCK = 1
/** One publication per slot; Telegram's throttler lets one message a second and 20 a minute through to a channel. */
const SLOT_MS = 3_100
const TELEGRAM_PACE = { minGapMs: 1_000, perMinute: 20 }
/** The bare posts start this far into the slot, once the worker has settled the slot's publication. */
const BARE_OFFSET_MS = 1_500
const ARRIVAL_TIMEOUT_MS = 15_000
const REQUEST_TIMEOUT_MS = 10_000
/** Instagram's and Threads' containers: the stand-in answers IN_PROGRESS once, looked at again 10 ms later. */
const CONTAINER_POLLS = 1
const CONTAINER_POLL_MS = 10
const TARGET_P95_MS = 300
const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The pipeline did not do its job (a post missing, or made twice): the bench says so and exits 1. */
class PipelineBroken extends Error {}

type PerNetwork<T> = Record<SocialChannel, T>
const perNetwork = <T>(make: (channel: SocialChannel) => T) => Object.fromEntries(SOCIAL_CHANNELS.map((channel) => [channel, make(channel)])) as PerNetwork<T>

/** Waits until `at` (a performance.now() time); at once when it has passed. */
const sleepUntil = (at: number) => sleep(Math.max(0, at - performance.now()))

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Latencies of one way of posting: each network's, and the slowest of the seven (all seven together). */
interface Series {
  byNetwork: PerNetwork<number[]>
  allSeven: number[]
}
const newSeries = (): Series => ({ byNetwork: perNetwork(() => []), allSeven: [] })
function record(series: Series, start: number, arrivals: PerNetwork<number>): void {
  for (const channel of SOCIAL_CHANNELS) series.byNetwork[channel].push(arrivals[channel] - start)
  series.allSeven.push(Math.max(...Object.values(arrivals)) - start)
}

// The seven stand-ins, and the texts of the posts each holds (the arrays grow as posts arrive).
const fakes = await startFakeNetworks({
  // Accepting repeated texts, so a post made twice shows as two.
  x: { refuseDuplicates: false },
  meta: { containerPolls: CONTAINER_POLLS, instagramQuota: { total: 10_000, windowSeconds: 86_400 } },
})
interface HeldPosts {
  count(): number
  textAt(index: number): string
}
const held = <T>(list: readonly T[], text: (item: T) => string): HeldPosts => ({ count: () => list.length, textAt: (index) => text(list[index]!) })
const heldPosts: PerNetwork<HeldPosts> = {
  x: held(fakes.x.posts, (post) => post.text),
  mastodon: held(fakes.mastodon.statuses, (status) => status.text),
  facebook: held(fakes.meta.facebook.published, (post) => post.text),
  instagram: held(fakes.meta.instagram.published, (post) => post.text),
  threads: held(fakes.meta.threads.published, (post) => post.text),
  bluesky: held(fakes.bluesky.records, (record) => record.value.text),
  telegram: held(fakes.telegram.messages, (message) => message.text),
}

/**
 * When each stand-in first holds a post containing a link. The stand-ins run in this process and store a post
 * synchronously in their request handler; a 1 ms timer reads what is new, so an arrival is seen within about
 * a millisecond (the same for Pregón and the baseline).
 */
function watchArrivals() {
  const seen = perNetwork((channel) => heldPosts[channel].count())
  const waiters = new Set<{ link: string; arrivals: Partial<PerNetwork<number>>; done(arrivals: PerNetwork<number>): void }>()
  const timer = setInterval(() => {
    const now = performance.now()
    for (const channel of SOCIAL_CHANNELS) {
      const posts = heldPosts[channel]
      for (; seen[channel] < posts.count(); seen[channel]++) {
        const text = posts.textAt(seen[channel])
        for (const waiter of waiters) {
          if (waiter.arrivals[channel] !== undefined || !text.includes(waiter.link)) continue
          waiter.arrivals[channel] = now
          if (SOCIAL_CHANNELS.every((c) => waiter.arrivals[c] !== undefined)) {
            waiters.delete(waiter)
            waiter.done(waiter.arrivals as PerNetwork<number>)
          }
        }
      }
    }
  }, 1)
  return {
    /** Resolves once all seven hold a post with `link`; call it before the action that posts. */
    arrivalsOf(link: string): Promise<PerNetwork<number>> {
      return new Promise((resolve, reject) => {
        const waiter = {
          link,
          arrivals: {},
          done: (arrivals: PerNetwork<number>) => {
            clearTimeout(timeout)
            resolve(arrivals)
          },
        }
        const timeout = setTimeout(() => {
          waiters.delete(waiter)
          const missing = SOCIAL_CHANNELS.filter((channel) => (waiter.arrivals as Partial<PerNetwork<number>>)[channel] === undefined)
          reject(new PipelineBroken(`no post linking ${link} on ${missing.join(', ')} within ${ARRIVAL_TIMEOUT_MS / 1000} s`))
        }, ARRIVAL_TIMEOUT_MS)
        waiters.add(waiter)
      })
    },
    stop: () => clearInterval(timer),
  }
}

/** Every provider, with Instagram's and Threads' container polls as short as the stand-in's readiness. */
function providersFor(config: Readonly<Config>): SocialProviders {
  return {
    ...createSocialProviders(config, { timeoutMs: REQUEST_TIMEOUT_MS }),
    instagram: createInstagramProvider({ credentials: config.instagram.credentials, apiUrl: config.instagram.apiUrl, timeoutMs: REQUEST_TIMEOUT_MS, containerPollMs: CONTAINER_POLL_MS }),
    threads: createThreadsProvider({ credentials: config.threads.credentials, apiUrl: config.threads.apiUrl, timeoutMs: REQUEST_TIMEOUT_MS, containerPollMs: CONTAINER_POLL_MS }),
  }
}

/** The crop a network takes, as the posting task hands it to the provider (file and portal address). */
function imageOf(config: Readonly<Config>, hero: Media, crop: 'x' | 'og' | 'vertical' | 'square' | undefined): SocialImage {
  const size = crop ? hero.sizes?.[crop] : undefined
  const file = size?.filename ? { filename: size.filename, mimeType: size.mimeType } : { filename: hero.filename!, mimeType: hero.mimeType }
  return {
    path: path.join(config.mediaDir, file.filename),
    mimeType: file.mimeType ?? 'image/jpeg',
    alt: hero.alt,
    url: `${config.portal.url}/media/${encodeURIComponent(file.filename)}`,
  }
}

const postgres = await spawnService({
  name: 'bench-postgres',
  script: path.join(root, 'launcher/runPostgres.ts'),
  env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: path.join(root, '.data/bench'), EMBEDDED_PG_PORT: String(await freePort()) },
  readyTimeoutMs: 60_000,
})
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-social-'))
const databaseUrl = await createTestDatabase(String(postgres.ready.url))
const config = loadConfig({
  DATABASE_URL: databaseUrl,
  PAYLOAD_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  DATA_DIR: dataDir,
  SITE_URL,
  LOG_LEVEL: 'silent',
  ...fakes.env,
  X_DAILY_POST_BUDGET: '1000',
})
await prepareQueues(databaseUrl)
const payload = await bootPayload(config, { migrate: true })
const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: config.mail.from })
const ctx: TaskContext = { payload, config, log: pino({ level: 'silent' }), networks: providersFor(config), mailer }
const bare = providersFor(config)
const socialQueues = SOCIAL_CHANNELS.map((channel) => socialSpec(channel).queue)
const arrivals = watchArrivals()
const loadAtStart = os.loadavg()[0]!
let worker: RunningWorker | undefined
let exitCode = 0

/**
 * Declares the social queues with or without `notify`. Without it the enqueuing transaction sends no NOTIFY
 * and the worker takes the job at its next poll (every 0.5 s, startWorker's `pollingIntervalSeconds`), as
 * before. The worker and the producer read the declaration when they start, so both are restarted around it.
 */
async function declareSocialQueues(notify: boolean): Promise<void> {
  const producer = await getProducer(databaseUrl)
  for (const queue of socialQueues) await producer.updateQueue(queue, { notify })
  await stopProducers()
}

try {
  const hero = await buildMedia(payload, 'Brigada de bacheo trabajando en la avenida principal')
  const { approver } = await team(payload)
  let published = 0
  const pregonLinks: string[] = []
  const bareLinks: string[] = []

  /** The approver approves and publishes a bulletin with the photo in one step; resolves when all seven hold its post. */
  async function publishThroughPregon() {
    const draft = await buildBulletin(payload, { title: `Bacheo en la colonia ${++published} de la ronda de medición`, status: 'in_review', heroImage: hero.id })
    const link = bulletinLink(SITE_URL, draft.slug ?? '')
    pregonLinks.push(link)
    const arrived = arrivals.arrivalsOf(link)
    const start = performance.now()
    const { doc } = await applyWorkflowAction({ payload, id: draft.id, verb: 'approve-publish', user: approver })
    const committed = performance.now()
    return { bulletin: doc as Bulletin, start, committed, arrivals: await arrived }
  }

  /** The bare providers make the seven posts the worker made for `bulletin`, under another link. */
  async function postDirectly(bulletin: Bulletin) {
    const link = `${SITE_URL}/directo/${bareLinks.length + 1}/`
    bareLinks.push(link)
    const og = imageOf(config, hero, 'og')
    const card = { url: link, title: bulletin.title, description: bulletin.summary ?? '', thumbnail: og }
    const inputs = perNetwork((channel): SocialPostInput => {
      const postKey = bare[channel].makePostKey?.()
      return {
        text: composePostFor(channel, { item: bulletin as unknown as Record<string, unknown>, title: bulletin.title, url: link }).text,
        link,
        card,
        image: imageOf(config, hero, socialSpec(channel).crop),
        idempotencyKey: `bench-direct-${bareLinks.length}`,
        ...(postKey ? { postKey } : {}),
      }
    })
    const arrived = arrivals.arrivalsOf(link)
    const start = performance.now()
    await Promise.all(SOCIAL_CHANNELS.map((channel) => bare[channel].post(inputs[channel])))
    return { start, arrivals: await arrived }
  }

  const baseline = newSeries()
  const modes = {
    notify: { pregon: newSeries(), workflow: [] as number[], afterCommit: [] as number[] },
    poll: { pregon: newSeries(), workflow: [] as number[], afterCommit: [] as number[] },
  }
  /** Slots of one block: a publication through Pregón, then the same seven posts by the bare providers. */
  async function runBlock(mode: keyof typeof modes, warmUp: number) {
    await declareSocialQueues(mode === 'notify')
    worker = await startWorker(ctx, { databaseUrl, queues: socialQueues })
    const { pregon, workflow, afterCommit } = modes[mode]
    for (let i = 0; i < warmUp + MEASURED_PER_BLOCK; i++) {
      const slotStart = performance.now()
      const viaPregon = await publishThroughPregon()
      await sleepUntil(slotStart + BARE_OFFSET_MS)
      const direct = await postDirectly(viaPregon.bulletin)
      if (i >= warmUp) {
        record(pregon, viaPregon.start, viaPregon.arrivals)
        record(baseline, direct.start, direct.arrivals)
        workflow.push(viaPregon.committed - viaPregon.start)
        afterCommit.push(Math.max(...Object.values(viaPregon.arrivals)) - viaPregon.committed)
      }
      await sleepUntil(slotStart + SLOT_MS)
    }
    await worker.stop()
    worker = undefined
  }
  for (let block = 0; block < BLOCKS_PER_MODE; block++) {
    // The first block also warms Payload's caches, the connections and Bluesky's sessions.
    await runBlock('notify', block === 0 ? WARM_UP_FIRST : WARM_UP_BLOCK)
    await runBlock('poll', WARM_UP_BLOCK)
  }
  const { notify: notified, poll: polled } = modes

  // Every publication and every bare post exactly once on each stand-in, and every ledger row sent.
  await sleep(500)
  const problems: string[] = []
  for (const channel of SOCIAL_CHANNELS) {
    const posts = heldPosts[channel]
    const texts = Array.from({ length: posts.count() }, (_, index) => posts.textAt(index))
    for (const link of [...pregonLinks, ...bareLinks]) {
      const copies = texts.filter((text) => text.includes(link)).length
      if (copies !== 1) problems.push(`${channel} holds ${copies} posts linking ${link}`)
    }
  }
  const { totalDocs: unsent } = await payload.count({ collection: 'distributions', where: { channel: { in: SOCIAL_CHANNELS }, status: { not_equals: 'sent' } } })
  const { totalDocs: retried } = await payload.count({ collection: 'distributions', where: { channel: { in: SOCIAL_CHANNELS }, attempts: { greater_than: 1 } } })
  if (unsent > 0) problems.push(`${unsent} social distribution rows are not 'sent'`)
  if (problems.length > 0) throw new PipelineBroken(problems.slice(0, 10).join('; ') + (problems.length > 10 ? ` (and ${problems.length - 10} more)` : ''))

  /**
   * Telegram's sends of one sender (each has its own throttler): the shortest gap between two, and the most in
   * any 60 s. Within the throttler's pace, none of them waited for it.
   */
  const telegramPace = (links: string[]) => {
    const times = fakes.telegram.messages.filter((message) => links.some((link) => message.text.includes(link))).map((message) => message.receivedAt)
    const minGapMs = Math.min(...times.slice(1).map((at, i) => at - times[i]!))
    const perMinute = Math.max(...times.map((at) => times.filter((other) => other >= at && other < at + 60_000).length))
    return { minGapMs, perMinute, isWithin: minGapMs >= TELEGRAM_PACE.minGapMs && perMinute <= TELEGRAM_PACE.perMinute }
  }

  const ms = (value: number) => Math.round(value)
  const ratio = (pregon: number[], direct: number[], p: number) => `×${(percentile(pregon, p) / percentile(direct, p)).toFixed(1)}`
  const row = (label: string, pick: (series: Series) => number[]) => ({
    network: label,
    'Pregón p50': ms(percentile(pick(notified.pregon), 50)),
    'Pregón p95': ms(percentile(pick(notified.pregon), 95)),
    'bare p50': ms(percentile(pick(baseline), 50)),
    'bare p95': ms(percentile(pick(baseline), 95)),
    'ratio p50': ratio(pick(notified.pregon), pick(baseline), 50),
    'ratio p95': ratio(pick(notified.pregon), pick(baseline), 95),
    'poll-only p50': ms(percentile(pick(polled.pregon), 50)),
    'poll-only p95': ms(percentile(pick(polled.pregon), 95)),
  })
  console.log(
    `\nSocial distribution to seven networks: from the approver's action («Aprobar y publicar») until each local stand-in holds the post, in ms.\n` +
      `${MEASURED} publications per mode (${BLOCKS_PER_MODE} alternating blocks of ${MEASURED_PER_BLOCK}, warm-ups not counted), one every ${SLOT_MS / 1000} s, each with a photo and alt text. ` +
      `Pregón: one worker on the seven queues, woken by LISTEN/NOTIFY; poll-only: the same with the queues declared without notify (0.5 s poll). ` +
      `Bare: the seven providers' post() called directly and concurrently (same texts, crops, alt text and stand-ins; no queue, no database), ` +
      `${baseline.allSeven.length} samples from the same slots. Instagram/Threads containers: ready at the second look, ${CONTAINER_POLL_MS} ms apart.`,
  )
  console.table([...SOCIAL_CHANNELS.map((channel) => row(socialSpec(channel).label, (series) => series.byNetwork[channel])), row('all seven together', (series) => series.allSeven)])
  const p95 = percentile(notified.pregon.allSeven, 95)
  console.log(
    `of which «Aprobar y publicar» (the workflow's transaction): p50 ${ms(percentile(notified.workflow, 50))}, p95 ${ms(percentile(notified.workflow, 95))}; ` +
      `publish committed → all seven: p50 ${ms(percentile(notified.afterCommit, 50))}, p95 ${ms(percentile(notified.afterCommit, 95))} ` +
      `(poll-only: p50 ${ms(percentile(polled.afterCommit, 50))}, p95 ${ms(percentile(polled.afterCommit, 95))})`,
  )
  console.log(`target, all seven together p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'} (${ms(p95)} ms; poll-only ${ms(percentile(polled.pregon.allSeven, 95))} ms)`)
  const [pregonPace, barePace] = [telegramPace(pregonLinks), telegramPace(bareLinks)]
  console.log(
    `Telegram (throttler: ≥ ${TELEGRAM_PACE.minGapMs / 1000} s apart, ≤ ${TELEGRAM_PACE.perMinute} a minute): Pregón's sends ≥ ${(pregonPace.minGapMs / 1000).toFixed(2)} s apart, ` +
      `≤ ${pregonPace.perMinute} in any minute; bare ≥ ${(barePace.minGapMs / 1000).toFixed(2)} s, ≤ ${barePace.perMinute}: ` +
      (pregonPace.isWithin && barePace.isWithin ? 'no throttler wait is in these figures' : 'SOME SENDS MAY HAVE WAITED FOR THE THROTTLER (Telegram figures would include it)'),
  )
  console.log(
    `checked: ${pregonLinks.length} publications and ${bareLinks.length} bare posts, each exactly once on each of the seven stand-ins; ` +
      `every social ledger row sent (${retried} needed more than one attempt). ${os.availableParallelism()} cores, load average ${loadAtStart.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} (the machine may be shared: other load shows here).`,
  )
} catch (error) {
  exitCode = 1
  console.error(`\nbench:social: ${error instanceof PipelineBroken ? 'the pipeline broke' : 'the bench failed'}: ${error instanceof Error ? error.message : String(error)}`)
  if (!(error instanceof PipelineBroken)) console.error(error)
} finally {
  arrivals.stop()
  await worker?.stop()
  mailer.close()
  await stopProducers()
  // Payload's pool outlives destroy(); the database stops before the process ends, which it may report.
  ;(payload.db as unknown as { pool?: { on(event: 'error', listener: () => void): void } }).pool?.on('error', () => {})
  await payload.destroy()
  await fakes.close()
  await postgres.stop()
  await fs.rm(dataDir, { recursive: true, force: true })
}
process.exit(exitCode)
