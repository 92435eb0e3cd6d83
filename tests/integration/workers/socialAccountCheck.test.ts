import { afterAll, beforeAll, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { SOCIAL_CHANNELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import { findDistributionAlerts } from '../../../workers/src/alerts/findDistributionAlerts'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { checkSocialAccounts } from '@pregon/workers/tasks/checkSocialAccounts'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { apiClients } from '../../helpers/apiClients'
import { team } from '../../helpers/builders'
import { startFakeNetworks, type FakeNetworks } from '../../helpers/fakeNetworks'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

/**
 * «Probar conexión»: each configured account is read without posting; the row says whose account the
 * credentials open and when the token expires, a refusal flags «Reconectar» and working credentials clear it,
 * and a token about to expire becomes an alert two weeks ahead.
 */

let harness: TaskHarness
let ctx: TaskContext
let fakes: FakeNetworks

beforeAll(async () => {
  fakes = await startFakeNetworks()
  harness = await startTaskHarness({ env: fakes.env })
  ctx = { ...harness.ctx, networks: createSocialProviders(harness.t.config, { timeoutMs: 5_000 }) }
})

afterAll(async () => {
  await harness?.close()
  await fakes?.close()
})

const accounts = async () =>
  Object.fromEntries(
    (await harness.t.payload.find({ collection: 'social-accounts', where: { source: { equals: 'environment' } }, depth: 0, pagination: false })).docs.map((row) => [row.channel, row]),
  )
/** The main account's key in the outcomes: `facebook/principal`… */
const main = (channel: SocialChannel) => `${channel}/${socialSpec(channel).account(harness.t.config)}` as const

it('records whose account each network opens and when its token expires, posting nothing', async () => {
  const posted = () => fakes.x.posts.length + fakes.mastodon.statuses.length + fakes.meta.facebook.posts().length + fakes.bluesky.posts().length + fakes.telegram.posts().length
  const at = new Date('2026-12-01T13:00:00Z')
  expect(await checkSocialAccounts(ctx, at)).toEqual(Object.fromEntries(SOCIAL_CHANNELS.map((channel) => [main(channel), 'connected'])))
  expect(posted()).toBe(0)

  const rows = await accounts()
  expect(Object.keys(rows).sort()).toEqual([...SOCIAL_CHANNELS].sort())
  expect(rows.x).toMatchObject({ checkedAccount: `@${fakes.x.user.username}`, checkedAt: at.toISOString(), tokenExpiresAt: null, needsReconnect: false })
  expect(rows.mastodon!.checkedAccount).toBe(`@municipio@${new URL(fakes.mastodon.url).host}`)
  expect(rows.bluesky!.checkedAccount).toBe(`@${fakes.bluesky.account.handle}`)
  expect(rows.telegram!.checkedAccount).toContain(fakes.telegram.channel.title)
  // Meta tells when a token expires: a Page token made from a long-lived token never does, Threads' in 60 days.
  expect(rows.facebook!.tokenExpiresAt).toBeNull()
  expect(new Date(rows.threads!.tokenExpiresAt!).getTime()).toBe(fakes.meta.threads.tokenExpiresAt!.getTime())
})

it('flags «Reconectar» when the network refuses the token, and clears it once the renewed one works', async () => {
  fakes.meta.facebook.failNext('expired-token', 1, 'any')
  expect((await checkSocialAccounts(ctx))[main('facebook')]).toBe('reconnect')
  expect((await accounts()).facebook).toMatchObject({ needsReconnect: true, error: expect.stringContaining('FACEBOOK_PAGE_ACCESS_TOKEN') })

  // A network that does not answer says nothing about the credentials: no flag.
  fakes.bluesky.failNext('unavailable', 1, 'any')
  const outcomes = await checkSocialAccounts(ctx)
  expect([outcomes[main('facebook')], outcomes[main('bluesky')]]).toEqual(['connected', 'unreachable'])
  const rows = await accounts()
  expect([rows.facebook!.needsReconnect, rows.facebook!.error, rows.bluesky!.needsReconnect]).toEqual([false, null, false])
})

it('warns two weeks before a token expires, and once it has', async () => {
  const now = new Date()
  const { threads } = await accounts()
  await harness.t.payload.update({ collection: 'social-accounts', id: threads!.id, data: { tokenExpiresAt: new Date(now.getTime() + 10 * 86_400_000).toISOString() } })
  const alerts = (await findDistributionAlerts(ctx, now)).filter((alert) => alert.kind === 'social-token-expiring')
  expect(alerts).toEqual([
    expect.objectContaining({ key: `social-account:${threads!.id}:token-expiring`, message: expect.stringMatching(/^Vence el .+ el token de Threads/) }),
  ])
  await harness.t.payload.update({ collection: 'social-accounts', id: threads!.id, data: { tokenExpiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString() } })
  expect((await findDistributionAlerts(ctx, now)).filter((alert) => alert.kind === 'social-token-expiring')).toEqual([])
})

it('lets approvers ask for «Probar conexión», not editors, and queues the check', async () => {
  const { t } = harness
  const { editor, approver } = await team(t.payload)
  const api = apiClients(t.payload)
  const tokenOf = async (user: User) => (await t.payload.login({ collection: 'users', data: { email: user.email, password: 'contraseña-de-prueba' } })).token!
  const refused = await api.rest('POST', 'social-accounts/check', { token: await tokenOf(editor) })
  expect([refused.status, (refused.body?.errors as Array<{ code: string }>)[0]!.code]).toEqual([403, 'SOCIAL_CHECK_ROLE_NOT_ALLOWED'])
  const before = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'social-check'`)
  const asked = await api.rest('POST', 'social-accounts/check', { token: await tokenOf(approver) })
  expect([asked.status, asked.body?.message]).toEqual([200, expect.stringContaining('Probando la conexión')])
  const after = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'social-check'`)
  expect(after[0]!.n).toBe(before[0]!.n + 1)
})
