import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { strFromU8, unzipSync } from 'fflate'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Distribution, MailingList, Media, User } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { postToNetwork } from '@pregon/workers/tasks/postToNetwork'
import { rebuildPortal } from '@pregon/workers/tasks/rebuildPortal'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, buildProgram, team } from '../../helpers/builders'
import { startFakeMastodon, type FakeMastodon } from '../../helpers/fakeMastodon'
import { startFakeXApi, type FakeXApi } from '../../helpers/fakeXApi'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

/**
 * The expediente (Ley General de Archivos): what went out of a bulletin — each version of its page and feed
 * item, its posts, its press mailings — is kept by the workers for good, and staff download it with the
 * bulletin's record as one ZIP whose manifest verifies.
 */

const SITE_URL = 'https://comunicacion.santalucia.gob.mx'
const FIRST_SUMMARY = 'La feria del libro abre el sábado 12 en la plaza principal.'
const CORRECTED_SUMMARY = 'La feria del libro abre el domingo 13 en la plaza principal.'
const NOTE = 'La feria abre el domingo 13, no el sábado 12.'

let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskContext
let x: FakeXApi
let mastodon: FakeMastodon
let list: MailingList
let editor: User
let approver: User
let hero: Media

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')
const token = async (user: User) => (await t.payload.login({ collection: 'users', data: { email: user.email, password: 'contraseña-de-prueba' } })).token!
const getExpediente = (id: number | string, bearer?: string | null) => apiClients(t.payload).request('GET', `bulletins/${id}/expediente`, { token: bearer })
const distributionsOf = async (bulletinId: number): Promise<Distribution[]> =>
  (await t.payload.find({ collection: 'distributions', where: { bulletin: { equals: bulletinId } }, depth: 0, limit: 50, sort: 'id' })).docs

beforeAll(async () => {
  ;[x, mastodon] = await Promise.all([startFakeXApi(), startFakeMastodon()])
  harness = await startTaskHarness({
    env: {
      SITE_URL,
      X_API_URL: x.url,
      X_API_KEY: 'x-app-key',
      X_API_SECRET: 'x-app-secret',
      X_ACCESS_TOKEN: 'x-access-token',
      X_ACCESS_SECRET: 'x-access-secret',
      MASTODON_URL: mastodon.url,
      MASTODON_ACCESS_TOKEN: mastodon.accessToken,
    },
  })
  t = harness.t
  ctx = { ...harness.ctx, networks: createSocialProviders(t.config, { timeoutMs: 5_000 }) }
  await t.payload.updateGlobal({ slug: 'site-settings', data: { municipalityName: 'Municipio de Santa Lucía', officeName: 'Comunicación Social' } })
  list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Cultura', slug: 'cultura', audience: 'press' } })
  for (const email of ['ana@medios.test', 'beto@medios.test']) {
    await t.payload.create({ collection: 'press-contacts', data: { name: email.split('@')[0]!, email, status: 'active', lists: [list.id] } })
  }
  ;({ editor, approver } = await team(t.payload))
  hero = await buildMedia(t.payload, 'Puestos de libros en la plaza principal')
}, 120_000)

afterAll(async () => {
  await harness?.close()
  await Promise.all([x?.close(), mastodon?.close()])
})

async function publish(id: number): Promise<void> {
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await applyWorkflowAction({ payload: t.payload, id, verb, user })
}

/** What the workers do after a publication: the portal, the two networks, the press mailings still pending. */
async function runWorkers(bulletinId: number): Promise<void> {
  await rebuildPortal(ctx)
  for (const row of await distributionsOf(bulletinId)) {
    if (row.status !== 'pending') continue
    if (row.channel === 'x' || row.channel === 'mastodon') expect(await postToNetwork(ctx, row.channel, row.id)).toBe('sent')
    if (row.channel === 'press-mailing') expect((await sendPressMailing(ctx, row.id)).outcome).toBe('sent')
  }
}

