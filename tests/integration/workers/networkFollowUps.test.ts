import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalReq } from 'payload'
import type { Bulletin, Distribution, MailingList, User } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { describeWorkflowStep } from '@pregon/cms/workflow/describeWorkflowStep'
import { isSocialChannel, socialSpec, type SocialChannel } from '@pregon/core/channels'
import type { FollowUpDetail } from '@pregon/core/networkFollowUps'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { postToNetwork } from '@pregon/workers/tasks/postToNetwork'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { buildBulletin, team } from '../../helpers/builders'
import { startFakeNetworks, type FakeNetworks } from '../../helpers/fakeNetworks'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

/**
 * Issue 19, item 4: corrections and withdrawals follow the post on each network where it went out. A correction
 * answers the original post with its note; a withdrawal answers it or deletes it, as each account says; an
 * account set to «No hacer nada» gets nothing. Asserted on the ledger rows and on the requests the networks'
 * stand-ins received.
 */

let fakes: FakeNetworks
let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskContext
let editor: User
let approver: User
let list: MailingList

beforeAll(async () => {
  fakes = await startFakeNetworks()
  harness = await startTaskHarness({ env: fakes.env })
  t = harness.t
  ctx = { ...harness.ctx, networks: createSocialProviders(t.config, { timeoutMs: 5_000 }) }
  ;({ editor, approver } = await team(t.payload))
  list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Obras', slug: 'obras', audience: 'press' } })
  await t.payload.create({ collection: 'press-contacts', data: { name: 'Ana', email: 'ana@medios.test', status: 'active', lists: [list.id] } })
})

afterAll(async () => {
  await harness?.close()
  await fakes?.close()
})

type Verb = Parameters<typeof applyWorkflowAction>[0]['verb']
const act = (id: number, verb: Verb, user: User, extra: { reason?: string; notice?: string } = {}) => applyWorkflowAction({ payload: t.payload, id, verb, user, ...extra })

/** A bulletin published on `channels` by an editor and an approver, every distribution carried out once. */
async function publishedOn(title: string, channels: string[]): Promise<Bulletin> {
  const draft = await buildBulletin(t.payload, { title, summary: 'El puente cierra del lunes al viernes.' })
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { pressLists: [list.id], distributeTo: channels as Bulletin['distributeTo'] }, overrideAccess: false, user: editor })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await act(draft.id, verb, user)
  await runPending(draft.id)
  return t.payload.findByID({ collection: 'bulletins', id: draft.id, depth: 0 })
}

const rowsOf = async (bulletinId: number): Promise<Distribution[]> =>
  (await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId } }, sort: 'id', depth: 0, pagination: false })).docs

/** What a worker would do with every job of the item: each pending row sent once (the queue's task, called directly). */
async function runPending(bulletinId: number): Promise<Record<number, string>> {
  const outcomes: Record<number, string> = {}
  for (const row of await rowsOf(bulletinId)) {
    if (row.status !== 'pending') continue
    if (row.channel === 'press-mailing') outcomes[row.id] = (await sendPressMailing(ctx, row.id)).outcome
    else if (isSocialChannel(row.channel)) outcomes[row.id] = await postToNetwork(ctx, row.channel as SocialChannel, row.id)
  }
  return outcomes
}

const followUpOf = (row: Distribution) => (row.detail as { followUp: FollowUpDetail }).followUp
const mainAccount = (channel: SocialChannel) => socialSpec(channel).account(t.config)
/** A main account's settings: its row as the worker makes it, with what the office chose. */
async function setMainAccount(channel: SocialChannel, data: { onCorrection?: 'reply' | 'none'; onWithdrawal?: 'reply' | 'delete' | 'none' }): Promise<void> {
  const where = { channel: { equals: channel }, account: { equals: mainAccount(channel) } }
  const { docs } = await t.payload.find({ collection: 'social-accounts', where, depth: 0, limit: 1 })
  if (docs[0]) await t.payload.update({ collection: 'social-accounts', id: docs[0].id, data, depth: 0 })
  else await t.payload.create({ collection: 'social-accounts', data: { channel, account: mainAccount(channel), source: 'environment', label: `${channel} · cuenta principal`, ...data } })
}

