import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SocialAccount, User } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { socialSpec } from '@pregon/core/channels'
import { createAccountProviders } from '@pregon/workers/providers/accountProviders'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { checkSocialAccounts } from '@pregon/workers/tasks/checkSocialAccounts'
import { postToNetwork } from '@pregon/workers/tasks/postToNetwork'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildDepartment, buildUser, team } from '../../helpers/builders'
import type { FakeMetaView, FakeFacebookFault } from '../../helpers/fakeMetaGraph'
import { startFakeNetworks, type FakeNetworks } from '../../helpers/fakeNetworks'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * Several accounts per network (issue 17, item 8): an administrator adds DIF's Facebook page in the admin with
 * its token, sealed with CREDENTIALS_KEY and never readable again through any API; the department names it; a
 * DIF bulletin shows both pages before approval and, published, reaches each page once with its own token;
 * «Probar conexión» reads each account and a refusal flags only the account that was refused.
 */

const CREDENTIALS_KEY = randomBytes(32).toString('hex')
const DIF_PAGE = { id: '104000000000777', token: 'fake-dif-page-token-7f3a9c', name: 'DIF Santa Lucía' }

let harness: TaskHarness
let ctx: TaskContext
let fakes: FakeNetworks
let difPage: FakeMetaView<FakeFacebookFault> & { pageName: string }
let admin: User
let api: ReturnType<typeof apiClients>
let adminToken: string

beforeAll(async () => {
  fakes = await startFakeNetworks()
  difPage = fakes.meta.addFacebookPage(DIF_PAGE)
  harness = await startTaskHarness({ env: { ...fakes.env, CREDENTIALS_KEY } })
  ctx = { ...harness.ctx, networks: createSocialProviders(harness.t.config, { timeoutMs: 5_000 }) }
  admin = await buildUser(harness.t.payload, 'admin')
  api = apiClients(harness.t.payload)
  adminToken = await tokenOf(admin)
})

afterAll(async () => {
  await harness?.close()
  await fakes?.close()
})

const tokenOf = async (user: User) => (await harness.t.payload.login({ collection: 'users', data: { email: user.email, password: 'contraseña-de-prueba' } })).token!

let dif: SocialAccount

