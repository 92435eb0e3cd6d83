/**
 * A decade of a busy press office in seconds: `seedLarge` writes tens of thousands of bulletins (each with its
 * version history), programs, their topics, departments and reused photos straight into the tables Payload's
 * postgres adapter reads, in bulk. Payload's `create` takes tens of milliseconds per document, far too slow for
 * 50,000 of them; what it makes, though, is the model: staff, departments, a few real photos (files and
 * renditions on disk) and one bulletin and one program taken through the real workflow are made through Payload,
 * and every seeded row starts from those templates' rows, so columns this seed does not know keep the values
 * Payload itself writes.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Payload } from 'payload'
import { loadConfig } from '@pregon/core/loadConfig'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { slugify } from '@pregon/core/slugify'
import { bootPayload } from '@pregon/cms/bootPayload'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import { demoImage } from '@pregon/cms/seed/demoImage'
import { REFRESH_ALL_MEDIA_VISIBILITY } from '@pregon/cms/collections/Media/mediaVisibility'
import type { User } from '@pregon/cms/payload-types'
import { archiveBody, archiveText, SPOKESPEOPLE } from './archiveText'
import { arrayRowId, insertRows, reserveIds, type Row } from './insertRows'
import { copyLatestArrays, copyVersions, type VersionStep } from './copyVersions'
import { publishTemplate, seedPrograms, templateProgram } from './seedPrograms'

const DAY = 24 * 60 * 60 * 1000
const YEARS = 10
const BATCH = 1000

export const ARCHIVE_DEPARTMENTS = ['Obras Públicas', 'Salud', 'Desarrollo Social', 'Seguridad Ciudadana', 'Cultura', 'Educación', 'Medio Ambiente', 'Tesorería', 'DIF Municipal', 'Protección Civil', 'Turismo', 'Deporte'] as const
const PHOTO_COLORS = ['#2f6f8f', '#3c7a3c', '#8f6a2f', '#7a3c5a'] as const
const KINDS = ['boletin', 'boletin', 'boletin', 'comunicado', 'aviso', 'boletin', 'posicionamiento', 'comunicado'] as const
const SEED_PASSWORD_BYTES = 18
const ANALYZED = ['bulletins', 'bulletins_texts', 'bulletins_rels', 'bulletins_distribute_to', 'bulletins_corrections', '_bulletins_v', '_bulletins_v_texts', '_bulletins_v_rels', '_bulletins_v_version_distribute_to', 'programs', '_programs_v', 'media', 'departments']

export interface SeedLargeOptions {
  /** The database to fill (the tables' owner when `migrate`). */
  databaseUrl: string
  /** Where the photos' files go (Pregón's DATA_DIR). Ignored when `payload` is given. */
  dataDir?: string
  /** A Payload already booted on the database (tests); otherwise one is booted and destroyed. */
  payload?: Payload
  /** Apply the committed migrations first (a fresh database). */
  migrate?: boolean
  bulletins: number
  programs?: number
  versionsPerBulletin?: number
  now?: Date
  log?: (line: string) => void
}

export interface SeedLargeReport {
  bulletins: number
  programs: number
  versions: number
  rows: number
  /** The bulk part alone (what grows with the archive); `totalSeconds` includes Payload's templates and photos. */
  bulkSeconds: number
  totalSeconds: number
  bulletinsPerSecond: number
  rowsPerSecond: number
  /** Whether PostgreSQL's per-row foreign-key checks were off for the bulk (needs a superuser; see below). */
  skippedForeignKeyChecks: boolean
  departmentIds: number[]
  mediaIds: number[]
  staff: { editor: User; approver: User }
  /** Seeded bulletins by what happened to them (ids), for tests and benches. */
  ids: { published: number[]; corrected: number[]; withdrawn: number[]; unpublished: number[] }
}

type Fate = 'published' | 'corrected' | 'withdrawn' | 'unpublished'
/** Most bulletins are simply published; some were corrected, a few withdrawn, a few never left the office. */
export const fateOf = (n: number): Fate => (n % 50 === 7 ? 'withdrawn' : n % 40 === 3 ? 'unpublished' : n % 20 === 11 ? 'corrected' : 'published')

