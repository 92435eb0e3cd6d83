import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Distribution } from '@pregon/cms/payload-types'
import { applyDistributionAction } from '@pregon/cms/distribution/distributionActions'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { composePostFor, SOCIAL_CHANNELS, type SocialChannel } from '@pregon/core/channels'
import { composeWhatsAppText } from '@pregon/core/whatsappText'
import { buildBulletin, buildJpeg, team } from '../../helpers/builders'
import { startEveryNetworkHarness, type EveryNetworkHarness } from '../../helpers/everyNetworkHarness'
import type { FakeNetworks } from '../../helpers/fakeNetworks'
import type { TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * The first criterion, end to end: one approved bulletin with a photo reaches the stand-ins of all
 * seven networks once each, each with its own text, the crop that network shows best and the photo's alt
 * text; WhatsApp waits for a person with the text ready to paste; every row is in the ledger with its link.
 */

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
let harness: TaskHarness
let fakes: FakeNetworks
let networks: EveryNetworkHarness

beforeAll(async () => {
  networks = await startEveryNetworkHarness({ siteUrl: SITE_URL, networks: { meta: { containerPolls: 1 } } })
  ;({ harness, fakes } = networks)
})

afterAll(async () => networks?.close())

const dimensionsOf = async (bytes: Buffer) => {
  const { width, height } = await sharp(bytes).metadata()
  return `${width}×${height}`
}

it('reaches all seven networks once each, with its text, crop and alt text, and leaves WhatsApp ready to paste', async () => {
  const { t } = harness
  const { editor, approver } = await team(t.payload)
  // A photo large enough for every crop (crops are never enlarged).
  const photo = await buildJpeg({ width: 2400, height: 1800 })
  const hero = await t.payload.create({
    collection: 'media',
    data: { alt: 'Brigada de bacheo trabajando en la avenida Juárez, con conos naranjas', showsPublicServant: 'no' },
    file: { data: photo, mimetype: 'image/jpeg', name: 'bacheo.jpg', size: photo.length },
  })
  const draft = await buildBulletin(t.payload, { title: 'Arranca el programa de bacheo en 40 colonias', heroImage: hero.id })
  // Each network's own wording where the editor wrote one; the X text, else the title, elsewhere.
  const texts = {
    xText: 'Bacheo en 40 colonias a partir del lunes: consulta el calendario de tu colonia.',
    facebookText: 'A partir del lunes, cuadrillas del Ayuntamiento reparan baches en 40 colonias. Consulta en el boletín el calendario de tu colonia y los desvíos.',
    blueskyText: 'Bacheo en 40 colonias desde el lunes 🚧',
  }
  await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: texts, overrideAccess: false, user: editor })
  for (const verb of ['submit', 'approve', 'publish'] as const) {
    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb, user: verb === 'submit' ? editor : approver })
  }
  const bulletin = await t.payload.findByID({ collection: 'bulletins', id: draft.id, depth: 0 })
  const link = `${SITE_URL}/boletines/${bulletin.slug}/`
  const textFor = (channel: SocialChannel) => composePostFor(channel, { item: bulletin as unknown as Record<string, unknown>, title: bulletin.title, url: link }).text

  const rows = await waitFor(
    async () => {
      const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletin.id } }, depth: 0, limit: 20 })
      const social = docs.filter((row) => (SOCIAL_CHANNELS as string[]).includes(row.channel))
      return social.length === SOCIAL_CHANNELS.length && social.every((row) => row.status === 'sent') ? docs : null
    },
    { timeoutMs: 30_000, intervalMs: 100, message: 'all seven networks to be posted' },
  )
  const byChannel = Object.fromEntries(rows.map((row) => [row.channel, row])) as Record<Distribution['channel'], Distribution>
  const crop = (name: 'x' | 'og' | 'vertical') => hero.sizes![name]!

  // X: the 16:9 crop uploaded, alt text set, one post.
  const xPosts = fakes.x.posts.filter((post) => post.text.includes(link))
  expect(xPosts.map((post) => post.text)).toEqual([`${texts.xText} ${link}`])
  const xMedia = fakes.x.media.get(xPosts[0]!.mediaIds[0]!)!
  expect([await dimensionsOf(xMedia.data), xMedia.altText]).toEqual(['1600×900', hero.alt])

  // Mastodon: the same crop, the alt text as its description.
  const statuses = fakes.mastodon.statuses.filter((status) => status.text.includes(link))
  expect(statuses.map((status) => status.text)).toEqual([textFor('mastodon')])
  const mastodonMedia = fakes.mastodon.media.get(statuses[0]!.mediaIds[0]!)!
  expect([await dimensionsOf(mastodonMedia.data), mastodonMedia.description]).toEqual(['1600×900', hero.alt])

  // Facebook: a photo post of the Open Graph crop, uploaded, with alt_text_custom.
  const facebook = fakes.meta.facebook.published.filter((post) => post.text.includes(link))
  expect(facebook.map((post) => post.text)).toEqual([`${texts.facebookText} ${link}`])
  expect([await dimensionsOf(facebook[0]!.photo!.data), facebook[0]!.alt]).toEqual(['1200×630', hero.alt])

  // Instagram and Threads fetch the 4:5 crop from its address on the portal.
  for (const view of [fakes.meta.instagram, fakes.meta.threads]) {
    const posts = view.published.filter((post) => post.text.includes(link))
    expect(posts).toHaveLength(1)
    expect([posts[0]!.imageUrl, posts[0]!.alt]).toEqual([`${SITE_URL}/media/${crop('vertical').filename}`, hero.alt])
  }
  expect(crop('vertical')).toMatchObject({ width: 1080, height: 1350 })
  // No text of their own: the X text.
  expect(textFor('instagram')).toBe(`${texts.xText} ${link}`)
  expect(fakes.meta.instagram.published.find((post) => post.text.includes(link))!.text).toBe(textFor('instagram'))
  expect(fakes.meta.threads.published.find((post) => post.text.includes(link))!.text).toBe(textFor('threads'))

  // Bluesky: one record under the key made for this distribution, the photo with its alt text.
  const records = fakes.bluesky.records.filter((record) => record.value.text.includes(link))
  expect(records.map((record) => record.value.text)).toEqual([`${texts.blueskyText} ${link}`])
  expect(records.map((record) => record.rkey)).toEqual([(byChannel.bluesky.detail as { postKey: string }).postKey])
  const [image] = records[0]!.value.embed!.images!
  expect([image!.alt, image!.aspectRatio]).toEqual([hero.alt, { width: 1200, height: 630 }])

  // Telegram: the photo with its caption (Telegram has no alt text field).
  const messages = fakes.telegram.messages.filter((message) => message.text.includes(link))
  expect(messages.map((message) => [message.kind, message.text, `${message.photo?.width}×${message.photo?.height}`])).toEqual([['photo', textFor('telegram'), '1200×630']])

  // The ledger names each post and links to it; the press mailing went too.
  for (const channel of SOCIAL_CHANNELS) expect(byChannel[channel]).toMatchObject({ status: 'sent', attempts: 1, remoteUrl: expect.stringMatching(/^https?:\/\//) })

  // WhatsApp: no API, so the row waits for a person; «Ya lo publiqué» records who did it.
  expect(byChannel.whatsapp).toMatchObject({ status: 'pending', waitingReason: expect.stringContaining('Copiar para WhatsApp') })
  expect(composeWhatsAppText({ title: bulletin.title, summary: bulletin.summary, url: link })).toBe(`*${bulletin.title}*\n\n${bulletin.summary}\n\n${link}`)
  const marked = await applyDistributionAction({ payload: t.payload, id: byChannel.whatsapp.id, action: 'mark-published', user: editor, url: null })
  expect(marked).toMatchObject({ status: 'sent', resolvedBy: editor.id })
  // The approver who answers for the accounts may settle the networks; an editor only what she posted by hand.
  await expect(applyDistributionAction({ payload: t.payload, id: byChannel.x.id, action: 'mark-published', user: editor })).rejects.toMatchObject({ code: 'DISTRIBUTION_ROLE_NOT_ALLOWED' })
  expect(approver.id).not.toBe(editor.id)
})

it('stops waiting for WhatsApp when the bulletin is withdrawn before anyone posted it', async () => {
  const { t } = harness
  const { approver } = await team(t.payload)
  const bulletin = await buildBulletin(t.payload, { title: 'Cierre temporal del panteón municipal', status: 'published' })
  await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'withdraw', user: approver, reason: 'Fecha equivocada.', notice: 'La fecha de cierre cambió; se avisará la nueva.' })
  const { docs } = await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletin.id }, channel: { equals: 'whatsapp' } }, depth: 0 })
  expect(docs.map((row) => [row.status, row.error])).toEqual([['skipped', 'El boletín se retiró antes de publicarse a mano; ya no se publica.']])
})