describe('an account added in the admin', () => {
  it('keeps its credentials sealed: the database holds ciphertext and no API returns them', async () => {
    const { t } = harness
    const created = await api.rest('POST', 'social-accounts', {
      token: adminToken,
      body: { label: 'DIF municipal', channel: 'facebook', facebookPageId: DIF_PAGE.id, facebookAccessToken: DIF_PAGE.token },
    })
    expect(created.status).toBe(201)
    dif = (created.body as { doc: SocialAccount }).doc
    expect(dif).toMatchObject({ account: 'dif-municipal', source: 'admin', isActive: true, credentialsSummary: `ID de la página: ${DIF_PAGE.id} · Token de acceso de la página: …${DIF_PAGE.token.slice(-4)}` })
    expect(JSON.stringify(created.body)).not.toContain(DIF_PAGE.token)

    const [stored] = await t.query<{ sealed_credentials: string; credentials_summary: string }>('SELECT sealed_credentials, credentials_summary FROM social_accounts WHERE id = $1', [dif.id])
    expect(stored!.sealed_credentials).toMatch(/^[0-9a-f]{8}\.v1\./)
    expect(stored!.sealed_credentials).not.toContain(DIF_PAGE.token.slice(0, 12))
    expect(stored!.sealed_credentials).not.toContain(Buffer.from(DIF_PAGE.token).toString('base64').slice(0, 12))

    // REST, GraphQL and the Local API (as a person) leave the sealed form out, for the admin too.
    const { editor } = await team(t.payload)
    for (const token of [adminToken, await tokenOf(editor)]) {
      const read = await api.rest('GET', `social-accounts/${dif.id}`, { token })
      expect(read.status).toBe(200)
      expect(Object.keys(read.body!)).not.toContain('sealedCredentials')
      expect(JSON.stringify(read.body)).not.toContain(DIF_PAGE.token)
    }
    const graphql = await api.graphql(`{ SocialAccount(id: ${dif.id}) { label sealedCredentials } }`, { token: adminToken })
    expect(graphql.data?.SocialAccount).toEqual({ label: 'DIF municipal', sealedCredentials: null })
    const local = await t.payload.findByID({ collection: 'social-accounts', id: dif.id, overrideAccess: false, user: admin })
    expect(Object.keys(local)).not.toContain('sealedCredentials')
    expect(JSON.stringify(local)).not.toContain(DIF_PAGE.token)

    // Saving credentials queues a connection check, so the row soon says whose page they open.
    const [queued] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'social-check' AND data->>'reason' = 'manual'`)
    expect(queued!.n).toBeGreaterThan(0)
  })

  it('refuses incomplete credentials, credentials for a main account, editors, and planted ciphertext', async () => {
    const { t } = harness
    const incomplete = await api.rest('POST', 'social-accounts', { token: adminToken, body: { label: 'Protección Civil', channel: 'bluesky', blueskyIdentifier: 'pc.santalucia.gob.mx' } })
    expect([incomplete.status, JSON.stringify(incomplete.body)]).toEqual([422, expect.stringContaining('Faltan credenciales: Contraseña de aplicación')])
    expect((await t.payload.find({ collection: 'social-accounts', where: { label: { equals: 'Protección Civil' } } })).totalDocs).toBe(0)

    const { editor } = await team(t.payload)
    const byEditor = await api.rest('POST', 'social-accounts', { token: await tokenOf(editor), body: { label: 'Otra', channel: 'x' } })
    expect(byEditor.status).toBe(403)

    await checkSocialAccounts(ctx)
    const main = (await t.payload.find({ collection: 'social-accounts', where: { channel: { equals: 'facebook' }, source: { equals: 'environment' } } })).docs[0]!
    const overwrite = await api.rest('PATCH', `social-accounts/${main.id}`, { token: adminToken, body: { facebookPageId: '1', facebookAccessToken: 'x' } })
    expect([overwrite.status, JSON.stringify(overwrite.body)]).toEqual([422, expect.stringContaining('vienen de la configuración del servidor')])
    const remove = await api.rest('DELETE', `social-accounts/${main.id}`, { token: adminToken })
    expect(remove.status).not.toBe(200)
    expect(await t.payload.findByID({ collection: 'social-accounts', id: main.id, disableErrors: true })).not.toBeNull()

    // Ciphertext sent through the API is ignored: only what Pregón sealed is kept.
    const before = (await t.query<{ sealed_credentials: string }>('SELECT sealed_credentials FROM social_accounts WHERE id = $1', [dif.id]))[0]!.sealed_credentials
    const planted = await api.rest('PATCH', `social-accounts/${dif.id}`, { token: adminToken, body: { sealedCredentials: 'v1.00000000.a.b.c', label: 'DIF municipal' } })
    expect(planted.status).toBe(200)
    const after = (await t.query<{ sealed_credentials: string }>('SELECT sealed_credentials FROM social_accounts WHERE id = $1', [dif.id]))[0]!.sealed_credentials
    expect(after).toBe(before)
  })
})

describe('a department with its own page', () => {
  let worker: RunningWorker

  afterAll(async () => {
    await worker?.stop()
  })

  it('shows both pages before approval, then posts once on each, each with its own token', async () => {
    const { t } = harness
    const department = await buildDepartment(t.payload, 'DIF Municipal')
    await t.payload.update({ collection: 'departments', id: department.id, data: { socialAccounts: [dif.id] } })
    const { editor, approver } = await team(t.payload)
    const draft = await buildBulletin(t.payload, { title: 'El DIF abre la inscripción a talleres de verano', department: department.id })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { distributeTo: ['facebook'] }, overrideAccess: false, user: editor })

    const reach = await api.rest('POST', 'social-accounts/reach', { token: await tokenOf(approver), body: { distributeTo: ['facebook'], department: department.id } })
    expect((reach.body as { accounts: unknown[] }).accounts).toEqual([
      expect.objectContaining({ channel: 'facebook', account: 'principal', isMain: true }),
      expect.objectContaining({ channel: 'facebook', account: 'dif-municipal', label: 'DIF municipal', isMain: false }),
    ])
    expect((await api.rest('POST', 'social-accounts/reach', { body: { distributeTo: ['facebook'] } })).status).toBe(401)

    for (const verb of ['submit', 'approve', 'publish'] as const) await applyWorkflowAction({ payload: t.payload, id: draft.id, verb, user: verb === 'submit' ? editor : approver })
    worker = await startWorker(ctx, { databaseUrl: t.databaseUrl, queues: [socialSpec('facebook').queue] })
    const rows = await waitFor(
      async () => {
        const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: draft.id }, channel: { equals: 'facebook' } }, depth: 0, sort: 'id' })
        return docs.length === 2 && docs.every((row) => row.status === 'sent') ? docs : null
      },
      { timeoutMs: 20_000, intervalMs: 100, message: 'both Facebook pages to be posted' },
    )
    expect(rows.map((row) => row.account)).toEqual(['principal', 'dif-municipal'])
    expect(rows[1]!.remoteUrl).toContain(DIF_PAGE.id)
    expect(rows[1]!.summary).toMatch(/^DIF municipal · /)

    const mainPosts = fakes.meta.facebook.published.filter((post) => post.text.includes(draft.slug!))
    const difPosts = difPage.published.filter((post) => post.text.includes(draft.slug!))
    expect([mainPosts.length, difPosts.length]).toEqual([1, 1])
    // Each page's requests carried its own token (the fake tells pages apart by it).
    expect(difPage.requests.every((request) => request.headers.authorization === `Bearer ${DIF_PAGE.token}`)).toBe(true)
    expect(fakes.meta.facebook.requests.some((request) => request.headers.authorization === `Bearer ${DIF_PAGE.token}`)).toBe(false)
  })
})

describe('«Probar conexión» for every account', () => {
  it('reads the added account with its own credentials and flags only that one when refused', async () => {
    const { t } = harness
    const outcomes = await checkSocialAccounts(ctx)
    expect(outcomes).toMatchObject({ 'facebook/principal': 'connected', 'facebook/dif-municipal': 'connected' })
    expect(await t.payload.findByID({ collection: 'social-accounts', id: dif.id })).toMatchObject({ checkedAccount: `${DIF_PAGE.name} (página)`, needsReconnect: false })

    difPage.failNext('expired-token', 1, 'any')
    expect(await checkSocialAccounts(ctx)).toMatchObject({ 'facebook/principal': 'connected', 'facebook/dif-municipal': 'reconnect' })
    const rows = (await t.payload.find({ collection: 'social-accounts', where: { channel: { equals: 'facebook' } } })).docs
    expect(Object.fromEntries(rows.map((row) => [row.account, row.needsReconnect]))).toEqual({ principal: false, 'dif-municipal': true })

    // New credentials clear the flag at once (and are checked again).
    const renewed = await api.rest('PATCH', `social-accounts/${dif.id}`, { token: adminToken, body: { facebookPageId: DIF_PAGE.id, facebookAccessToken: DIF_PAGE.token } })
    expect(renewed.status).toBe(200)
    expect(await t.payload.findByID({ collection: 'social-accounts', id: dif.id })).toMatchObject({ needsReconnect: false, error: null })
  })

  it('says what to do when the key changed or the account was switched off, and posts nothing', async () => {
    const { t } = harness
    const otherKey = createAccountProviders({ payload: t.payload, config: { ...t.config, credentialsKey: randomBytes(32).toString('hex') }, main: ctx.networks })
    await expect(otherKey.providerFor('facebook', 'dif-municipal')).rejects.toThrow(/otra CREDENTIALS_KEY/)
    const noKey = createAccountProviders({ payload: t.payload, config: { ...t.config, credentialsKey: undefined }, main: ctx.networks })
    await expect(noKey.providerFor('facebook', 'dif-municipal')).rejects.toMatchObject({ code: 'CREDENTIALS_KEY_MISSING' })

    // A row waiting for a page that was switched off fails with the reason and «Reintentar».
    await t.payload.update({ collection: 'social-accounts', id: dif.id, data: { isActive: false } })
    const bulletin = await buildBulletin(t.payload, { title: 'Aviso del DIF sobre horarios', status: 'published', skipDistribution: true })
    const row = await t.payload.create({
      collection: 'distributions',
      data: { bulletin: bulletin.id, channel: 'facebook', account: 'dif-municipal', versionHash: 'x'.repeat(64), status: 'pending' },
    })
    const before = difPage.published.length
    await expect(postToNetwork(ctx, 'facebook', row.id)).resolves.toBe('failed')
    expect(await t.payload.findByID({ collection: 'distributions', id: row.id })).toMatchObject({
      status: 'failed',
      errorCode: 'SOCIAL_ACCOUNT_INACTIVE',
      isRetryable: true,
      error: expect.stringContaining('está desactivada'),
    })
    expect(difPage.published.length).toBe(before)
  })
})
