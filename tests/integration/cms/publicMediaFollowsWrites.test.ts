import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { poolOf } from '@pregon/cms/db/poolOf'
import { REFRESH_ALL_MEDIA_VISIBILITY } from '@pregon/cms/collections/Media/mediaVisibility'
import { buildBulletin, buildMedia, buildPdf, buildProgram, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const asPublic = (id: number) => t.payload.findByID({ collection: 'media', id, overrideAccess: false, depth: 0 })

const flagOf = async (id: number) => (await t.payload.findByID({ collection: 'media', id, depth: 0, overrideAccess: true })).shownPublicly

describe('which media the public may read', () => {
  it('shows a photo once its bulletin is published and hides it as soon as the bulletin is withdrawn', async () => {
    const photo = await buildMedia(t.payload, 'Foto que sigue al boletín')
    const shown = await buildMedia(t.payload, 'Foto de otro boletín publicado')
    await buildBulletin(t.payload, { status: 'published', heroImage: shown.id, skipDistribution: true })
    // The list is read (and kept) while the photo belongs to nothing published.
    expect((await asPublic(shown.id)).id).toBe(shown.id)
    await expect(asPublic(photo.id)).rejects.toThrow()
    const bulletin = await buildBulletin(t.payload, { status: 'published', heroImage: photo.id, skipDistribution: true })
    expect((await asPublic(photo.id)).id).toBe(photo.id)
    const { approver } = await team(t.payload)
    await applyWorkflowAction({ payload: t.payload, collection: 'bulletins', id: bulletin.id, verb: 'withdraw', user: approver, reason: 'Se publicó por error en la prueba.', notice: 'Este boletín se retiró por un error.', context: { skipDistribution: true } })
    await expect(asPublic(photo.id)).rejects.toThrow()
  })

  it('follows a correction that swaps the photo: the photo of a draft and the replaced one stay hidden, the new one shows', async () => {
    const [first, drafted, final] = [await buildMedia(t.payload, 'Foto publicada primero'), await buildMedia(t.payload, 'Foto de un borrador'), await buildMedia(t.payload, 'Foto de la corrección')]
    const bulletin = await buildBulletin(t.payload, { status: 'published', heroImage: first.id, skipDistribution: true })
    const { editor, approver } = await team(t.payload)
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'correct', user: editor })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { heroImage: drafted.id }, overrideAccess: false, user: editor })
    // A draft shows nothing to the public: its photo stays hidden, the published one stays shown.
    expect([await flagOf(first.id), await flagOf(drafted.id)]).toEqual([true, false])
    await expect(asPublic(drafted.id)).rejects.toThrow()
    await t.payload.update({
      collection: 'bulletins',
      id: bulletin.id,
      draft: true,
      data: { heroImage: final.id, correction: { note: 'Se cambió la fotografía por la correcta.' } },
      overrideAccess: false,
      user: editor,
    })
    for (const verb of ['submit', 'approve', 'publish'] as const) {
      await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb, user: verb === 'submit' ? editor : approver, context: { skipDistribution: true } })
    }
    expect([await flagOf(first.id), await flagOf(drafted.id), await flagOf(final.id)]).toEqual([false, false, true])
    expect((await asPublic(final.id)).id).toBe(final.id)
    await expect(asPublic(first.id)).rejects.toThrow()
  })

  it('shows the attachment of a program once the program is published', async () => {
    const pdf = buildPdf('Bases de la convocatoria')
    const bases = await t.payload.create({ collection: 'media', data: { alt: 'Bases de la convocatoria en PDF' }, file: { data: pdf, mimetype: 'application/pdf', name: 'bases.pdf', size: pdf.length } })
    await expect(asPublic(bases.id)).rejects.toThrow()
    await buildProgram(t.payload, { status: 'published', attachments: [bases.id] })
    expect((await asPublic(bases.id)).id).toBe(bases.id)
  })

  it('answers with one condition however many photos are public (past the 65,535 parameters PostgreSQL takes per query)', async () => {
    const bulletin = await buildBulletin(t.payload, { status: 'published', skipDistribution: true })
    const pool = poolOf(t.payload)
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO media (alt, filename) SELECT 'Foto de archivo ' || n, 'archivo-' || n || '.jpg' FROM generate_series(1, 70000) n RETURNING id`,
    )
    await pool.query(
      `INSERT INTO bulletins_rels ("order", parent_id, path, media_id) SELECT row_number() OVER (), $1, 'gallery', id FROM unnest($2::int[]) id`,
      [bulletin.id, rows.map((row) => row.id)],
    )
    await pool.query(REFRESH_ALL_MEDIA_VISIBILITY)
    const last = rows.at(-1)!.id
    expect((await asPublic(last)).id).toBe(last)
    const listed = await t.payload.find({ collection: 'media', where: { filename: { like: 'archivo-' } }, limit: 1, overrideAccess: false, depth: 0 })
    expect(listed.totalDocs).toBe(70_000)
    await pool.query(`DELETE FROM media WHERE id = ANY($1::int[])`, [rows.map((row) => row.id)])
  })
})