describe('a corrected bulletin', () => {
  it('answers the original post on each network once, with the note, next to the «Corrección» mailing', async () => {
    const bulletin = await publishedOn('Cierre del puente Juárez', ['press-mailing', 'x', 'bluesky'])
    const originals = (await rowsOf(bulletin.id)).filter((row) => row.purpose === 'publication')
    const xPost = originals.find((row) => row.channel === 'x')!
    const blueskyPost = originals.find((row) => row.channel === 'bluesky')!
    expect([xPost.status, blueskyPost.status]).toEqual(['sent', 'sent'])
    // Bluesky's cid is kept with the post: a reply must name it.
    const blueskyRecord = fakes.bluesky.records.find((record) => record.uri === blueskyPost.remoteId)!
    expect((blueskyPost.detail as { cid?: string }).cid).toBe(blueskyRecord.cid)

    await act(bulletin.id, 'correct', editor)
    const note = 'El puente cierra del lunes al jueves, no al viernes.'
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'El puente cierra del lunes al jueves.', correction: { note, isMinor: false } }, overrideAccess: false, user: editor })
    await act(bulletin.id, 'submit', editor)
    await act(bulletin.id, 'approve', approver)
    const plan = await describeWorkflowStep({ payload: t.payload, req: await createLocalReq({ user: approver }, t.payload), collection: 'bulletins', id: bulletin.id, verb: 'publish', user: approver })
    expect(plan.effects).toContain('Se responderá a la publicación original en X y Bluesky con la nota de corrección.')
    await act(bulletin.id, 'publish', approver)

    const followUps = (await rowsOf(bulletin.id)).filter((row) => row.purpose === 'correction')
    expect(followUps.map((row) => [row.channel, row.account, row.status]).sort()).toEqual([
      ['bluesky', mainAccount('bluesky'), 'pending'],
      ['press-mailing', expect.any(String), 'pending'],
      ['x', mainAccount('x'), 'pending'],
    ])
    const xRow = followUps.find((row) => row.channel === 'x')!
    expect(followUpOf(xRow)).toMatchObject({ kind: 'correction', action: 'reply', toPostId: xPost.remoteId, originalDistributionId: xPost.id })

    const xRequestsBefore = fakes.x.requests.length
    const outcomes = await runPending(bulletin.id)
    expect(Object.values(outcomes).sort()).toEqual(['sent', 'sent', 'sent'])

    // X: one POST /2/tweets answering the original, with the note and the bulletin's address.
    const xReplies = fakes.x.requests.slice(xRequestsBefore).filter((request) => request.method === 'POST' && request.path === '/2/tweets')
    expect(xReplies).toHaveLength(1)
    const xBody = xReplies[0]!.body as { text: string; reply?: { in_reply_to_tweet_id?: string } }
    expect(xBody.reply?.in_reply_to_tweet_id).toBe(xPost.remoteId)
    expect(xBody.text).toContain(`Corrección: ${note}`)
    expect(xBody.text).toContain(`/boletines/${bulletin.slug}/`)
    // Bluesky: a record whose reply ref names the original as root and parent, by uri and cid.
    const blueskyReplies = fakes.bluesky.records.filter((record) => record.value.reply)
    expect(blueskyReplies).toHaveLength(1)
    expect(blueskyReplies[0]!.value.reply).toEqual({ root: { uri: blueskyRecord.uri, cid: blueskyRecord.cid }, parent: { uri: blueskyRecord.uri, cid: blueskyRecord.cid } })
    expect(blueskyReplies[0]!.value.text).toContain(note)

    const settled = (await rowsOf(bulletin.id)).filter((row) => row.purpose === 'correction' && row.channel !== 'press-mailing')
    const xReply = fakes.x.posts.find((post) => post.inReplyTo === xPost.remoteId)!
    expect(settled.map((row) => [row.channel, row.status, row.remoteId]).sort()).toEqual([
      ['bluesky', 'sent', blueskyReplies[0]!.uri],
      ['x', 'sent', xReply.id],
    ])
    // The expediente keeps the answers like any post.
    const kept = await t.query<{ channel: string; remote_id: string; text: string }>(`SELECT channel, remote_id, text FROM expediente_entries WHERE distribution_id = ANY($1) ORDER BY channel`, [settled.map((row) => row.id)])
    expect(kept.map((entry) => [entry.channel, entry.remote_id])).toEqual([
      ['bluesky', blueskyReplies[0]!.uri],
      ['x', xReply.id],
    ])

    // A retried job posts nothing more.
    for (const row of settled) expect(await postToNetwork(ctx, row.channel as SocialChannel, row.id)).toBe('already-done')
    expect(fakes.x.posts.filter((post) => post.inReplyTo === xPost.remoteId)).toHaveLength(1)
    expect(fakes.bluesky.records.filter((record) => record.value.reply)).toHaveLength(1)
  })
})

