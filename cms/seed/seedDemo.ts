import type { Payload } from 'payload'
import { applyWorkflowAction } from '../workflow/applyWorkflowAction'
import { paragraphsToLexical } from './paragraphsToLexical'
import type { WorkflowCollection } from '../workflow/workflowCollections'
import type { User } from '../payload-types'
import type { WorkflowVerb } from '../workflow'
import { slugify } from '@pregon/core/slugify'
import { beat, readHeartbeats, type Queryable } from '@pregon/core/ops/opsTables'
import {
  DEMO_BULLETINS,
  DEMO_DEPARTMENTS,
  DEMO_SOCIAL_ACCOUNTS,
  DEMO_MAILING_LISTS,
  DEMO_PASSWORD,
  DEMO_PRESS_CONTACTS,
  DEMO_PROGRAMS,
  DEMO_SETTINGS,
  DEMO_WATCH_LIST,
  DEMO_USERS,
  type DemoBulletin,
} from './demoContent'
import { demoImage } from './demoImage'

const DAY = 24 * 60 * 60 * 1000

/**
 * Fills an empty database with the demo municipality, once: if any user exists, it does nothing, unless the
 * seed never finished (a first start stopped halfway), in which case the partial demo is cleared and seeded
 * again. Only `npm start` in demo mode calls it; production never gets demo accounts.
 */
export async function seedDemo(payload: Payload, { now = new Date() } = {}): Promise<{ seeded: boolean }> {
  const db = (payload.db as unknown as { pool: Queryable }).pool
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) {
    // The migration that introduced the mark set it for databases that had users already.
    if ((await readHeartbeats(db, 'demo-seed')).length > 0) return { seeded: false }
    payload.logger.warn({ code: 'DEMO_SEED_INCOMPLETE', msg: 'La carga de la demostración quedó a medias (se detuvo el primer inicio): se vuelve a cargar.' })
    await clearPartialDemo(db)
  }

  await payload.updateGlobal({ slug: 'site-settings', data: DEMO_SETTINGS })
  const users = new Map<string, User>()
  for (const user of DEMO_USERS) {
    users.set(user.role, await payload.create({ collection: 'users', data: { ...user, password: DEMO_PASSWORD } }))
  }
  const editor = users.get('editor')!
  const approver = users.get('approver')!
  const departmentIds = new Map<string, number>()
  for (const name of DEMO_DEPARTMENTS) {
    // Each department's contact: where the petitions turned to it are emailed.
    const department = await payload.create({ collection: 'departments', data: { name, slug: slugify(name), contactEmail: `${slugify(name)}@pregon.test` } })
    departmentIds.set(name, department.id)
  }
  for (const { department, ...account } of DEMO_SOCIAL_ACCOUNTS) {
    const { id } = await payload.create({ collection: 'social-accounts', data: { ...account, account: slugify(account.label) } })
    const owner = await payload.findByID({ collection: 'departments', id: departmentIds.get(department)!, depth: 0 })
    await payload.update({ collection: 'departments', id: owner.id, data: { socialAccounts: [...(owner.socialAccounts ?? []).map((a) => (typeof a === 'object' ? a.id : a)), id] } })
  }
  const listIds = new Map<string, number>()
  for (const list of DEMO_MAILING_LISTS) {
    listIds.set(list.name, (await payload.create({ collection: 'mailing-lists', data: { ...list, slug: slugify(list.name) } })).id)
  }
  for (const { beats, lists, ...contact } of DEMO_PRESS_CONTACTS) {
    await payload.create({
      collection: 'press-contacts',
      data: {
        ...contact,
        status: 'active',
        beats: beats.map((name) => departmentIds.get(name)!),
        lists: lists.map((name) => listIds.get(name)!),
        consent: { at: new Date(now.getTime() - 90 * DAY).toISOString(), source: 'Registro en la sala de prensa (demostración)' },
      },
    })
  }
  // Oldest first, so the newest bulletin also has the highest id.
  for (const bulletin of [...DEMO_BULLETINS].reverse()) {
    const image = await demoImage(bulletin.color)
    const media = await payload.create({
      collection: 'media',
      data: { alt: bulletin.alt, showsPublicServant: 'no' },
      file: { data: image, mimetype: 'image/jpeg', name: `${slugify(bulletin.title).slice(0, 40)}.jpg`, size: image.length },
    })
    // Through the workflow, as the office works: the editor drafts and submits, the head approves and
    // publishes; the record shows every step. The seed's history is not distributed again.
    const draft = await payload.create({
      collection: 'bulletins',
      draft: true,
      user: editor,
      overrideAccess: false,
      data: {
        title: bulletin.title,
        slug: slugify(bulletin.title),
        summary: bulletin.summary,
        body: paragraphsToLexical(bulletin.paragraphs),
        heroImage: media.id,
        department: departmentIds.get(bulletin.department),
        classification: bulletin.classification,
      },
    })
    // The history happened on its day: the workflow dates the publication (and the record) then.
    const decidedAt = bulletin.daysAgo === null ? now : new Date(now.getTime() - bulletin.daysAgo * DAY - 3 * 60 * 60 * 1000)
    await walkTo(payload, 'bulletins', draft.id, bulletin.state, { editor, approver, now: decidedAt })
  }
  for (const { state, requirements, documents, opensInDays, closesInDays, ...program } of DEMO_PROGRAMS) {
    const draft = await payload.create({
      collection: 'programs',
      draft: true,
      user: editor,
      overrideAccess: false,
      data: {
        ...program,
        slug: slugify(program.title),
        requirements: requirements.map((item) => ({ item })),
        documents: documents.map((item) => ({ item })),
        opensAt: new Date(now.getTime() + opensInDays * DAY).toISOString(),
        closesAt: new Date(now.getTime() + closesInDays * DAY).toISOString(),
      },
    })
    await walkTo(payload, 'programs', draft.id, state, { editor, approver, now })
  }
  await payload.updateGlobal({ slug: 'site-settings', data: DEMO_WATCH_LIST })
  await beat(db, 'demo-seed', 'demo', { finishedAt: new Date().toISOString() })
  return { seeded: true }
}

/** Empties every content table (not the migrations' record nor the operations tables) of a half-done demo. */
async function clearPartialDemo(db: Queryable): Promise<void> {
  const { rows } = await db.query(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename <> 'payload_migrations' AND tablename NOT LIKE 'ops\\_%'`,
  )
  if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((row) => String(row.name)).join(', ')} RESTART IDENTITY CASCADE`)
}

/** Takes a demo bulletin through the real workflow to its demo state; the seed's history is not distributed. */
async function walkTo(
  payload: Payload,
  collection: WorkflowCollection,
  id: number,
  state: DemoBulletin['state'],
  { editor, approver, now }: { editor: User; approver: User; now: Date },
): Promise<void> {
  const act = (verb: WorkflowVerb, user: User, reason: string | null = null, publishAt: string | null = null, notice: string | null = null) =>
    applyWorkflowAction({ payload, collection, id, verb, user, reason, notice, publishAt, now, context: { skipDistribution: true } })
  if (state === 'draft') return
  await act('submit', editor)
  if (state === 'in_review') return
  await act('approve', approver)
  if (state === 'approved') return
  if (state === 'scheduled') {
    await act('schedule', approver, null, new Date(now.getTime() + 2 * DAY).toISOString())
    return
  }
  await act('publish', approver)
  if (state === 'withdrawn') {
    await act('withdraw', approver, 'Se publicó con la fecha equivocada; lo pidió la dependencia.', null, 'Este aviso se retiró porque tenía una fecha equivocada; el aviso correcto se publicará por separado.')
  }
}
