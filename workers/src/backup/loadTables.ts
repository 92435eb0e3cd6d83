import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import type { Pool, PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { PregonError } from '@pregon/core/PregonError'
import type { TableEntry } from './archiveFormat'
import { listTables, quoteIdent } from './dumpDatabase'

/** Whether the database already holds tables in `public` (Pregón's, or anybody's): restore writes only into an empty one. */
export async function countPublicTables(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)
  return rows[0]?.n ?? 0
}

/**
 * Loads the archived tables into a database whose schema the same migrations just created, in one
 * transaction: all of it or none of it. Foreign keys are dropped for the load and added back at the end,
 * which checks every reference once; that works for the tables' owner without superuser rights (an external
 * database), where `session_replication_role = replica` would be refused. Sequences are then moved past
 * the highest id, so the next row created does not collide with a restored one.
 */
export async function loadTables({
  pool,
  databaseDir,
  tables,
  onTable = () => {},
}: {
  pool: Pool
  databaseDir: string
  tables: TableEntry[]
  onTable?: (done: number, total: number, table: string) => void
}): Promise<{ rows: number }> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const present = new Map((await listTables(client)).map((table) => [table.name, new Set(table.columns)]))
    for (const table of tables) {
      const columns = present.get(table.name)
      const missing = columns ? table.columns.filter((column) => !columns.has(column)) : []
      if (!columns || missing.length > 0) {
        throw new PregonError({
          code: 'BACKUP_SCHEMA_MISMATCH',
          kind: 'conflict',
          message: `La tabla ${table.name}${missing.length > 0 ? ` (columnas ${missing.join(', ')})` : ''} del respaldo no existe en la base migrada: restaure con la versión de Pregón que hizo el respaldo.`,
        })
      }
    }
    const foreignKeys = await dropForeignKeys(client)
    // Migrations may have written rows (their own bookkeeping, defaults): the archive's rows replace them.
    for (const [name] of present) {
      const { rows } = await client.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(name)}) AS has`)
      if (rows[0]?.has) await client.query(`TRUNCATE ${quoteIdent(name)}`)
    }
    let total = 0
    for (const [index, table] of tables.entries()) {
      const columns = table.columns.map(quoteIdent).join(', ')
      const target = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${columns}) FROM STDIN`))
      await pipeline(fs.createReadStream(path.join(databaseDir, `${table.name}.copy.gz`)), createGunzip(), target)
      const loaded = Number(target.rowCount ?? 0)
      if (loaded !== table.rows) {
        throw new PregonError({
          code: 'BACKUP_ROW_COUNT_MISMATCH',
          message: `La tabla ${table.name} tiene ${loaded} filas en el respaldo y su manifiesto dice ${table.rows}: el respaldo no es confiable.`,
        })
      }
      total += loaded
      onTable(index + 1, tables.length, table.name)
    }
    for (const fk of foreignKeys) {
      await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`)
    }
    await resetSequences(client)
    await client.query('COMMIT')
    return { rows: total }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

async function dropForeignKeys(client: PoolClient): Promise<Array<{ table: string; name: string; definition: string }>> {
  const { rows } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY c.conrelid::regclass::text, c.conname`,
  )
  for (const fk of rows) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`)
  return rows
}

/** Every sequence owned by a column of `public` (serial and identity ids) set to follow that column's maximum. */
async function resetSequences(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ sequence: string; table: string; column: string }>(
    `SELECT s.oid::regclass::text AS sequence, d.refobjid::regclass::text AS table, a.attname AS column
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  )
  for (const { sequence, table, column } of rows) {
    await client.query(`SELECT setval($1::regclass, COALESCE((SELECT max(${quoteIdent(column)}) FROM ${table}), 0) + 1, false)`, [sequence])
  }
}
