import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bulletin, Distribution, User } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { startWorker } from '@pregon/workers/startWorker'
import { postToMastodon } from '@pregon/workers/tasks/postToMastodon'
import { postToX } from '@pregon/workers/tasks/postToX'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, buildUser, team } from '../../helpers/builders'
import { startFakeMastodon, type FakeMastodon } from '../../helpers/fakeMastodon'
import { startFakeXApi, type FakeXApi, type MultipartBody } from '../../helpers/fakeXApi'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const PASSWORD = 'contraseña-de-prueba'

let harness: TaskHarness
let t: TaskHarness['t']
let fakeX: FakeXApi
let fakeMastodon: FakeMastodon
let ctx: TaskContext
let api: ReturnType<typeof apiClients>

beforeAll(async () => {
  fakeX = await startFakeXApi({ rateLimitResetSeconds: 1 })
  fakeMastodon = await startFakeMastodon({ rateLimitResetSeconds: 1 })
  harness = await startTaskHarness({
    env: {
      SITE_URL,
      X_API_URL: fakeX.url,
      X_API_KEY: 'app-key',
      X_API_SECRET: 'app-secret',
      X_ACCESS_TOKEN: 'access-token',
      X_ACCESS_SECRET: 'access-secret',
      MASTODON_URL: fakeMastodon.url,
      MASTODON_ACCESS_TOKEN: fakeMastodon.accessToken,
    },
  })
  t = harness.t
  ctx = {
    ...harness.ctx,
    networks: createSocialProviders(t.config, { timeoutMs: 1_000 }),
    social: { retryBaseMs: 100 },
  }
  api = apiClients(t.payload)
})

afterAll(async () => {
  await harness?.close()
  await fakeX?.close()
  await fakeMastodon?.close()
})

const linkOf = (bulletin: Pick<Bulletin, 'slug'>) => `${SITE_URL}/boletines/${bulletin.slug}/`

async function published(title: string, { withImage = false } = {}) {
  const hero = withImage ? await buildMedia(t.payload, `Foto de ${title}: personas en la plaza principal`) : undefined
  const bulletin = await buildBulletin(t.payload, { title, status: 'published', ...(hero ? { heroImage: hero.id } : {}) })
  const rows = await rowsOf(bulletin.id)
  return { bulletin, hero, x: rows.x!, mastodon: rows.mastodon!, link: linkOf(bulletin) }
}

async function rowsOf(bulletinId: number): Promise<Partial<Record<Distribution['channel'], Distribution>>> {
  const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId } }, depth: 0 })
  return Object.fromEntries(docs.map((d) => [d.channel, d]))
}

