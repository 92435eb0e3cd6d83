import type pg from 'pg'

export type Row = Record<string, unknown>

/**
 * Writes many rows in one statement: the rows travel as one JSON array and PostgreSQL turns it into records of
 * the table's own type (so jsonb, enums and timestamps need no casts here). Columns left out of the rows get
 * their defaults (serial ids of rels/texts/arrays included). Returns how many rows it wrote.
 */
export async function insertRows(db: pg.ClientBase, table: string, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0
  const columns = Object.keys(rows[0]!)
    .map((column) => `"${column}"`)
    .join(', ')
  await db.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(null::"${table}", $1::json)`, [JSON.stringify(rows)])
  return rows.length
}

/** `count` fresh ids from the table's own sequence, so Payload's later inserts never collide with ours. */
export async function reserveIds(db: pg.ClientBase, table: string, count: number): Promise<number[]> {
  if (count === 0) return []
  const { rows } = await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`, [`"${table}"`, count])
  return rows.map((row) => row.id)
}

/** A Payload array row id (24 hex characters, as Payload makes them), deterministic per seed row. */
export const arrayRowId = (n: number, salt: number) => (n * 7919 + salt).toString(16).padStart(24, '0')
