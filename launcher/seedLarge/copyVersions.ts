import type pg from 'pg'

export interface VersionStep {
  parent_id: number
  /** 1-based position in the history; the highest is the latest. */
  step: number
  state: string
  status: 'draft' | 'published'
  at: string
  latest: boolean
  /** `published_at` as that version had it (null before the first publication). */
  published_at: string | null
}

/**
 * Writes the version history of documents already in `collection`'s table, inside PostgreSQL: each version is
 * the document's row (every column copied into its `version_*` twin, so nothing is forgotten) with the state,
 * status and dates of its step; the versions' topics, relations and channels are copied from the document's.
 * Only the steps travel from Node; the bodies never do twice. Returns the rows written.
 */
export async function copyVersions(db: pg.ClientBase, collection: 'bulletins' | 'programs', steps: VersionStep[], { hasChannels = true } = {}): Promise<number> {
  if (steps.length === 0) return 0
  const v = `_${collection}_v`
  const docColumns = (await columnsOf(db, collection)).map((c) => c.name)
  const versionColumns = new Map((await columnsOf(db, v)).map((c) => [c.name, c]))
  const overridden = new Set(['workflow_state', '_status', 'published_at', 'updated_at'])
  const copied = docColumns.filter((c) => c !== 'id' && !overridden.has(c) && versionColumns.has(`version_${c}`))
  // Enums are distinct types per table: a document's value reaches its version's column through text.
  const valueOf = (c: string) => (versionColumns.get(`version_${c}`)!.enumType ? `d."${c}"::text::"${versionColumns.get(`version_${c}`)!.enumType}"` : `d."${c}"`)
  const ids = [...new Set(steps.map((s) => s.parent_id))]
  const inserted = await db.query(
    `INSERT INTO "${v}" (parent_id, ${copied.map((c) => `"version_${c}"`).join(', ')}, version_workflow_state, version__status, version_published_at, version_updated_at, created_at, updated_at, latest)
     SELECT d.id, ${copied.map(valueOf).join(', ')}, s.state::text::"enum_${v}_version_workflow_state", s.status::text::"enum_${v}_version_status", s.published_at, s.at, s.at, s.at, s.latest
     FROM json_to_recordset($1::json) AS s(parent_id int, step int, state text, status text, at timestamptz, latest boolean, published_at timestamptz)
     JOIN "${collection}" d ON d.id = s.parent_id
     ORDER BY d.id, s.step`,
    [JSON.stringify(steps)],
  )
  let rows = inserted.rowCount ?? 0
  const children: Array<[string, string, string]> = collection === 'bulletins'
    ? [
        ['_texts', '"order", path, text', 'c."order", c.path, c.text'],
        ['_rels', '"order", path, departments_id, media_id, social_accounts_id, mailing_lists_id', 'c."order", c.path, c.departments_id, c.media_id, c.social_accounts_id, c.mailing_lists_id'],
      ]
    : [['_rels', '"order", path, media_id, bulletins_id, mailing_lists_id', 'c."order", c.path, c.media_id, c.bulletins_id, c.mailing_lists_id']]
  if (hasChannels) children.push(['_distribute_to', '"order", value', `c."order", c.value::text::"enum_${v}_version_distribute_to"`])
  for (const [suffix, columns, values] of children) {
    const versionTable = suffix === '_distribute_to' ? `${v}_version${suffix}` : `${v}${suffix}`
    const result = await db.query(
      `INSERT INTO "${versionTable}" (parent_id, ${columns}) SELECT ver.id, ${values} FROM "${collection}${suffix}" c JOIN "${v}" ver ON ver.parent_id = c.parent_id WHERE c.parent_id = ANY($1::int[])`,
      [ids],
    )
    rows += result.rowCount ?? 0
  }
  return rows
}

/** Array rows (corrections, requirements, documents) of the latest versions only, copied from the documents'. */
export async function copyLatestArrays(db: pg.ClientBase, collection: 'bulletins' | 'programs', arrays: Array<{ name: string; columns: string[] }>, ids: number[]): Promise<number> {
  const v = `_${collection}_v`
  let rows = 0
  for (const { name, columns } of arrays) {
    const list = columns.map((c) => `"${c}"`).join(', ')
    const result = await db.query(
      `INSERT INTO "${v}_version_${name}" (_order, _parent_id, _uuid, ${list}) SELECT c._order, ver.id, c.id, ${columns.map((c) => `c."${c}"`).join(', ')}
       FROM "${collection}_${name}" c JOIN "${v}" ver ON ver.parent_id = c._parent_id AND ver.latest WHERE c._parent_id = ANY($1::int[])`,
      [ids],
    )
    rows += result.rowCount ?? 0
  }
  return rows
}

async function columnsOf(db: pg.ClientBase, table: string): Promise<Array<{ name: string; enumType: string | null }>> {
  const { rows } = await db.query<{ column_name: string; data_type: string; udt_name: string }>(
    `SELECT column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  )
  return rows.map((r) => ({ name: r.column_name, enumType: r.data_type === 'USER-DEFINED' ? r.udt_name : null }))
}
