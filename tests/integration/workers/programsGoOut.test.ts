import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Distribution, MailingList, Program } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { SOCIAL_CHANNELS, type SocialChannel } from '@pregon/core/channels'
import { postToNetwork } from '@pregon/workers/tasks/postToNetwork'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { buildBulletin, team } from '../../helpers/builders'
import { startEveryNetworkHarness, type EveryNetworkHarness } from '../../helpers/everyNetworkHarness'
import type { FakeNetworks } from '../../helpers/fakeNetworks'
import type { TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

/**
 * Issue 17, item 9: an approved program (convocatoria) goes out like a bulletin — once on every network chosen,
 * by the press mailing to its lists, WhatsApp waiting for a person — with its deadline in the words, in the
 * office's time zone.
 */

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
// 30 January 2027, 18:00 in Mexico City (UTC−6).
const CLOSES_AT = '2027-01-31T00:00:00.000Z'
const DEADLINE = 'Solicitudes hasta el 30 de enero de 2027 a las 18:00 h'
let harness: TaskHarness
let ctx: TaskContext
let fakes: FakeNetworks
let networks: EveryNetworkHarness
let rural: MailingList

beforeAll(async () => {
  networks = await startEveryNetworkHarness({ siteUrl: SITE_URL, networks: { meta: { containerPolls: 1 } } })
  ;({ harness, fakes, ctx } = networks)
  const { payload } = harness.t
  await payload.updateGlobal({ slug: 'site-settings', data: { timeZone: 'America/Mexico_City', officeName: 'Comunicación Social', municipalityName: 'Santa Lucía' } })
  rural = await payload.create({ collection: 'mailing-lists', data: { name: 'Campo', slug: 'campo', audience: 'press' } })
  const other = await payload.create({ collection: 'mailing-lists', data: { name: 'Deportes', slug: 'deportes', audience: 'press' } })
  await payload.create({ collection: 'press-contacts', data: { name: 'Rosa Campos', email: 'rosa@campo.test', status: 'active', lists: [rural.id] } })
  await payload.create({ collection: 'press-contacts', data: { name: 'Luis Gol', email: 'luis@deportes.test', status: 'active', lists: [other.id] } })
})

afterAll(async () => networks?.close())

async function publishProgram(title: string, distributeTo: NonNullable<Program['distributeTo']>): Promise<Program> {
  const { payload } = harness.t
  const { editor, approver } = await team(payload)
  const draft = await payload.create({
    collection: 'programs',
    draft: true,
    overrideAccess: false,
    user: editor,
    data: {
      title,
      summary: 'Apoyo de 5 mil pesos para productores de maíz con hasta 5 hectáreas.',
      classification: 'informativo',
      issuingLevel: 'municipal',
      agency: 'Dirección de Desarrollo Rural',
      eligibility: 'Productores del municipio con hasta 5 hectáreas.',
      requirements: [{ item: 'Ser productor del municipio' }],
      documents: [{ item: 'INE' }, { item: 'Comprobante de domicilio' }],
      howToApply: 'En la ventanilla de Desarrollo Rural, de lunes a viernes de 9 a 15 h.',
      opensAt: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString(),
      closesAt: CLOSES_AT,
      distributeTo,
      pressLists: [rural.id],
    },
  })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload, collection: 'programs', id: draft.id, verb, user })
  }
  return payload.findByID({ collection: 'programs', id: draft.id, depth: 0 })
}

const rowsOf = async (program: Program) =>
  (await harness.t.payload.find({ collection: 'distributions', where: { program: { equals: program.id } }, depth: 0, limit: 20, sort: 'id' })).docs

// Programs carry no photo, and Instagram only publishes photos: it is not offered for them.
const TEXT_NETWORKS = SOCIAL_CHANNELS.filter((channel): channel is Exclude<SocialChannel, 'instagram'> => channel !== 'instagram')

