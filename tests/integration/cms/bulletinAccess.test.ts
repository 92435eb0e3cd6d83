import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { buildBulletin, buildMedia, buildPdf, buildUser, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let editor: User

beforeAll(async () => {
  t = await startTestPayload()
  editor = await buildUser(t.payload, 'editor')
})
afterAll(async () => t?.close())

describe('bulletin access through the Local API', () => {
  it('shows the public only published bulletins, never drafts', async () => {
    const published = await buildBulletin(t.payload, { title: 'Obra pública concluida', status: 'published', skipDistribution: true })
    const draft = await buildBulletin(t.payload, { title: 'Borrador interno sin aprobar' })

    const asPublic = await t.payload.find({ collection: 'bulletins', overrideAccess: false, limit: 100 })
    const titles = asPublic.docs.map((doc) => doc.title)
    expect(titles).toContain(published.title)
    expect(titles).not.toContain(draft.title)

    await expect(
      t.payload.findByID({ collection: 'bulletins', id: draft.id, overrideAccess: false }),
    ).rejects.toMatchObject({ status: 404 })
  })

  it('does not reveal a newer draft of a published bulletin, even when drafts are requested', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Versión aprobada', status: 'published', skipDistribution: true })
    await t.payload.update({
      collection: 'bulletins',
      id: bulletin.id,
      draft: true,
      data: { title: 'Cambio secreto aún sin aprobar', _status: 'draft' },
    })

    for (const draft of [false, true]) {
      const result = await t.payload.find({ collection: 'bulletins', overrideAccess: false, draft, limit: 100 })
      const serialized = JSON.stringify(result.docs)
      expect(serialized).not.toContain('Cambio secreto')
    }
    const publicDoc = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, overrideAccess: false })
    expect(publicDoc.title).toBe('Versión aprobada')
  })

  it('keeps version history away from the public', async () => {
    await expect(
      t.payload.findVersions({ collection: 'bulletins', overrideAccess: false }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('lets staff read drafts', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Borrador visible para el equipo' })
    const asEditor = await t.payload.findByID({ collection: 'bulletins', id: draft.id, overrideAccess: false, user: editor, draft: true })
    expect(asEditor.title).toBe(draft.title)
  })

  it('refuses writes from the public', async () => {
    await expect(
      t.payload.create({
        collection: 'bulletins',
        overrideAccess: false,
        draft: true,
        data: { title: 'Intruso', slug: 'intruso', summary: 'x', body: { root: { type: 'root', children: [], direction: null, format: '', indent: 0, version: 1 } } },
      }),
    ).rejects.toMatchObject({ status: 403 })
    const rows = await t.query('SELECT count(*)::int AS n FROM bulletins WHERE slug = $1', ['intruso'])
    expect(rows[0]).toEqual({ n: 0 })
  })

  it('keeps press contacts (personal data) away from the public', async () => {
    await t.payload.create({
      collection: 'press-contacts',
      data: { name: 'Marco Pérez', email: 'marco@radio.test', outlet: 'Radio Local', status: 'active' },
    })
    await expect(t.payload.find({ collection: 'press-contacts', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    await expect(t.payload.find({ collection: 'users', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    await expect(t.payload.find({ collection: 'mailing-lists', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
  })
})

describe('media access through the Local API', () => {
  it('shows the public the images of published bulletins only', async () => {
    const shown = await buildMedia(t.payload, 'Foto de la obra concluida')
    const unpublished = await buildMedia(t.payload, 'Foto de un boletín aún en borrador')
    const loose = await buildMedia(t.payload, 'Foto subida sin boletín')
    await buildBulletin(t.payload, { title: 'Con foto publicada', status: 'published', heroImage: shown.id, skipDistribution: true })
    await buildBulletin(t.payload, { title: 'Con foto en borrador', heroImage: unpublished.id })

    const asPublic = await t.payload.find({ collection: 'media', overrideAccess: false, limit: 100 })
    expect(asPublic.docs.map((doc) => doc.id)).toEqual([shown.id])
    for (const hidden of [unpublished, loose]) {
      await expect(t.payload.findByID({ collection: 'media', id: hidden.id, overrideAccess: false })).rejects.toMatchObject({ status: 404 })
    }
    const asEditor = await t.payload.find({ collection: 'media', overrideAccess: false, user: editor, limit: 100 })
    expect(asEditor.docs.map((doc) => doc.id).sort()).toEqual([shown.id, unpublished.id, loose.id].sort())
  })

  it('populates the hero image of a published bulletin for the public', async () => {
    const hero = await buildMedia(t.payload, 'Brigada de limpieza en el río')
    const bulletin = await buildBulletin(t.payload, { title: 'Limpieza del río', status: 'published', heroImage: hero.id, skipDistribution: true })
    const asPublic = await t.payload.findByID({ collection: 'bulletins', id: bulletin.id, overrideAccess: false, depth: 1 })
    expect(asPublic.heroImage).toMatchObject({ id: hero.id, alt: 'Brigada de limpieza en el río' })
  })
})

describe('gallery and attachments', () => {
  it('accepts a PDF attachment and shows the public the gallery and documents of published bulletins only', async () => {
    const pdf = buildPdf()
    const requirements = await t.payload.create({
      collection: 'media',
      data: { alt: 'Requisitos de la convocatoria en PDF' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'requisitos.pdf', size: pdf.length },
    })
    const photo = await buildMedia(t.payload, 'Vista de la obra terminada')
    const hiddenPdf = await t.payload.create({
      collection: 'media',
      data: { alt: 'Borrador de convenio' },
      file: { data: pdf, mimetype: 'application/pdf', name: 'convenio.pdf', size: pdf.length },
    })
    const published = await buildBulletin(t.payload, { title: 'Con galería y requisitos', author: editor })
    await t.payload.update({ collection: 'bulletins', id: published.id, draft: true, data: { gallery: [photo.id], attachments: [requirements.id] }, overrideAccess: false, user: editor })
    const { approver } = await team(t.payload)
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
      await applyWorkflowAction({ payload: t.payload, id: published.id, verb, user, context: { skipDistribution: true } })
    }
    const draft = await buildBulletin(t.payload, { title: 'Borrador con convenio', author: editor })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { attachments: [hiddenPdf.id] }, overrideAccess: false, user: editor })

    const visible = (await t.payload.find({ collection: 'media', overrideAccess: false, limit: 100 })).docs.map((doc) => doc.id)
    expect(visible).toEqual(expect.arrayContaining([requirements.id, photo.id]))
    expect(visible).not.toContain(hiddenPdf.id)
    expect(requirements.mimeType).toBe('application/pdf')
  })
})