export async function seedLarge(options: SeedLargeOptions): Promise<SeedLargeReport> {
  const started = performance.now()
  const log = options.log ?? (() => {})
  const versions = Math.max(1, options.versionsPerBulletin ?? 5)
  const now = options.now ?? new Date()
  const payload = options.payload ?? (await bootOwn(options))
  const db = new pg.Client({ connectionString: options.databaseUrl })
  await db.connect()
  // A seed that stops halfway is started again on a fresh database: no need to wait for each commit's flush.
  await db.query('SET synchronous_commit = off')
  const skipsChecks = await skipForeignKeyChecks(db)
  try {
    log('Plantillas con Payload: personal, dependencias, fotos, un boletín y un programa por el flujo real…')
    const staff = { editor: await staffMember(payload, 'editor'), approver: await staffMember(payload, 'approver') }
    const departmentIds = await departments(payload)
    const mediaIds = await photos(payload)
    const template = await templateBulletin(payload, staff, departmentIds[0]!, mediaIds[0]!)
    const programTemplate = (options.programs ?? 1000) > 0 ? await templateProgram(payload, staff) : 0
    const bulkStarted = performance.now()
    const tpl = (await db.query<Row>('SELECT * FROM bulletins WHERE id = $1', [template])).rows[0]!
    const distributeTo = (await db.query<{ value: string }>('SELECT value FROM bulletins_distribute_to WHERE parent_id = $1 ORDER BY "order"', [template])).rows.map((r) => r.value)

    const ids: SeedLargeReport['ids'] = { published: [], corrected: [], withdrawn: [], unpublished: [] }
    let rows = 0
    const span = YEARS * 365 * DAY
    for (let first = 1; first <= options.bulletins; first += BATCH) {
      const numbers = Array.from({ length: Math.min(BATCH, options.bulletins - first + 1) }, (_, i) => first + i)
      const bulletinIds = await reserveIds(db, 'bulletins', numbers.length)
      const t: Record<string, Row[]> = { bulletins: [], bulletins_texts: [], bulletins_rels: [], bulletins_corrections: [], bulletins_distribute_to: [] }
      const steps: VersionStep[] = []
      numbers.forEach((n, i) => {
        const id = bulletinIds[i]!
        const fate = fateOf(n)
        ids[fate].push(id)
        const text = archiveText(n)
        // Oldest first, so ids grow with dates as in a real archive; a few hours of jitter per bulletin.
        const publishedAt = new Date(now.getTime() - ((options.bulletins - n) / options.bulletins) * span - ((n * 7_919) % 6) * 3_600_000)
        const createdAt = new Date(publishedAt.getTime() - (1 + (n % 3)) * DAY)
        const updatedAt = new Date(publishedAt.getTime() + (fate === 'published' ? 0 : 2 * DAY))
        const isPublic = fate !== 'unpublished'
        t.bulletins!.push({
          ...tpl,
          id,
          title: text.title,
          slug: `${slugify(text.title).slice(0, 80)}-${n}`,
          summary: text.summary,
          body: archiveBody(text),
          hero_image_id: n % 10 === 9 ? null : mediaIds[n % mediaIds.length],
          department_id: departmentIds[n % departmentIds.length],
          kind: KINDS[n % KINDS.length],
          place: text.place,
          event_date: new Date(publishedAt.getTime() + ((n % 5) - 1) * DAY).toISOString(),
          spokesperson: SPOKESPEOPLE[n % SPOKESPEOPLE.length],
          workflow_state: fate === 'unpublished' ? (n % 2 === 0 ? 'draft' : 'in_review') : fate === 'withdrawn' ? 'withdrawn' : 'published',
          _status: fate === 'published' || fate === 'corrected' ? 'published' : 'draft',
          approval_hash: isPublic ? randomHash(n) : null,
          approval_by_name: isPublic ? staff.approver.name : null,
          approval_by_id: isPublic ? String(staff.approver.id) : null,
          approval_at: isPublic ? new Date(publishedAt.getTime() - 3_600_000).toISOString() : null,
          edited_by: [staff.editor.id],
          needs_review: false,
          publish_at: null,
          published_at: isPublic ? publishedAt.toISOString() : null,
          withdrawal_at: fate === 'withdrawn' ? new Date(publishedAt.getTime() + 2 * DAY).toISOString() : null,
          withdrawal_reason: fate === 'withdrawn' ? 'Se publicó con una fecha equivocada; lo pidió la dependencia.' : null,
          withdrawal_notice: fate === 'withdrawn' ? 'Este boletín se retiró porque tenía una fecha equivocada; la información correcta se publicará por separado.' : null,
          created_at: createdAt.toISOString(),
          updated_at: updatedAt.toISOString(),
        })
        const children = childRows(n, text.topics, departmentIds, mediaIds)
        for (const child of children.texts) t.bulletins_texts!.push({ ...child, parent_id: id })
        for (const child of children.rels) t.bulletins_rels!.push({ ...child, parent_id: id })
        // Each bulletin goes out on some of the channels the office uses (the template has them all).
        distributeTo
          .filter((_, k) => (n + k) % 3 !== 0)
          .forEach((value, order) => t.bulletins_distribute_to!.push({ order: order + 1, parent_id: id, value }))
        if (fate === 'corrected') t.bulletins_corrections!.push({ _order: 1, _parent_id: id, id: arrayRowId(n, 1), at: new Date(publishedAt.getTime() + DAY).toISOString(), note: `Se corrigió la cifra de familias beneficiadas (boletín ${n}).` })

        // The history Payload keeps: the editor's drafts, review, approval, publication and what came after.
        const history = historyOf(fate).slice(-versions)
        history.forEach((step, v) => {
          const at = new Date(createdAt.getTime() + ((v + 1) / history.length) * (updatedAt.getTime() - createdAt.getTime()))
          const isLatest = v === history.length - 1
          const wasPublished = history.slice(0, v + 1).some((h) => h.status === 'published')
          steps.push({ parent_id: id, step: v + 1, state: step.state, status: step.status, at: at.toISOString(), latest: isLatest, published_at: wasPublished ? publishedAt.toISOString() : null })
        })
      })
      await db.query('BEGIN')
      for (const [table, list] of Object.entries(t)) rows += await insertRows(db, table, list)
      rows += await copyVersions(db, 'bulletins', steps)
      rows += await copyLatestArrays(db, 'bulletins', [{ name: 'corrections', columns: ['at', 'note'] }], bulletinIds)
      await db.query('COMMIT')
      if ((first - 1 + numbers.length) % 10_000 < BATCH) log(`…${first - 1 + numbers.length} boletines`)
    }
    const programs = await seedPrograms({ db, template: programTemplate, staff, count: options.programs ?? 1000, versions, now })
    rows += programs.rows
    // Written around Payload: the public flag of the photos the new bulletins show.
    await db.query(REFRESH_ALL_MEDIA_VISIBILITY)
    // Statistics and visibility of what was just written (index-only counts), as autovacuum would leave them.
    for (const table of ANALYZED) await db.query(`VACUUM (ANALYZE) "${table}"`)
    const bulkSeconds = (performance.now() - bulkStarted) / 1000
    return {
      bulletins: options.bulletins,
      programs: programs.count,
      versions,
      rows,
      bulkSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      bulletinsPerSecond: options.bulletins / bulkSeconds,
      rowsPerSecond: rows / bulkSeconds,
      skippedForeignKeyChecks: skipsChecks,
      departmentIds,
      mediaIds,
      staff,
      ids,
    }
  } finally {
    await db.end()
    if (!options.payload) {
      await stopProducers()
      await payload.destroy()
    }
  }
}

