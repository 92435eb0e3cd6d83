import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBlueskyProvider } from '@pregon/workers/providers/bluesky/createBlueskyProvider'
import { createMastodonProvider } from '@pregon/workers/providers/mastodon/createMastodonProvider'
import { createFacebookProvider } from '@pregon/workers/providers/meta/createFacebookProvider'
import { createInstagramProvider } from '@pregon/workers/providers/meta/createInstagramProvider'
import { createThreadsProvider } from '@pregon/workers/providers/meta/createThreadsProvider'
import type { SocialPostResult } from '@pregon/workers/providers/SocialProvider'
import { createTelegramProvider } from '@pregon/workers/providers/telegram/createTelegramProvider'
import { createXProvider } from '@pregon/workers/providers/x/XProvider'
import { startFakeNetworks, type FakeNetworks } from '../../helpers/fakeNetworks'

/**
 * Each network's answer to and deletion of a post, against its stand-in: the request the network expects
 * (X's reply.in_reply_to_tweet_id, Mastodon's in_reply_to_id, a Graph comment, Threads' reply_to_id, Bluesky's
 * reply ref, Telegram's reply_parameters), and a delete that is harmless to repeat.
 */

let fakes: FakeNetworks
beforeAll(async () => {
  fakes = await startFakeNetworks({ meta: { containerPolls: 0 } })
})
afterAll(async () => fakes?.close())

const link = 'https://santalucia.gob.mx/boletines/mercado-hidalgo/'
const text = `El mercado Hidalgo abre el lunes. ${link}`
const answer = `Corrección: abre el martes, no el lunes.\n${link}`
const posted = (result: SocialPostResult) => {
  if (result.kind !== 'posted') throw new Error('expected a live post')
  return result
}