describe('a withdrawn bulletin', () => {
  it('is deleted where the account says delete, answered where it says reply, and left alone where it says nothing', async () => {
    await setMainAccount('x', { onWithdrawal: 'delete' })
    await setMainAccount('facebook', { onWithdrawal: 'none' })
    await setMainAccount('telegram', { onWithdrawal: 'delete' })
    // Mastodon's main account has no row: it answers, the default.
    const bulletin = await publishedOn('Convocatoria de becas deportivas', ['x', 'mastodon', 'facebook', 'telegram'])
    const originals = await rowsOf(bulletin.id)
    const original = (channel: SocialChannel) => originals.find((row) => row.channel === channel)!
    expect(originals.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
    // The bot may no longer delete the channel's message (Telegram: after 48 hours): it answers instead.
    fakes.telegram.undeletable.add(Number(original('telegram').remoteId))

    const plan = await describeWorkflowStep({ payload: t.payload, req: await createLocalReq({ user: approver }, t.payload), collection: 'bulletins', id: bulletin.id, verb: 'withdraw', user: approver })
    expect(plan.effects).toContain('Se responderá a la publicación original en Mastodon con el aviso de retiro.')
    expect(plan.effects.join(' ')).toContain('Se borrará la publicación en X y Telegram')

    const notice = 'Se publicó por error; la convocatoria saldrá más adelante.'
    await act(bulletin.id, 'withdraw', approver, { reason: 'Falta la firma del convenio.', notice })
    const written = (await rowsOf(bulletin.id)).filter((row) => row.purpose === 'withdrawal')
    expect(written.map((row) => [row.channel, followUpOf(row).action, row.summary?.split(' · ').slice(0, 2).join(' · ')])).toEqual([
      ['x', 'delete', 'Retiro · X (borrado)'],
      ['mastodon', 'reply', 'Retiro · Mastodon (respuesta)'],
      ['telegram', 'delete', 'Retiro · Telegram (borrado)'],
    ])

    const mastodonRequestsBefore = fakes.mastodon.requests.length
    const outcomes = await runPending(bulletin.id)
    expect(Object.values(outcomes)).toEqual(['sent', 'sent', 'sent'])

    // X: the original deleted, nothing posted.
    expect(fakes.x.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([`/2/tweets/${original('x').remoteId}`])
    expect(fakes.x.deleted).toEqual([original('x').remoteId])
    expect(fakes.x.posts.some((post) => post.id === original('x').remoteId)).toBe(false)
    // Mastodon: one answer to the original with the notice.
    const mastodonPosts = fakes.mastodon.requests.slice(mastodonRequestsBefore).filter((request) => request.method === 'POST' && request.path === '/api/v1/statuses')
    expect(mastodonPosts.map((request) => (request.body as { in_reply_to_id?: string }).in_reply_to_id)).toEqual([original('mastodon').remoteId])
    expect((mastodonPosts[0]!.body as { status: string }).status).toContain(`Esta publicación se retiró. ${notice}`)
    expect(fakes.mastodon.deleted).toEqual([])
    // Facebook: nothing at all.
    expect(fakes.meta.facebook.comments).toEqual([])
    expect(fakes.meta.facebook.deleted).toEqual([])
    // Telegram: the delete was refused, so the notice answers the original message.
    expect(fakes.telegram.deleted).toEqual([])
    const telegramAnswer = fakes.telegram.messages.filter((message) => message.replyTo === Number(original('telegram').remoteId))
    expect(telegramAnswer).toHaveLength(1)
    expect(telegramAnswer[0]!.text).toContain(notice)

    const settled = (await rowsOf(bulletin.id)).filter((row) => row.purpose === 'withdrawal')
    expect(settled.map((row) => [row.channel, row.status, (row.detail as { done?: string }).done])).toEqual([
      ['x', 'sent', 'delete'],
      ['mastodon', 'sent', 'reply'],
      ['telegram', 'sent', 'reply'],
    ])
    expect((settled[2]!.detail as { fallbackReason?: string }).fallbackReason).toMatch(/48 horas/)

    // Retried jobs do nothing more.
    for (const row of settled) expect(await postToNetwork(ctx, row.channel as SocialChannel, row.id)).toBe('already-done')
    expect(fakes.x.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1)
    expect(fakes.telegram.messages.filter((message) => message.replyTo === Number(original('telegram').remoteId))).toHaveLength(1)
  })

  it('records a dry run where the original post was one, and sends nothing', async () => {
    const dryRun: TaskContext = { ...harness.ctx }
    const draft = await buildBulletin(t.payload, { title: 'Horario de la biblioteca municipal' })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { distributeTo: ['mastodon'] }, overrideAccess: false, user: editor })
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await act(draft.id, verb, user)
    const [post] = await rowsOf(draft.id)
    expect(await postToNetwork(dryRun, 'mastodon', post!.id)).toBe('dry-run')
    const requestsBefore = fakes.mastodon.requests.length

    await act(draft.id, 'withdraw', approver, { reason: 'Cambió el horario.', notice: 'El horario cambió; se publicará de nuevo.' })
    const [followUp] = (await rowsOf(draft.id)).filter((row) => row.purpose === 'withdrawal')
    expect(followUpOf(followUp!)).toMatchObject({ isDryRunOriginal: true, toPostId: null })
    expect(await postToNetwork(dryRun, 'mastodon', followUp!.id)).toBe('dry-run')
    const recorded = (await rowsOf(draft.id)).find((row) => row.id === followUp!.id)!
    expect([recorded.status, recorded.errorCode, (recorded.detail as { dryRun?: boolean; done?: string }).done]).toEqual(['skipped', 'DRY_RUN', 'reply'])
    expect(fakes.mastodon.requests.length).toBe(requestsBefore)
  })

  it('gets nothing on an account set to «No hacer nada» when corrected', async () => {
    await setMainAccount('mastodon', { onCorrection: 'none' })
    const bulletin = await publishedOn('Campaña de vacunación canina', ['mastodon'])
    expect((await rowsOf(bulletin.id)).map((row) => [row.channel, row.status])).toEqual([['mastodon', 'sent']])
    await act(bulletin.id, 'correct', editor)
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'La campaña es el sábado.', correction: { note: 'Es el sábado, no el domingo.', isMinor: false } }, overrideAccess: false, user: editor })
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await act(bulletin.id, verb, user)
    expect((await rowsOf(bulletin.id)).filter((row) => row.purpose === 'correction')).toEqual([])
  })
})