interface Step {
  state: string
  status: 'draft' | 'published'
}
/** A bulletin's versions, oldest first, as the workflow leaves them (the last is the working copy). */
function historyOf(fate: Fate): Step[] {
  const drafting: Step[] = [
    { state: 'draft', status: 'draft' },
    { state: 'draft', status: 'draft' },
    { state: 'in_review', status: 'draft' },
    { state: 'approved', status: 'draft' },
  ]
  if (fate === 'unpublished') return [{ state: 'draft', status: 'draft' }, ...drafting.slice(0, 3)]
  if (fate === 'withdrawn') return [...drafting.slice(1), { state: 'published', status: 'published' }, { state: 'withdrawn', status: 'draft' }]
  if (fate === 'corrected') return [...drafting.slice(2), { state: 'published', status: 'published' }, { state: 'approved', status: 'draft' }, { state: 'published', status: 'published' }]
  return [...drafting, { state: 'published', status: 'published' }]
}

/** Topics (hasMany text), other departments and gallery photos of bulletin `n`, without their parent id. */
function childRows(n: number, topics: string[], departmentIds: number[], mediaIds: number[]) {
  const texts = topics.map((text, i) => ({ order: i + 1, path: 'topics', text }))
  const rels: Row[] = []
  if (n % 10 === 4) rels.push({ order: 1, path: 'otherDepartments', departments_id: departmentIds[(n + 5) % departmentIds.length] })
  if (n % 20 === 6) mediaIds.slice(0, 3).forEach((media_id, i) => rels.push({ order: i + 1, path: 'gallery', media_id }))
  return { texts, rels }
}