it('goes out once on every network with its deadline, by mail to its lists, and waits for WhatsApp', async () => {
  const { t } = harness
  const program = await publishProgram('Apoyo a productores de maíz 2027', [...TEXT_NETWORKS, 'whatsapp', 'press-mailing'])
  const link = `${SITE_URL}/programas/${program.slug}/`

  // One row per channel, naming the program (never a bulletin).
  const rows = await rowsOf(program)
  expect(rows.map((row) => row.channel).sort()).toEqual([...TEXT_NETWORKS, 'whatsapp', 'press-mailing'].sort())
  expect(rows.every((row) => row.bulletin === null || row.bulletin === undefined)).toBe(true)
  expect(await t.query(`SELECT count(*)::int AS n FROM distributions WHERE program_id = $1 AND bulletin_id IS NULL`, [program.id])).toEqual([{ n: rows.length }])

  const settled = await waitFor(
    async () => {
      const docs = await rowsOf(program)
      const social = docs.filter((row) => (SOCIAL_CHANNELS as string[]).includes(row.channel))
      return social.every((row) => row.status === 'sent') ? docs : null
    },
    { timeoutMs: 30_000, intervalMs: 100, message: 'the program posted on every network' },
  )
  const byChannel = Object.fromEntries(settled.map((row) => [row.channel, row])) as Record<Distribution['channel'], Distribution>

  // Short networks: the deadline first, then the name, then the link to the program's page.
  const short = `${DEADLINE}: ${program.title} ${link}`
  expect(fakes.x.posts.filter((post) => post.text.includes(link)).map((post) => [post.text, post.mediaIds.length])).toEqual([[short, 0]])
  expect(fakes.mastodon.statuses.filter((status) => status.text.includes(link)).map((status) => status.text)).toEqual([short])
  expect(fakes.meta.threads.published.filter((post) => post.text.includes(link)).map((post) => post.text)).toEqual([short])
  const records = fakes.bluesky.records.filter((record) => record.value.text.includes(link))
  expect(records.map((record) => [record.value.text, record.value.embed?.external?.uri, record.value.embed?.external?.title])).toEqual([[short, link, program.title]])

  // Long networks: name, what it is and the deadline; Facebook as a link post, Telegram as text with its preview.
  const long = `Convocatoria: ${program.title}\n\n${program.summary}\n\n${DEADLINE}. ${link}`
  expect(fakes.meta.facebook.published.filter((post) => post.text.includes(link)).map((post) => [post.text, post.link, Boolean(post.photo)])).toEqual([[long, link, false]])
  expect(fakes.telegram.messages.filter((message) => message.text.includes(link)).map((message) => [message.kind, message.text])).toEqual([['text', long]])

  for (const channel of TEXT_NETWORKS) {
    expect(byChannel[channel]).toMatchObject({ status: 'sent', attempts: 1, remoteUrl: expect.stringMatching(/^https?:\/\//) })
  }

  // A job run again (a retried job, a second worker) posts nothing more.
  expect(await postToNetwork(ctx, 'x', byChannel.x.id)).toBe('already-done')
  expect(fakes.x.posts.filter((post) => post.text.includes(link))).toHaveLength(1)

  // The press mailing: to its list only, once, the deadline in the subject and the text, what to bring and where.
  expect(await sendPressMailing(ctx, byChannel['press-mailing'].id)).toMatchObject({ outcome: 'sent', sent: 1, failed: 0, unknown: 0 })
  expect(await sendPressMailing(ctx, byChannel['press-mailing'].id)).toMatchObject({ outcome: 'already-done' })
  const mails = harness.sink.messages.filter((message) => message.subject?.includes(program.title))
  expect(mails.map((message) => [message.envelope.to, message.subject])).toEqual([[['rosa@campo.test'], `Convocatoria: ${program.title} · ${DEADLINE}`]])
  for (const part of [mails[0]!.text!, mails[0]!.html!]) {
    for (const words of [DEADLINE, 'Requisitos', 'Ser productor del municipio', 'Comprobante de domicilio', 'ventanilla de Desarrollo Rural', 'Dirección de Desarrollo Rural', link]) {
      expect(part).toContain(words)
    }
  }
  expect(mails[0]!.text).toContain(`Consulta la convocatoria completa: ${link}`)

  // WhatsApp waits for a person, the text ready to paste in the admin.
  expect(byChannel.whatsapp).toMatchObject({ status: 'pending', waitingReason: expect.stringContaining('Copiar para WhatsApp') })
})

it('a correction posts nothing again but tells the journalists who got the call; a withdrawal stops the hand posting', async () => {
  const { t } = harness
  const { approver, editor } = await team(t.payload)
  const program = await publishProgram('Becas de transporte escolar', ['x', 'whatsapp', 'press-mailing'])
  const link = `${SITE_URL}/programas/${program.slug}/`
  await waitFor(async () => ((await rowsOf(program)).find((row) => row.channel === 'x')?.status === 'sent' ? true : null), {
    timeoutMs: 15_000,
    intervalMs: 100,
    message: 'the program posted on X',
  })
  const mailing = (await rowsOf(program)).find((row) => row.channel === 'press-mailing')!
  expect(await sendPressMailing(ctx, mailing.id)).toMatchObject({ outcome: 'sent', sent: 1 })

  await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'correct', user: editor })
  await t.payload.update({
    collection: 'programs',
    id: program.id,
    draft: true,
    data: { summary: 'Pase gratuito en el transporte para estudiantes de secundaria.', correction: { note: 'Es para estudiantes de secundaria, no de primaria.' } },
    overrideAccess: false,
    user: editor,
  })
  for (const verb of ['submit', 'approve', 'publish'] as const) {
    await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb, user: verb === 'submit' ? editor : approver })
  }
  // Not posted again: X answers its post once with the note (network follow-ups); one «Corrección» mailing, to
  // whoever got the call (not the whole list, not the other list).
  const rows = await rowsOf(program)
  expect(rows.map((row) => `${row.channel} ${row.purpose}`).sort()).toEqual(['press-mailing correction', 'press-mailing publication', 'whatsapp publication', 'x correction', 'x publication'])
  expect(fakes.x.posts.filter((post) => post.text.includes(link) && !post.inReplyTo)).toHaveLength(1)
  await t.payload.create({ collection: 'press-contacts', data: { name: 'Nueva en la lista', email: 'nueva@campo.test', status: 'active', lists: [rural.id] } })
  const pressCorrection = rows.find((row) => row.channel === 'press-mailing' && row.purpose === 'correction')!
  expect(await sendPressMailing(ctx, pressCorrection.id)).toMatchObject({ outcome: 'sent', sent: 1 })
  const notice = harness.sink.messages.filter((message) => message.subject === `Corrección: ${program.title}`)
  expect(notice.map((message) => message.envelope.to)).toEqual([['rosa@campo.test']])
  expect(notice[0]!.text).toContain(`Corregimos la convocatoria «${program.title}» que te enviamos.`)
  expect(notice[0]!.text).toContain('Corrección: Es para estudiantes de secundaria, no de primaria.')

  await applyWorkflowAction({ payload: t.payload, collection: 'programs', id: program.id, verb: 'withdraw', user: approver, reason: 'Se canceló el programa.', notice: 'Este programa se canceló.' })
  expect((await rowsOf(program)).find((row) => row.channel === 'whatsapp')).toMatchObject({
    status: 'skipped',
    error: 'El programa se retiró antes de publicarse a mano; ya no se publica.',
  })
})

