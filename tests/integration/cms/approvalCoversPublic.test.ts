/**
 * Nothing public changes without approval: not the photo or file a published item shows, not its alt text
 * or credit, not when it goes out nor the date it carries.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import type { Media, User } from '@pregon/cms/payload-types'
import { slugify } from '@pregon/core/slugify'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildJpeg, buildMedia, buildPdf, buildUser, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let approver: User
let editorToken: string
let approverToken: string
const PASSWORD = 'contraseña-de-prueba-larga'

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  ;({ editor, approver } = await team(t.payload))
  const login = async (role: 'editor' | 'approver') => {
    const user = await buildUser(t.payload, role, { email: `cubre-${role}@pregon.test`, password: PASSWORD })
    return (await t.payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token!
  }
  editorToken = await login('editor')
  approverToken = await login('approver')
})
afterAll(async () => t?.close())

const workingCopy = (id: number) => t.payload.findByID({ collection: 'bulletins', id, draft: true, depth: 0 })
const publicMedia = async (id: number) => (await api.rest('GET', `media/${id}`)).body as (Media & { errors?: unknown }) | null

describe('media shown by a published bulletin', () => {
  it('refuses a new file for the hero over REST (multipart, as the admin sends it); the bytes on disk and the public answer stay', async () => {
    const hero = await buildMedia(t.payload, 'Entrega de patrullas en la explanada')
    await buildBulletin(t.payload, { title: 'Entrega de patrullas', heroImage: hero.id, status: 'published', skipDistribution: true })
    const original = await fs.readFile(path.join(t.config.mediaDir, hero.filename!))

    const form = new FormData()
    const replacement = await buildJpeg({ width: 800, height: 450 })
    form.append('file', new Blob([new Uint8Array(replacement)], { type: 'image/jpeg' }), 'otra-foto.jpg')
    form.append('_payload', JSON.stringify({ alt: 'Foto distinta, sin aprobar' }))
    const response = await api.request('PATCH', `media/${hero.id}`, { token: editorToken, body: form })
    const answer = (await response.json()) as { errors: Array<{ code?: string; message: string }> }
    expect(response.status).toBe(409)
    expect(answer.errors[0]).toMatchObject({ code: 'MEDIA_IN_APPROVED_USE', message: expect.stringContaining('«Entrega de patrullas» (publicado)') })

    expect(await fs.readFile(path.join(t.config.mediaDir, hero.filename!))).toEqual(original)
    expect(await fs.readdir(t.config.mediaDir)).not.toContain('otra-foto.jpg')
    expect(await publicMedia(hero.id)).toMatchObject({ alt: 'Entrega de patrullas en la explanada', filename: hero.filename, width: hero.width })
  })

  it('refuses a new credit or focal point for a gallery photo of a scheduled bulletin, and lets the same edit through on a draft', async () => {
    const photo = await buildMedia(t.payload, 'Vista de la plaza')
    const bulletin = await buildBulletin(t.payload, { title: 'Plaza renovada', gallery: [photo.id], status: 'approved', skipDistribution: true })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'schedule', user: approver, publishAt: new Date(Date.now() + 86_400_000) })
    for (const data of [{ credit: 'Otra fotógrafa' }, { focalX: 10, focalY: 90 }]) {
      const answer = await api.rest('PATCH', `media/${photo.id}`, { token: editorToken, body: data })
      expect(answer.status).toBe(409)
    }
    const [row] = await t.query<{ credit: string | null; focal_x: number }>('SELECT credit, focal_x::float AS focal_x FROM media WHERE id = $1', [photo.id])
    expect(row).toEqual({ credit: null, focal_x: 50 })

    const loose = await buildMedia(t.payload, 'Foto aún sin usar')
    await buildBulletin(t.payload, { title: 'Borrador con foto', heroImage: loose.id })
    expect((await api.rest('PATCH', `media/${loose.id}`, { token: editorToken, body: { credit: 'Comunicación Social' } })).status).toBe(200)
  })

  it('keeps working: the editor uploads the new photo as another file, swaps it in, and it goes out only after a new approval', async () => {
    const first = await buildMedia(t.payload, 'Primera foto aprobada')
    const bulletin = await buildBulletin(t.payload, { title: 'Cambio de foto aprobado', heroImage: first.id, status: 'published', skipDistribution: true })
    const second = await buildMedia(t.payload, 'Segunda foto')
    // Changing published work is a correction: its public note, review and a new approval.
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { heroImage: second.id, correction: { note: 'Se cambió la foto principal por una más reciente.' } }, overrideAccess: false, user: editor })
    const heroOf = async () => (await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, depth: 0, overrideAccess: false, user: null })).heroImage
    expect(await heroOf()).toBe(first.id)
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'submit', user: editor })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'approve', user: approver })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'publish', user: approver })
    expect(await heroOf()).toBe(second.id)
  })

  it('refuses deleting a file a published item shows, even to an admin', async () => {
    const admin = await buildUser(t.payload, 'admin')
    const pdf = buildPdf('Anexo')
    const attachment = await t.payload.create({ collection: 'media', data: { alt: 'Anexo del boletín' }, file: { data: pdf, mimetype: 'application/pdf', name: 'anexo.pdf', size: pdf.length } })
    await buildBulletin(t.payload, { title: 'Boletín con anexo', attachments: [attachment.id], status: 'published', skipDistribution: true })
    await expect(t.payload.delete({ collection: 'media', id: attachment.id, overrideAccess: false, user: admin })).rejects.toMatchObject({
      status: 409,
      data: { code: 'MEDIA_IN_APPROVED_USE' },
    })
    expect(await t.query('SELECT id FROM media WHERE id = $1', [attachment.id])).toHaveLength(1)
  })
})

describe('dates the workflow sets', () => {
  it('refuses a publication date on a new draft and dates a publication when it happens', async () => {
    const title = 'Fechado en 2001'
    const data = { title, slug: slugify(title), summary: 'Entrada.', body: { root: { type: 'root', version: 1, format: '' as const, indent: 0, direction: 'ltr' as const, children: [] } } }
    const refused = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: { ...data, publishedAt: '2001-01-01T00:00:00.000Z' } })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ errors: [{ code: 'WORKFLOW_DATES_BY_WORKFLOW' }] })
    expect(await t.query('SELECT id FROM bulletins WHERE title = $1', [title])).toEqual([])

    const before = Date.now()
    const bulletin = await buildBulletin(t.payload, { title, status: 'published', skipDistribution: true })
    const published = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, overrideAccess: false, user: null })
    expect(new Date(published.publishedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('schedules with the approver\'s time over REST, moves it only through «Programar», never before an embargo', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Programado por la titular', status: 'approved', skipDistribution: true })
    const missing = await api.rest('POST', `bulletins/${bulletin.id}/workflow/schedule`, { token: approverToken, body: {} })
    expect(missing).toMatchObject({ status: 422, body: { errors: [{ code: 'WORKFLOW_PUBLISH_AT_REQUIRED' }] } })
    const byEditor = await api.rest('POST', `bulletins/${bulletin.id}/workflow/schedule`, { token: editorToken, body: { publishAt: '2030-01-01T16:00:00.000Z' } })
    expect(byEditor.status).toBe(403)

    for (const publishAt of ['2030-01-01T16:00:00.000Z', '2030-01-02T16:00:00.000Z']) {
      const answer = await api.rest('POST', `bulletins/${bulletin.id}/workflow/schedule`, { token: approverToken, body: { publishAt } })
      expect(answer.status).toBe(200)
      expect(await workingCopy(bulletin.id)).toMatchObject({ publishAt, workflowState: 'scheduled' })
    }
    const jobs = await t.query<{ start_after: Date }>("SELECT start_after FROM pgboss.job WHERE data->>'bulletinId' = $1 ORDER BY start_after", [String(bulletin.id)])
    expect(jobs.map((job) => job.start_after.toISOString())).toEqual(['2030-01-01T16:00:00.000Z', '2030-01-02T16:00:00.000Z'])

    const embargoed = await buildBulletin(t.payload, { title: 'Con embargo', skipDistribution: true })
    await t.payload.update({ collection: 'bulletins', id: embargoed.id, draft: true, data: { embargoUntil: '2030-03-01T16:00:00.000Z' }, overrideAccess: false, user: editor })
    for (const [verb, user] of [['submit', editor], ['approve', approver]] as const) await applyWorkflowAction({ payload: t.payload, id: embargoed.id, verb, user })
    const early = await api.rest('POST', `bulletins/${embargoed.id}/workflow/schedule`, { token: approverToken, body: { publishAt: '2030-02-01T16:00:00.000Z' } })
    expect(early).toMatchObject({ status: 422, body: { errors: [{ code: 'WORKFLOW_PUBLISH_AT_BEFORE_EMBARGO' }] } })
  })
})