describe('replying to and deleting a post', () => {
  it('X: a reply names the original; a delete removes it, and a second delete is not an error', async () => {
    const x = createXProvider({ credentials: { appKey: 'x-app-key', appSecret: 'x-app-secret', accessToken: 'x-access-token', accessSecret: 'x-access-secret' }, apiUrl: fakes.x.url, timeoutMs: 2_000 })
    const original = posted(await x.post({ text, link }))
    const reply = posted(await x.reply!({ toPostId: original.id, text: answer, link }))
    expect(fakes.x.posts.find((post) => post.id === reply.id)).toMatchObject({ text: answer, inReplyTo: original.id })
    await x.deletePost!(original.id)
    await x.deletePost!(original.id)
    expect(fakes.x.deleted).toEqual([original.id])
    expect(fakes.x.requests.filter((request) => request.method === 'DELETE').map((request) => request.path)).toEqual([`/2/tweets/${original.id}`, `/2/tweets/${original.id}`])
  })

  it('Mastodon: in_reply_to_id with the idempotency key; DELETE /api/v1/statuses/:id', async () => {
    const mastodon = createMastodonProvider({ server: { url: fakes.mastodon.url, accessToken: fakes.mastodon.accessToken }, timeoutMs: 2_000 })
    const original = posted(await mastodon.post({ text, link }))
    const reply = posted(await mastodon.reply!({ toPostId: original.id, text: answer, idempotencyKey: 'pregon-distribution-9-abc' }))
    // The same key again (a retry after a lost answer) gives the same status, not a second one.
    const again = posted(await mastodon.reply!({ toPostId: original.id, text: answer, idempotencyKey: 'pregon-distribution-9-abc' }))
    expect(again.id).toBe(reply.id)
    expect(fakes.mastodon.statuses.filter((status) => status.inReplyTo === original.id)).toHaveLength(1)
    await mastodon.deletePost!(original.id)
    await mastodon.deletePost!(original.id)
    expect(fakes.mastodon.deleted).toEqual([original.id])
  })

  it('Facebook: a comment under the post; DELETE /{post-id}, already gone counting as deleted', async () => {
    const facebook = createFacebookProvider({ credentials: { pageId: fakes.meta.facebook.accountId, accessToken: fakes.meta.facebook.accessToken }, apiUrl: fakes.meta.facebook.url, timeoutMs: 2_000 })
    const original = posted(await facebook.post({ text, link }))
    const comment = posted(await facebook.reply!({ toPostId: original.id, text: answer, link }))
    expect(fakes.meta.facebook.comments).toEqual([{ id: comment.id, on: original.id, text: answer }])
    await facebook.deletePost!(original.id)
    await facebook.deletePost!(original.id)
    expect(fakes.meta.facebook.deleted).toEqual([original.id])
  })

  it('Instagram: a comment under the media; no delete through the API', async () => {
    const instagram = createInstagramProvider({ credentials: { accountId: fakes.meta.instagram.accountId, accessToken: fakes.meta.instagram.accessToken }, apiUrl: fakes.meta.instagram.url, timeoutMs: 2_000, containerPollMs: 5 })
    const original = posted(await instagram.post({ text, link, image: { path: '/nonexistent.jpg', mimeType: 'image/jpeg', alt: 'Fachada del mercado', url: 'https://santalucia.gob.mx/media/mercado-vertical.jpg' } }))
    const comment = posted(await instagram.reply!({ toPostId: original.id, text: answer, link }))
    expect(fakes.meta.instagram.comments).toEqual([{ id: comment.id, on: original.id, text: answer }])
    expect(instagram.deletePost).toBeUndefined()
  })

  it('Threads: a reply is a container with reply_to_id; DELETE /{media-id}', async () => {
    const threads = createThreadsProvider({ credentials: { userId: fakes.meta.threads.accountId, accessToken: fakes.meta.threads.accessToken }, apiUrl: fakes.meta.threads.url, timeoutMs: 2_000, containerPollMs: 5 })
    const original = posted(await threads.post({ text, link }))
    const reply = posted(await threads.reply!({ toPostId: original.id, text: answer, link }))
    expect(fakes.meta.threads.published.find((post) => post.id === reply.id)).toMatchObject({ text: answer, inReplyTo: original.id })
    // The account's own posts, as the read-back sees them, do not include the answer.
    expect(await threads.findRecentPost!(link)).toMatchObject({ id: original.id })
    await threads.deletePost!(original.id)
    expect(fakes.meta.threads.deleted).toEqual([original.id])
  })

  it('Bluesky: the reply ref names the original by uri and cid (read back when the row has none); deleteRecord', async () => {
    const bluesky = createBlueskyProvider({ credentials: { identifier: fakes.bluesky.account.handle, appPassword: fakes.bluesky.account.appPassword }, serviceUrl: fakes.bluesky.url, timeoutMs: 2_000 })
    const original = posted(await bluesky.post({ text, link, postKey: bluesky.makePostKey() }))
    expect(original.cid).toBe(fakes.bluesky.records.find((record) => record.uri === original.id)!.cid)
    const reply = posted(await bluesky.reply!({ toPostId: original.id, toPostCid: null, text: answer, link, postKey: bluesky.makePostKey() }))
    const ref = { uri: original.id, cid: original.cid }
    expect(fakes.bluesky.records.find((record) => record.uri === reply.id)!.value.reply).toEqual({ root: ref, parent: ref })
    expect(fakes.bluesky.requests.some((request) => request.path.endsWith('com.atproto.repo.getRecord'))).toBe(true)
    await bluesky.deletePost!(original.id)
    await bluesky.deletePost!(original.id)
    expect(fakes.bluesky.deleted).toEqual([original.id])
  })

  it('Telegram: reply_parameters; deleteMessage, and a refusal after 48 hours said as such', async () => {
    const telegram = createTelegramProvider({ credentials: { botToken: fakes.telegram.token, chatId: fakes.telegram.chatId }, apiUrl: fakes.telegram.url, timeoutMs: 2_000 })
    const original = posted(await telegram.post({ text, link }))
    const reply = posted(await telegram.reply!({ toPostId: original.id, text: answer, link }))
    expect(fakes.telegram.messages.find((message) => String(message.message_id) === reply.id)).toMatchObject({ text: answer, replyTo: Number(original.id) })
    const old = posted(await telegram.post({ text: `Aviso anterior. ${link}`, link }))
    fakes.telegram.undeletable.add(Number(old.id))
    await expect(telegram.deletePost!(old.id)).rejects.toMatchObject({ code: 'TELEGRAM_CANNOT_DELETE' })
    await telegram.deletePost!(original.id)
    await telegram.deletePost!(original.id)
    expect(fakes.telegram.deleted).toEqual([Number(original.id)])
  })
})