it('does not offer Instagram for a program: choosing it is refused on the field', async () => {
  const { payload } = harness.t
  const { editor } = await team(payload)
  const refused = payload.create({
    collection: 'programs',
    draft: true,
    overrideAccess: false,
    user: editor,
    // As a REST client could send it (the admin does not offer it).
    data: { title: 'Programa con Instagram', summary: 'No debe guardarse con Instagram.', distributeTo: ['x', 'instagram'] as unknown as Program['distributeTo'] },
  })
  await expect(refused).rejects.toMatchObject({
    data: { errors: [{ path: 'distributeTo', message: 'Instagram: solo publica con foto y esto no lleva imagen; quítalo de «Difundir en».' }] },
  })
  // A new program offers every configured network that publishes text alone.
  const draft = await payload.create({ collection: 'programs', draft: true, overrideAccess: false, user: editor, data: { title: 'Programa por omisión', summary: 'Canales por omisión.' } })
  expect(draft.distributeTo).toEqual(expect.arrayContaining(['x', 'mastodon', 'facebook', 'threads', 'bluesky', 'telegram', 'whatsapp', 'press-mailing']))
  expect(draft.distributeTo).not.toContain('instagram')
})

it('a row names a bulletin or a program, never both and never neither', async () => {
  const { t } = harness
  const program = await publishProgram('Taller de huertos urbanos', [])
  expect(await rowsOf(program)).toEqual([])
  const insert = (bulletin: number | null, programId: number | null) =>
    t.query(`INSERT INTO distributions (bulletin_id, program_id, channel, account, version_hash, status) VALUES ($1, $2, 'x', 'principal', 'h', 'pending')`, [bulletin, programId])
  await expect(insert(null, null)).rejects.toThrow(/distributions_one_item/)
  const bulletin = await buildBulletin(t.payload, { title: 'Jornada de vacunación' })
  await expect(insert(bulletin.id, program.id)).rejects.toThrow(/distributions_one_item/)
  await insert(null, program.id)
  expect(await t.query(`SELECT count(*)::int AS n FROM distributions WHERE program_id = $1`, [program.id])).toEqual([{ n: 1 }])
})
