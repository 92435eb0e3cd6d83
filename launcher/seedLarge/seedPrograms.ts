/** The archive's programs (calls for applications): open, closing soon, upcoming and closed, each with its history. */
import type pg from 'pg'
import type { Payload } from 'payload'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import type { User } from '@pregon/cms/payload-types'
import { arrayRowId, insertRows, reserveIds, type Row } from './insertRows'
import { copyLatestArrays, copyVersions, type VersionStep } from './copyVersions'

const DAY = 24 * 60 * 60 * 1000
const AIMS = ['vivienda', 'becas escolares', 'huertos familiares', 'emprendimiento', 'adultos mayores', 'calentadores solares', 'útiles escolares', 'fertilizante'] as const
const AGENCIES = ['Desarrollo Social', 'Secretaría de Bienestar del Estado', 'DIF Municipal', 'Secretaría de Desarrollo Rural'] as const
const LEVELS = ['municipal', 'estatal', 'federal'] as const

/** `count` programs copied from the `template` program's row (one taken through the real workflow). */
export async function seedPrograms({ db, template, staff, count, versions, now }: { db: pg.ClientBase; template: number; staff: { editor: User; approver: User }; count: number; versions: number; now: Date }): Promise<{ count: number; rows: number }> {
  if (count === 0) return { count: 0, rows: 0 }
  const tpl = (await db.query<Row>('SELECT * FROM programs WHERE id = $1', [template])).rows[0]!
  const programIds = await reserveIds(db, 'programs', count)
  const t: Record<string, Row[]> = { programs: [], programs_requirements: [], programs_documents: [] }
  const steps: VersionStep[] = []
  programIds.forEach((id, i) => {
    const n = i + 1
    const aim = AIMS[n % AIMS.length]!
    // Spread over the decade, newest last; the newest dozens are open, closing soon or upcoming.
    const age = ((count - n) / count) * 10 * 365 * DAY
    const kind = count - n < 40 ? n % 4 : 3 // 0 open, 1 closing soon, 2 upcoming, 3 closed
    const opensAt = kind === 2 ? now.getTime() + (5 + (n % 20)) * DAY : now.getTime() - age - 30 * DAY
    const closesAt = kind === 3 ? opensAt + 45 * DAY : kind === 1 ? now.getTime() + (1 + (n % 4)) * DAY : now.getTime() + (20 + (n % 40)) * DAY
    const publishedAt = new Date(Math.min(opensAt, now.getTime()) - 2 * DAY).toISOString()
    const isPublic = n % 25 !== 5
    const row: Row = {
      ...tpl,
      id,
      title: `Programa de apoyo para ${aim} ${2016 + Math.floor((n * 10) / count)} (${n})`,
      slug: `programa-${aim.replace(/\s+/g, '-')}-${n}`,
      issuing_level: LEVELS[n % LEVELS.length],
      agency: AGENCIES[n % AGENCIES.length],
      summary: `Apoyo para ${aim} dirigido a familias del municipio; convocatoria número ${n}.`,
      eligibility: 'Personas mayores de 18 años que vivan en el municipio y no reciban otro apoyo similar.',
      how_to_apply: 'En la ventanilla de Desarrollo Social, de lunes a viernes de 9:00 a 15:00 horas, o en línea.',
      opens_at: new Date(opensAt).toISOString(),
      closes_at: new Date(closesAt).toISOString(),
      contact: 'desarrollo.social@municipio.gob.mx',
      workflow_state: isPublic ? 'published' : 'draft',
      _status: isPublic ? 'published' : 'draft',
      approval_by_name: isPublic ? staff.approver.name : null,
      approval_by_id: isPublic ? String(staff.approver.id) : null,
      approval_at: isPublic ? publishedAt : null,
      approval_hash: isPublic ? tpl.approval_hash : null,
      edited_by: [staff.editor.id],
      published_at: isPublic ? publishedAt : null,
      created_at: new Date(Date.parse(publishedAt) - DAY).toISOString(),
      updated_at: publishedAt,
    }
    t.programs!.push(row)
    const requirements = ['Identificación oficial vigente', 'Comprobante de domicilio reciente', 'CURP']
    const documents = ['Solicitud firmada', `Formato de registro ${n}`]
    requirements.forEach((item, order) => t.programs_requirements!.push({ _order: order + 1, _parent_id: id, id: arrayRowId(n, 10 + order), item }))
    documents.forEach((item, order) => t.programs_documents!.push({ _order: order + 1, _parent_id: id, id: arrayRowId(n, 20 + order), item }))
    for (let v = 0; v < versions; v++) {
      const isLatest = v === versions - 1
      const state = isLatest ? String(row.workflow_state) : (['draft', 'in_review', 'approved', 'approved'] as const)[Math.min(v, 3)]!
      steps.push({ parent_id: id, step: v + 1, state, status: isLatest ? (row._status as 'draft' | 'published') : 'draft', at: String(row.updated_at), latest: isLatest, published_at: isLatest ? (row.published_at as string | null) : null })
    }
  })
  let rows = 0
  await db.query('BEGIN')
  for (const [table, list] of Object.entries(t)) rows += await insertRows(db, table, list)
  rows += await copyVersions(db, 'programs', steps)
  rows += await copyLatestArrays(db, 'programs', [{ name: 'requirements', columns: ['item'] }, { name: 'documents', columns: ['item'] }], programIds)
  await db.query('COMMIT')
  return { count, rows }
}

/** One program through the real workflow (draft, review, approval, publication): the row every seeded one copies. */
export async function templateProgram(payload: Payload, { editor, approver }: { editor: User; approver: User }): Promise<number> {
  const draft = await payload.create({
    collection: 'programs',
    draft: true,
    overrideAccess: false,
    user: editor,
    data: {
      title: `Programa de apoyo (plantilla del archivo ${Date.now().toString(36)})`,
      summary: 'Apoyo económico para familias del municipio.',
      issuingLevel: 'municipal',
      agency: 'Desarrollo Social',
      requirements: [{ item: 'Identificación oficial vigente' }],
      documents: [{ item: 'Solicitud firmada' }],
      opensAt: new Date(Date.now() - 40 * DAY).toISOString(),
      closesAt: new Date(Date.now() - 10 * DAY).toISOString(),
      classification: 'informativo',
    },
  })
  return publishTemplate(payload, 'programs', draft.id, { editor, approver })
}

/** A template through review, approval and publication, as the office does it (its history not distributed). */
export async function publishTemplate(payload: Payload, collection: 'bulletins' | 'programs', id: number, { editor, approver }: { editor: User; approver: User }): Promise<number> {
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload, collection, id, verb, user, context: { skipDistribution: true } })
  }
  return id
}
