/**
 * `npm run bench:social`: from the approver's action (approve + publish) to the local X server receiving the
 * post, over 50 bulletins with a photo, through everything Pregón does in between: the workflow transaction
 * with its distribution rows and outbox job, the worker's queue poll, re-reading the bulletin, the ledger
 * claim, the X crop's upload with its alt text and the post. Baseline, in the same run and against the same
 * server: bare twitter-api-v2 making the same three calls (upload, alt text, post) with the same image.
 * Target: p95 ≤ 1 s.
 */
import fs from 'node:fs/promises'
import { Agent } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { TwitterApi } from 'twitter-api-v2'
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/bootPayload'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { QUEUES } from '@pregon/core/queues'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { spawnService } from '@pregon/launcher/spawnService'
import { apiUrlPlugin } from '@pregon/workers/providers/x/apiUrlPlugin'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { createMailer } from '@pregon/workers/providers/smtp/createMailer'
import { createXProvider } from '@pregon/workers/providers/x/XProvider'
import { startWorker } from '@pregon/workers/startWorker'
import { buildBulletin, buildMedia, team } from '../helpers/builders'
import { startFakeXApi } from '../helpers/fakeXApi'
import { freePort } from '../helpers/freePort'
import { createTestDatabase } from '../helpers/testDatabase'

const APPROVALS = 50
const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const credentials = { appKey: 'bench-key', appSecret: 'bench-secret', accessToken: 'bench-token', accessSecret: 'bench-access' }
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

// Post arrivals, by text, as the local X server sees them.
const arrivals = new Map<string, number>()
const waiters = new Map<string, (at: number) => void>()
const fakeX = await startFakeXApi({
  onPostRequest: (request) => {
    const text = String((request.body as { text?: string } | null)?.text ?? '')
    const at = performance.now()
    arrivals.set(text, at)
    for (const [needle, resolve] of waiters) if (text.includes(needle)) resolve(at)
  },
})
const arrivalOf = (needle: string) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No post containing ${needle} within 30 s`)), 30_000)
    waiters.set(needle, (at) => {
      clearTimeout(timer)
      waiters.delete(needle)
      resolve(at)
    })
  })

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
  X_API_URL: fakeX.url,
  X_API_KEY: credentials.appKey,
  X_API_SECRET: credentials.appSecret,
  X_ACCESS_TOKEN: credentials.accessToken,
  X_ACCESS_SECRET: credentials.accessSecret,
  X_DAILY_POST_BUDGET: '1000',
})
await prepareQueues(databaseUrl)
const payload = await bootPayload(config)
const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: config.mail.from })
const ctx = {
  payload,
  config,
  log: pino({ level: 'silent' }),
  networks: createSocialProviders(config),
  mailer,
}
const worker = await startWorker(ctx, { databaseUrl, queues: [QUEUES.postToX] })

try {
  const hero = await buildMedia(payload, 'Brigada de bacheo trabajando en la avenida principal')
  const crop = await fs.readFile(path.join(config.mediaDir, hero.sizes!.x!.filename!))
  const { approver } = await team(payload)

  // Pregón: approval to the post reaching X.
  const pregon: number[] = []
  const workflow: number[] = []
  for (let i = 0; i < APPROVALS + 3; i++) {
    const draft = await buildBulletin(payload, { title: `Bacheo en la colonia ${i} de la ronda de medición`, status: 'in_review', heroImage: hero.id })
    const arrived = arrivalOf(`/boletines/${draft.slug}/`)
    const start = performance.now()
    await applyWorkflowAction({ payload, id: draft.id, verb: 'approve', user: approver })
    await applyWorkflowAction({ payload, id: draft.id, verb: 'publish', user: approver })
    const committed = performance.now()
    const at = await arrived
    if (i >= 3) {
      // The first three warm up caches and connections.
      pregon.push(at - start)
      workflow.push(committed - start)
    }
  }

  // Baseline: bare twitter-api-v2, the same calls to the same server.
  const bare = new TwitterApi(credentials, {
    plugins: [apiUrlPlugin({ apiUrl: new URL(fakeX.url), timeoutMs: 30_000 })],
    httpAgent: new Agent({ keepAlive: true }),
  }).readWrite.v2
  const baseline: number[] = []
  for (let i = 0; i < APPROVALS + 3; i++) {
    const text = `Bacheo, medición directa ${i} ${SITE_URL}/directo/${i}/`
    const arrived = arrivalOf(`/directo/${i}/`)
    const start = performance.now()
    const mediaId = await bare.uploadMedia(crop, { media_type: 'image/jpeg', media_category: 'tweet_image' })
    await bare.createMediaMetadata(mediaId, { alt_text: { text: hero.alt } })
    await bare.tweet({ text, media: { media_ids: [mediaId] } })
    const at = await arrived
    if (i >= 3) baseline.push(at - start)
  }

  const row = (label: string, values: number[]) => ({
    '': label,
    'p50 (ms)': Math.round(percentile(values, 50)),
    'p95 (ms)': Math.round(percentile(values, 95)),
    'max (ms)': Math.round(Math.max(...values)),
  })
  console.log(`Social distribution: approval → post received by the local X server, ${APPROVALS} approvals (image + alt text), ${os.cpus().length} cores`)
  console.table([
    row('Pregón (approve + publish → X)', pregon),
    row('  of which approve + publish (transaction)', workflow),
    row('  of which queue pick-up + worker + X calls', pregon.map((total, i) => total - workflow[i]!)),
    row('bare twitter-api-v2 (baseline)', baseline),
  ])
  const p50 = percentile(pregon, 50)
  const p95 = percentile(pregon, 95)
  console.log(
    `ratio to baseline: p50 ×${(p50 / percentile(baseline, 50)).toFixed(1)}, p95 ×${(p95 / percentile(baseline, 95)).toFixed(1)}; ` +
      `target p95 ≤ 1000 ms: ${p95 <= 1000 ? 'met' : 'NOT met'} (${Math.round(p95)} ms)`,
  )
  const posted = fakeX.posts.filter((p) => p.text.includes('/boletines/'))
  console.log(`posts on the local X server: ${posted.length} for ${APPROVALS + 3} approvals (duplicates: ${posted.length - new Set(posted.map((p) => p.text)).size})`)
} finally {
  await worker.stop()
  mailer.close()
  await stopProducers()
  // Payload's pool outlives destroy(); the database stops before the process ends, which it may report.
  ;(payload.db as unknown as { pool?: { on(event: 'error', listener: () => void): void } }).pool?.on('error', () => {})
  await payload.destroy()
  await fakeX.close()
  await postgres.stop()
  await fs.rm(dataDir, { recursive: true, force: true })
}
process.exit(0)
