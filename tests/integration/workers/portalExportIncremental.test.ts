import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { createExportMemory, exportPortalContent, type PortalExport } from '@pregon/workers/portal/exportPortalContent'
import { buildBulletin, buildDepartment, buildMedia, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
const HOUR = 60 * 60 * 1000

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

it('builds each export on the last one, equal to a full export after every change, reusing unchanged bulletins', async () => {
  const { editor, approver } = await team(t.payload)
  const memory = createExportMemory()
  const exportWith = (file: string, options: { memory: ReturnType<typeof createExportMemory> }) =>
    exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file: path.join(t.config.portalDir, file), mediaDir: t.config.mediaDir, ...options })
  let last: PortalExport | null = null
  /** Never on the portal: a draft, an embargoed bulletin, a draft edit of a published one, and (once withdrawn) a withdrawn one's text. */
  const hidden = ['Borrador que nadie aprobó', 'Embargado hasta mañana', 'Título a medio editar']
  /** The incremental export, after checking it against a full export of the same database state. */
  const exportAndCompare = async (): Promise<PortalExport> => {
    const incremental = await exportWith('incremental.json', { memory })
    const full = await exportWith('full.json', { memory: createExportMemory() })
    expect(full.changes.isFull).toBe(true)
    expect(incremental.content).toEqual(full.content)
    const text = JSON.stringify(incremental.content)
    for (const words of hidden) expect(text).not.toContain(words)
    last = incremental
    return incremental
  }
  const bulletinOf = (result: PortalExport, id: number) => result.content.bulletins.find((b) => b.id === String(id))

  const department = await buildDepartment(t.payload, 'Obras Públicas')
  const photo = await buildMedia(t.payload, 'Cuadrilla bacheando la avenida')
  const bacheo = await buildBulletin(t.payload, { title: 'Programa de bacheo', heroImage: photo.id, department: department.id, status: 'published', skipDistribution: true })
  const feria = await buildBulletin(t.payload, { title: 'Feria del elote', status: 'published', skipDistribution: true })
  const retirar = await buildBulletin(t.payload, { title: 'Convocatoria publicada por error', paragraphs: ['Texto retirado que ya no debe leerse.'], status: 'published', skipDistribution: true })
  await buildBulletin(t.payload, { title: 'Borrador que nadie aprobó', status: 'approved' })
  // Embargoed: published by the workflow, on the portal only when the scheduler lifts it.
  const embargoed = await buildBulletin(t.payload, { title: 'Embargado hasta mañana' })
  await t.payload.update({ collection: 'bulletins', id: embargoed.id, draft: true, data: { embargoUntil: new Date(Date.now() + 24 * HOUR).toISOString() }, overrideAccess: false, user: editor })
  for (const verb of ['submit', 'approve', 'publish'] as const) await applyWorkflowAction({ payload: t.payload, id: embargoed.id, verb, user: verb === 'submit' ? editor : approver, context: { skipDistribution: true } })

  const first = await exportAndCompare()
  expect(first.changes.isFull).toBe(true)
  expect(first.content.bulletins.map((b) => b.title)).toEqual(['Convocatoria publicada por error', 'Feria del elote', 'Programa de bacheo'])

  // Nothing changed: nothing is read again, every object is the same.
  const unchanged = await exportAndCompare()
  expect(unchanged.changes).toEqual({ isFull: false, mapped: [], removed: [] })
  expect(unchanged.content.bulletins.every((bulletin, index) => bulletin === first.content.bulletins[index])).toBe(true)

  // Publish one more: only it is mapped; the others are the very same objects.
  const nuevo = await buildBulletin(t.payload, { title: 'Cierre vial en el centro', status: 'published', skipDistribution: true })
  const published = await exportAndCompare()
  expect(published.changes).toEqual({ isFull: false, mapped: [String(nuevo.id)], removed: [] })
  expect(bulletinOf(published, bacheo.id)).toBe(bulletinOf(first, bacheo.id))
  expect(bulletinOf(published, feria.id)).toBe(bulletinOf(first, feria.id))

  // A draft edit of a published bulletin stays off the portal.
  await t.payload.update({ collection: 'bulletins', id: nuevo.id, draft: true, data: { title: 'Título a medio editar' }, overrideAccess: false, user: editor })
  expect((await exportAndCompare()).changes.mapped).toEqual([])

  // A correction, through the workflow.
  await applyWorkflowAction({ payload: t.payload, id: feria.id, verb: 'correct', user: editor })
  await t.payload.update({ collection: 'bulletins', id: feria.id, draft: true, data: { title: 'Feria del elote', summary: 'La feria sigue hasta el domingo 30.', correction: { note: 'La feria termina el domingo 30.' } }, overrideAccess: false, user: editor })
  for (const verb of ['submit', 'approve', 'publish'] as const) await applyWorkflowAction({ payload: t.payload, id: feria.id, verb, user: verb === 'submit' ? editor : approver, context: { skipDistribution: true } })
  const corrected = await exportAndCompare()
  expect(corrected.changes.mapped).toEqual([String(feria.id)])
  expect(bulletinOf(corrected, feria.id)).toMatchObject({ summary: 'La feria sigue hasta el domingo 30.', corrections: [expect.objectContaining({ note: 'La feria termina el domingo 30.' })] })

  // A withdrawal: the bulletin leaves the list, its notice comes in.
  await applyWorkflowAction({ payload: t.payload, id: retirar.id, verb: 'withdraw', user: approver, reason: 'Sin firma del convenio.', notice: 'Se publicó por error.' })
  hidden.push('Texto retirado que ya no debe leerse')
  const withdrawn = await exportAndCompare()
  expect(withdrawn.changes).toEqual({ isFull: false, mapped: [], removed: [String(retirar.id)] })
  expect(withdrawn.content.withdrawn?.map((notice) => notice.slug)).toEqual([retirar.slug])

  // The photo's alt text and the department's name live in their own records: their bulletin is mapped again.
  await t.payload.update({ collection: 'media', id: photo.id, data: { alt: 'Cuadrilla bacheando la avenida Juárez' } })
  const altered = await exportAndCompare()
  expect(altered.changes.mapped).toEqual([String(bacheo.id)])
  expect(bulletinOf(altered, bacheo.id)!.hero).toMatchObject({ alt: 'Cuadrilla bacheando la avenida Juárez' })
  await t.payload.update({ collection: 'departments', id: department.id, data: { name: 'Obras y Servicios Públicos' } })
  const renamed = await exportAndCompare()
  expect(renamed.changes.mapped).toEqual([String(bacheo.id)])
  expect(bulletinOf(renamed, bacheo.id)!.department).toMatchObject({ name: 'Obras y Servicios Públicos' })

  // Site settings are read on every export.
  await t.payload.updateGlobal({ slug: 'site-settings', data: { municipalityName: 'Santa Lucía del Valle' } })
  expect((await exportAndCompare()).content.site.name).toBe('Santa Lucía del Valle')

  // A veda starting: photos of public servants hide, so every bulletin is mapped again.
  await t.payload.create({
    collection: 'blackout-periods',
    data: { name: 'Proceso electoral local (campañas)', kind: 'municipal', startsAt: new Date(Date.now() - HOUR).toISOString(), endsAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString(), territory: 'Municipio de prueba' },
  })
  const veda = await exportAndCompare()
  expect(veda.changes.isFull).toBe(true)

  expect(last!.content.bulletins.map((b) => b.title)).toEqual(['Cierre vial en el centro', 'Feria del elote', 'Programa de bacheo'])
})