/**
 * Every row this seed writes points at rows it wrote just before (or at Payload's templates), so PostgreSQL's
 * per-row foreign-key triggers only repeat what the seed guarantees; they were about two thirds of the bulk time
 * (5,000 bulletins: 12.6 s with them, 4.3 s without). `session_replication_role = replica` turns off every
 * ordinary trigger of this connection, so it must only ever write the archive's tables, which have no triggers
 * of their own (the audit log's chain is a trigger: this connection never writes it). Needs a superuser (the
 * embedded database's owner is one); elsewhere the checks stay and the seed is slower. seedLarge.test.ts checks
 * every foreign key of the seeded tables afterwards.
 */
async function skipForeignKeyChecks(db: pg.Client): Promise<boolean> {
  try {
    await db.query('SET session_replication_role = replica')
    return true
  } catch {
    return false
  }
}

const randomHash = (n: number) => (BigInt(n) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, '0').slice(-64)

async function bootOwn({ databaseUrl, dataDir, migrate }: SeedLargeOptions): Promise<Payload> {
  if (!dataDir) throw new Error('seedLarge needs a Payload, or a dataDir for the photos it makes')
  await prepareQueues(databaseUrl)
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PAYLOAD_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'silent' })
  return bootPayload(config, { migrate: migrate ?? false })
}

/** The archive's editor and approver (made once; a second seed reuses them). */
async function staffMember(payload: Payload, role: 'editor' | 'approver'): Promise<User> {
  const email = role === 'editor' ? 'archivo.editora@pregon.test' : 'archivo.titular@pregon.test'
  const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })
  if (found.docs[0]) return found.docs[0] as User
  const name = role === 'editor' ? 'Rosa Elena Cárdenas (archivo)' : 'Tomás Villalobos (titular, archivo)'
  return (await payload.create({ collection: 'users', data: { email, name, role, password: randomBytes(SEED_PASSWORD_BYTES).toString('base64url') } })) as User
}

async function departments(payload: Payload): Promise<number[]> {
  const ids: number[] = []
  for (const name of ARCHIVE_DEPARTMENTS) {
    const slug = slugify(name)
    const found = await payload.find({ collection: 'departments', where: { slug: { equals: slug } }, limit: 1, depth: 0 })
    ids.push(found.docs[0]?.id ?? (await payload.create({ collection: 'departments', data: { name, slug } })).id)
  }
  return ids
}

/** A few real photos (files and renditions on disk, through Payload's upload pipeline) that the archive reuses. */
async function photos(payload: Payload): Promise<number[]> {
  const ids: number[] = []
  for (const [i, color] of PHOTO_COLORS.entries()) {
    const alt = `Fotografía de archivo ${i + 1}: obra pública en una colonia del municipio`
    const found = await payload.find({ collection: 'media', where: { alt: { equals: alt } }, limit: 1, depth: 0 })
    if (found.docs[0]) {
      ids.push(found.docs[0].id)
      continue
    }
    const image = await demoImage(color, 1200, 750)
    const media = await payload.create({
      collection: 'media',
      data: { alt, showsPublicServant: 'no' },
      file: { data: image, mimetype: 'image/jpeg', name: `archivo-${i + 1}.jpg`, size: image.length },
    })
    ids.push(media.id)
  }
  return ids
}

/** One bulletin through the real workflow (draft, review, approval, publication): the rows every seeded one copies. */
async function templateBulletin(payload: Payload, { editor, approver }: { editor: User; approver: User }, department: number, heroImage: number): Promise<number> {
  const text = archiveText(0)
  const draft = await payload.create({
    collection: 'bulletins',
    draft: true,
    user: editor,
    overrideAccess: false,
    data: {
      title: `${text.title} ${Date.now().toString(36)}`,
      slug: `plantilla-archivo-${Date.now().toString(36)}`,
      summary: text.summary,
      body: paragraphsToLexical(text.paragraphs),
      heroImage,
      department,
      classification: 'informativo',
      topics: text.topics,
    },
  })
  return publishTemplate(payload, 'bulletins', draft.id, { editor, approver })
}