describe('the expediente of a bulletin', () => {
  let bulletinId: number
  let slug: string
  let zip: Record<string, Uint8Array>
  let response: Response

  beforeAll(async () => {
    const draft = await buildBulletin(t.payload, { title: 'Feria del libro en la plaza principal', summary: FIRST_SUMMARY, heroImage: hero.id })
    bulletinId = draft.id
    slug = draft.slug!
    await t.payload.update({
      collection: 'bulletins',
      id: draft.id,
      draft: true,
      data: { pressLists: [list.id], distributeTo: ['x', 'mastodon', 'press-mailing'] },
      overrideAccess: false,
      user: editor,
    })
    await publish(draft.id)
    await runWorkers(draft.id)

    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb: 'correct', user: editor })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { summary: CORRECTED_SUMMARY, correction: { note: NOTE, isMinor: false } }, overrideAccess: false, user: editor })
    await publish(draft.id)
    await runWorkers(draft.id)

    response = await getExpediente(bulletinId, await token(approver))
    zip = response.ok ? unzipSync(new Uint8Array(await response.arrayBuffer())) : {}
  }, 240_000)

  const filesUnder = (dir: string) => Object.keys(zip).filter((name) => name.startsWith(`${dir}/`)).sort()
  const text = (name: string) => strFromU8(zip[name]!)
  /** A CSV's rows, header first, after checking it starts with the BOM Excel needs to read the accents. */
  const csvRows = (name: string): string[][] => {
    expect([...zip[name]!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    return parse(Buffer.from(zip[name]!), { bom: true }) as string[][]
  }

  it('is a ZIP download named after the bulletin', () => {
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/zip')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="expediente-boletin-${bulletinId}-${slug}.zip"`)
  })

  it('keeps the page as first published and as corrected, once each', () => {
    const pages = filesUnder('paginas').map(text)
    expect(pages).toHaveLength(2)
    expect(filesUnder('paginas').every((name) => /^paginas\/\d{4}-\d{2}-\d{2}_\d{6}-[0-9a-f]{8}\.html$/.test(name))).toBe(true)
    expect(pages[0]).toContain(FIRST_SUMMARY)
    expect(pages[0]).not.toContain(NOTE)
    expect(pages[1]).toContain(CORRECTED_SUMMARY)
    expect(pages[1]).toContain(NOTE)
  })

  it('keeps the bulletin’s item of the RSS feed of each version', () => {
    const items = filesUnder('rss').map(text)
    expect(items).toHaveLength(2)
    for (const item of items) expect(item).toContain(`<link>${SITE_URL}/boletines/${slug}/</link>`)
    expect(items[0]).toContain(FIRST_SUMMARY)
    expect(items[1]).toContain(CORRECTED_SUMMARY)
  })

  it('lists each post with the network’s id, its exact text and the digest of the image sent', async () => {
    const posts = JSON.parse(text('publicaciones.json')) as Array<Record<string, string>>
    const rows = (await distributionsOf(bulletinId)).filter((row) => row.channel === 'x' || row.channel === 'mastodon')
    expect(posts.map((post) => [post.red, post.id, post.url]).sort()).toEqual(rows.map((row) => [row.channel, row.remoteId, row.remoteUrl]).sort())
    // The posts, and the answers the correction made under each of them (its note, no image).
    const originalIds = rows.filter((row) => row.purpose === 'publication').map((row) => row.remoteId)
    const originals = posts.filter((post) => originalIds.includes(post.id))
    const answers = posts.filter((post) => !originalIds.includes(post.id))
    expect(answers.map((post) => [post.red, post.imagenSha256, post.texto?.startsWith(`Corrección: ${NOTE}`)]).sort()).toEqual([
      ['mastodon', '', true],
      ['x', '', true],
    ])
    const xPost = originals.find((post) => post.red === 'x')!
    expect(x.posts.map((post) => [post.id, post.text])).toContainEqual([xPost.id, xPost.texto])
    const mastodonPost = originals.find((post) => post.red === 'mastodon')!
    expect(mastodon.statuses.map((status) => [status.id, status.text])).toContainEqual([mastodonPost.id, mastodonPost.texto])
    // Both networks take the 16:9 crop: its file as it is on disk, and the bytes X received.
    const cropFile = await fs.readFile(path.join(t.config.mediaDir, hero.sizes!.x!.filename!))
    expect(originals.map((post) => post.imagenSha256)).toEqual([sha256(cropFile), sha256(cropFile)])
    expect(sha256(x.media.get(x.posts.find((post) => post.id === xPost.id)!.mediaIds[0]!)!.data)).toBe(xPost.imagenSha256)
    // Each post's digest is recomputed from what the file shows, as LEEME.txt tells (keys in alphabetical order).
    // (Only the posts with an image: the export writes a missing digest as "" and the entry was hashed with null.)
    for (const post of originals) {
      const fields = { account: post.cuenta, channel: post.red, imageSha256: post.imagenSha256, itemCollection: 'bulletins', itemId: bulletinId, remoteId: post.id, text: post.texto, url: post.url }
      expect(sha256(JSON.stringify(fields))).toBe(post.sha256)
    }
    const [header, ...csv] = csvRows('publicaciones.csv')
    expect(header).toEqual(['fecha', 'red', 'cuenta', 'id', 'url', 'texto', 'imagenSha256', 'versionHash', 'sha256'])
    expect(csv.map((row) => [row[1], row[3], row[5]])).toEqual(posts.map((post) => [post.red, post.id, post.texto]))
  })

  it('keeps one raw copy of each press mailing, addressed to the list', async () => {
    const mails = filesUnder('correos')
    const mailings = (await distributionsOf(bulletinId)).filter((row) => row.channel === 'press-mailing')
    expect(mails).toHaveLength(mailings.length)
    const parsed = await Promise.all(mails.map((name) => simpleParser(Buffer.from(zip[name]!))))
    const first = parsed.find((mail) => !mail.subject?.startsWith('Corrección'))!
    expect(first.subject).toContain('Feria del libro en la plaza principal')
    expect(first.text).toContain(FIRST_SUMMARY)
    expect(first.to && 'text' in first.to ? first.to.text : '').toBe('lista-de-prensa@pregon.invalid')
    expect(parsed.map((mail) => mail.subject)).toContain('Corrección: Feria del libro en la plaza principal')
    // Every row of the mailing's recipients is counted once, not copied per journalist.
    const kept = await t.query<{ recipients: number }>(`SELECT recipients FROM expediente_entries WHERE item_id = $1 AND kind = 'mailing' ORDER BY id`, [bulletinId])
    expect(kept.map((row) => row.recipients)).toEqual([2, 2])
  })

  it('carries the bulletin’s record, as CSV and JSON', () => {
    const record = JSON.parse(text('registro.json')) as Array<{ action: string; itemId: string }>
    expect(record.map((entry) => entry.action)).toEqual(expect.arrayContaining(['submit', 'approve', 'publish', 'correct']))
    expect(record.every((entry) => entry.itemId === String(bulletinId))).toBe(true)
    const [header, ...csv] = csvRows('registro.csv')
    expect(header!.slice(0, 5)).toEqual(['at', 'actorName', 'actorEmail', 'actorRole', 'action'])
    expect(csv.map((row) => row[4])).toEqual(record.map((entry) => entry.action))
  })

  it('lists every file with a SHA-256 that verifies, and says how to check it', () => {
    const lines = text('manifiesto.txt').trimEnd().split('\n')
    const listed = lines.map((line) => /^([0-9a-f]{64}) {2}(.+)$/.exec(line)!)
    expect(listed.map((match) => match[2]).sort()).toEqual(Object.keys(zip).filter((name) => name !== 'manifiesto.txt').sort())
    for (const [, digest, name] of listed) expect(sha256(zip[name!]!), name).toBe(digest)
    expect(text('LEEME.txt')).toContain('sha256sum -c manifiesto.txt')
  })

  it('does not keep an unchanged page again when the portal is rebuilt', async () => {
    const count = async () => (await t.query<{ n: string }>(`SELECT count(*) AS n FROM expediente_entries WHERE item_id = $1 AND kind IN ('page', 'feed-item')`, [bulletinId]))[0]!.n
    const before = await count()
    await rebuildPortal(ctx, new Date())
    expect(await count()).toBe(before)
  })

  it('keeps the withdrawal notice as a third page', async () => {
    const notice = 'Este boletín se retiró: la feria se pospone. Pronto daremos la nueva fecha.'
    await applyWorkflowAction({ payload: t.payload, id: bulletinId, verb: 'withdraw', user: approver, reason: 'Se pospone la feria.', notice })
    await rebuildPortal(ctx)
    const again = unzipSync(new Uint8Array(await (await getExpediente(bulletinId, await token(editor))).arrayBuffer()))
    const pages = Object.keys(again).filter((name) => name.startsWith('paginas/')).sort()
    expect(pages).toHaveLength(3)
    const withdrawal = strFromU8(again[pages[2]!]!)
    expect(withdrawal).toContain(notice)
    expect(withdrawal).not.toContain(CORRECTED_SUMMARY)
  })

  it('is refused to someone not signed in, and answers 404 for an unknown bulletin', async () => {
    const anonymous = await getExpediente(bulletinId, null)
    expect(anonymous.status).toBe(401)
    expect(((await anonymous.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('EXPEDIENTE_NOT_SIGNED_IN')
    const unknown = await getExpediente(999_999, await token(editor))
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('EXPEDIENTE_NOT_FOUND')
  })

  it('refuses to change or delete what it keeps, even to the database’s own user', async () => {
    await expect(t.query(`UPDATE expediente_entries SET text = 'otro' WHERE item_id = $1`, [bulletinId])).rejects.toThrow(/append-only/)
    await expect(t.query(`DELETE FROM expediente_entries WHERE item_id = $1`, [bulletinId])).rejects.toThrow(/append-only/)
    await expect(t.query(`TRUNCATE expediente_entries`)).rejects.toThrow(/append-only/)
    // The application's role (20261202_010000_audit_chain) may add to it, never change it.
    const [rights] = await t.query(
      `SELECT has_table_privilege('pregon_app', 'expediente_entries', 'INSERT') AS insert,
              has_table_privilege('pregon_app', 'expediente_entries', 'UPDATE') AS update,
              has_table_privilege('pregon_app', 'expediente_entries', 'DELETE') AS delete`,
    )
    expect(rights).toEqual({ insert: true, update: false, delete: false })
  })
})

describe('the expediente of a program', () => {
  it('keeps its page and its item of the programs feed, and downloads as the program’s', async () => {
    const program = await buildProgram(t.payload, { title: 'Apoyo a productores de maíz', status: 'published' })
    await rebuildPortal(ctx)
    const response = await apiClients(t.payload).request('GET', `programs/${program.id}/expediente`, { token: await token(editor) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="expediente-programa-${program.id}-${program.slug}.zip"`)
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const [page, ...morePages] = Object.keys(zip).filter((name) => name.startsWith('paginas/'))
    expect(morePages).toEqual([])
    expect(strFromU8(zip[page!]!)).toContain('Apoyo a productores de maíz')
    const [item] = Object.keys(zip).filter((name) => name.startsWith('rss/'))
    expect(strFromU8(zip[item!]!)).toContain(`<link>${SITE_URL}/programas/${program.slug}/</link>`)
    expect((JSON.parse(strFromU8(zip['registro.json']!)) as Array<{ action: string }>).map((entry) => entry.action)).toEqual(['submit', 'approve', 'publish'])
  })
})