const row = (id: number) => t.payload.findByID({ collection: 'distributions', id, depth: 0 })
const xPostsLinking = (link: string) => fakeX.posts.filter((p) => p.text.includes(link))
const statusesLinking = (link: string) => fakeMastodon.statuses.filter((s) => s.text.includes(link))
const tokenOf = async (user: User) => (await t.payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token!

describe('an approved bulletin with the networks configured', () => {
  it('goes to X and Mastodon once each, with the X crop and its alt text, and the ledger links to both posts', async () => {
    const { bulletin, hero, x, mastodon, link } = await published('Rehabilitan el mercado Hidalgo', { withImage: true })
    expect([x.status, x.account, mastodon.status, mastodon.account]).toEqual(['pending', 'principal', 'pending', new URL(fakeMastodon.url).host])

    expect(await postToX(ctx, x.id)).toBe('sent')
    expect(await postToMastodon(ctx, mastodon.id)).toBe('sent')

    const [post] = xPostsLinking(link)
    expect(xPostsLinking(link)).toHaveLength(1)
    expect(post!.text).toBe(`${bulletin.title} ${link}`)
    expect(post!.mediaIds).toHaveLength(1)
    expect(fakeX.media.get(post!.mediaIds[0]!)?.altText).toBe(hero!.alt)
    // The 1600 × 900 crop, not the original.
    const initialize = fakeX.requests.filter((r) => r.path === '/2/media/upload/initialize').at(-1)!
    expect((initialize.body as { total_bytes: number }).total_bytes).toBe(hero!.sizes!.x!.filesize)

    const [status] = statusesLinking(link)
    expect(statusesLinking(link)).toHaveLength(1)
    expect(fakeMastodon.media.get(status!.mediaIds[0]!)?.description).toBe(hero!.alt)
    expect(status!.idempotencyKey).toMatch(new RegExp(`^pregon-distribution-${mastodon.id}-`))
    const upload = fakeMastodon.requests.find((r) => r.path === '/api/v2/media' && (r.body as MultipartBody).fields.description === hero!.alt)
    expect(upload).toBeDefined()

    expect(await row(x.id)).toMatchObject({ status: 'sent', remoteId: post!.id, remoteUrl: `https://x.com/i/web/status/${post!.id}`, attempts: 1, error: null })
    expect(await row(mastodon.id)).toMatchObject({ status: 'sent', remoteId: status!.id, remoteUrl: `${fakeMastodon.url}/@municipio/${status!.id}`, attempts: 1 })

    // A job that runs again (a retry, a second worker) finds it done and sends nothing.
    const before = fakeX.requests.length + fakeMastodon.requests.length
    expect(await postToX(ctx, x.id)).toBe('already-done')
    expect(await postToMastodon(ctx, mastodon.id)).toBe('already-done')
    expect(fakeX.requests.length + fakeMastodon.requests.length).toBe(before)
  })

  it('cannot hold a second distribution of the same version to the same account', async () => {
    const { bulletin, x } = await published('Aviso de corte de agua en la colonia Centro')
    const insert = t.query('INSERT INTO distributions (bulletin_id, channel, account, version_hash, status) VALUES ($1, $2, $3, $4, $5)', [
      bulletin.id,
      'x',
      x.account,
      x.versionHash,
      'pending',
    ])
    await expect(insert).rejects.toMatchObject({ code: '23505' })
    // Another account of the same network is another row.
    await t.query('INSERT INTO distributions (bulletin_id, channel, account, version_hash, status) VALUES ($1, $2, $3, $4, $5)', [
      bulletin.id,
      'x',
      'otra-cuenta',
      x.versionHash,
      'skipped',
    ])
  })
})

describe('when the network refuses or loses the post', () => {
  it('waits for the reset after a 429 in a new delayed job, without using up retries, and then posts once', async () => {
    const { x, link } = await published('Convocatoria de becas municipales 2027')
    fakeX.failNext('rate-limit')
    expect(await postToX(ctx, x.id, { jobId: '00000000-0000-4000-8000-000000000001' })).toBe('waiting')

    const refused = fakeX.requests.at(-1)!
    expect(refused.response?.status).toBe(429)
    const resetAt = Number(refused.response!.headers['x-rate-limit-reset']) * 1000
    const waiting = await row(x.id)
    expect(waiting).toMatchObject({ status: 'pending', errorCode: 'X_RATE_LIMITED', waitingReason: expect.stringMatching(/pidió esperar/) })
    expect(new Date(waiting.nextAttemptAt!).getTime()).toBe(resetAt)
    const jobs = await t.query<{ start_after: Date; retry_count: number }>(
      `SELECT start_after, retry_count FROM pgboss.job WHERE name = $1 AND (data->>'distributionId')::int = $2 ORDER BY created_on`,
      [QUEUES.postToX, x.id],
    )
    // The publication's job, and the one that takes it up at the reset.
    expect(jobs).toHaveLength(2)
    expect(jobs[1]!.start_after.getTime()).toBe(resetAt)
    expect(jobs.map((j) => j.retry_count)).toEqual([0, 0])
    const [account] = await t.query<{ rate_limit_reset_at: Date }>(`SELECT rate_limit_reset_at FROM social_accounts WHERE channel = 'x'`)
    expect(account!.rate_limit_reset_at.getTime()).toBe(resetAt)

    const worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [QUEUES.postToX] })
    try {
      const sent = await waitFor(async () => ((await row(x.id)).status === 'sent' ? row(x.id) : null), { timeoutMs: 20_000, message: 'the post after the reset' })
      expect(Date.now()).toBeGreaterThanOrEqual(resetAt)
      expect(sent).toMatchObject({ attempts: 2, errorCode: null, waitingReason: null })
      expect(xPostsLinking(link)).toHaveLength(1)
    } finally {
      await worker.stop()
    }
  })

  it('marks the account «reconectar» on refused credentials and stops posting until someone retries', async () => {
    const first = await published('Feria del empleo en el auditorio municipal')
    const second = await published('Jornada de limpieza del río Santa Lucía')
    fakeX.failNext('unauthorized')
    expect(await postToX(ctx, first.x.id)).toBe('reconnect')
    expect(await row(first.x.id)).toMatchObject({ status: 'failed', errorCode: 'X_AUTH_FAILED', isRetryable: true, error: expect.stringMatching(/credenciales/) })
    const [account] = await t.query<{ needs_reconnect: boolean }>(`SELECT needs_reconnect FROM social_accounts WHERE channel = 'x'`)
    expect(account!.needs_reconnect).toBe(true)

    const requestsBefore = fakeX.requests.length
    expect(await postToX(ctx, second.x.id)).toBe('reconnect')
    expect(fakeX.requests.length).toBe(requestsBefore)
    expect(await row(second.x.id)).toMatchObject({ status: 'failed', errorCode: 'SOCIAL_ACCOUNT_NEEDS_RECONNECT', isRetryable: true })

    // Once the keys are renewed, any staff member retries; that clears the flag and queues the post again.
    const { editor } = await team(t.payload)
    const answer = await api.rest('POST', `distributions/${first.x.id}/retry`, { token: await tokenOf(editor) })
    expect(answer.status).toBe(200)
    expect(await row(first.x.id)).toMatchObject({ status: 'pending', error: null, errorCode: null })
    const [cleared] = await t.query<{ needs_reconnect: boolean }>(`SELECT needs_reconnect FROM social_accounts WHERE channel = 'x'`)
    expect(cleared!.needs_reconnect).toBe(false)
    const jobs = await t.query(`SELECT id FROM pgboss.job WHERE name = $1 AND (data->>'distributionId')::int = $2`, [QUEUES.postToX, first.x.id])
    expect(jobs).toHaveLength(2)
    expect(await postToX(ctx, first.x.id)).toBe('sent')
    expect(xPostsLinking(first.link)).toHaveLength(1)
  })

  it('settles a post whose answer was lost by finding it among the account’s recent posts', async () => {
    const { x, mastodon, link } = await published('Inauguran la planta de tratamiento de agua')
    fakeX.failNext('reset-after-post')
    expect(await postToX(ctx, x.id)).toBe('sent')
    const [post] = xPostsLinking(link)
    expect(xPostsLinking(link)).toHaveLength(1)
    expect(await row(x.id)).toMatchObject({ status: 'sent', remoteId: post!.id, attempts: 1, detail: expect.objectContaining({ reconciled: true }) })
    expect(fakeX.requests.some((r) => r.method === 'GET' && r.path === `/2/users/${fakeX.user.id}/tweets`)).toBe(true)

    fakeMastodon.failNext('bad-gateway-after-post')
    expect(await postToMastodon(ctx, mastodon.id)).toBe('sent')
    expect(statusesLinking(link)).toHaveLength(1)
    expect(await row(mastodon.id)).toMatchObject({ status: 'sent', remoteId: statusesLinking(link)[0]!.id, detail: expect.objectContaining({ reconciled: true }) })
  })

  it('sends again to Mastodon with the same Idempotency-Key when the post is not on the account', async () => {
    const { mastodon, link } = await published('Programa de descacharrización por colonias')
    fakeMastodon.failNext('unavailable', 1, 'post')
    expect(await postToMastodon(ctx, mastodon.id)).toBe('sent')
    const posts = fakeMastodon.requests.filter((r) => r.path === '/api/v1/statuses' && r.method === 'POST' && (r.body as { status: string }).status.includes(link))
    expect(posts).toHaveLength(2)
    expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).toBe(1)
    expect(statusesLinking(link)).toHaveLength(1)
    expect(await row(mastodon.id)).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('flags an outcome it cannot settle «sin confirmar» and lets people retry it or mark it as published', async () => {
    const first = await published('Horario especial del panteón municipal')
    fakeX.failNext('stall-before-post')
    expect(await postToX(ctx, first.x.id)).toBe('unknown')
    expect(await row(first.x.id)).toMatchObject({
      status: 'unknown',
      errorCode: 'X_TIMEOUT',
      error: expect.stringMatching(/Marcar como publicado.*Reintentar/),
    })
    expect(xPostsLinking(first.link)).toHaveLength(0)
    // A job that runs again looks again, and still does not post blindly.
    expect(await postToX(ctx, first.x.id)).toBe('unknown')
    expect(fakeX.requests.filter((r) => r.path === '/2/tweets' && (r.body as { text?: string })?.text?.includes(first.link))).toHaveLength(1)

    const { editor, approver } = await team(t.payload)
    const refused = await api.rest('POST', `distributions/${first.x.id}/mark-published`, { token: await tokenOf(editor), body: { url: 'https://x.com/municipio/status/1' } })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ errors: [{ code: 'DISTRIBUTION_ROLE_NOT_ALLOWED' }] })
    const anonymous = await api.rest('POST', `distributions/${first.x.id}/mark-published`, { body: {} })
    expect(anonymous.status).toBe(401)

    const marked = await api.rest('POST', `distributions/${first.x.id}/mark-published`, { token: await tokenOf(approver), body: { url: 'https://x.com/municipio/status/1' } })
    expect(marked.status).toBe(200)
    expect(await row(first.x.id)).toMatchObject({ status: 'sent', remoteUrl: 'https://x.com/municipio/status/1', resolvedBy: approver.id })
    const [entry] = await t.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM audit_log WHERE item_id = $1 AND action LIKE 'distribution-%'`,
      [String(first.bulletin.id)],
    )
    expect(entry).toEqual({ action: 'distribution-mark-published', actor_name: approver.name })
    // Already published: neither action applies any more.
    expect((await api.rest('POST', `distributions/${first.x.id}/retry`, { token: await tokenOf(approver) })).status).toBe(409)

    const second = await published('Campaña de esterilización canina y felina')
    fakeX.failNext('stall-before-post')
    expect(await postToX(ctx, second.x.id)).toBe('unknown')
    expect((await api.rest('POST', `distributions/${second.x.id}/retry`, { token: await tokenOf(editor) })).status).toBe(200)
    expect(await postToX(ctx, second.x.id)).toBe('sent')
    expect(xPostsLinking(second.link)).toHaveLength(1)
  })
})

describe('who sees and settles distributions', () => {
  it('shows distributions and social accounts only to staff, on REST, GraphQL and the Local API', async () => {
    const outsider = null
    expect((await api.rest('GET', 'distributions')).status).toBe(403)
    expect((await api.rest('GET', 'social-accounts')).status).toBe(403)
    const graph = await api.graphql('{ Distributions { docs { id status } } }')
    expect(graph.errors?.[0]?.extensions?.statusCode).toBe(403)
    await expect(t.payload.find({ collection: 'distributions', overrideAccess: false, user: outsider })).rejects.toMatchObject({ status: 403 })

    const editor = await buildUser(t.payload, 'editor')
    const seen = await api.rest('GET', 'distributions?limit=1', { token: await tokenOf(editor) })
    expect(seen.status).toBe(200)
    expect((seen.body as { totalDocs: number }).totalDocs).toBeGreaterThan(0)
    // Nobody writes the ledger through the API: only the worker and the two actions do.
    const [any] = (await t.payload.find({ collection: 'distributions', limit: 1, depth: 0 })).docs
    const admin = await buildUser(t.payload, 'admin')
    expect((await api.rest('PATCH', `distributions/${any!.id}`, { token: await tokenOf(admin), body: { status: 'sent' } })).status).toBe(403)
    await expect(
      t.payload.update({ collection: 'distributions', id: any!.id, data: { status: 'sent' }, overrideAccess: false, user: admin }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
