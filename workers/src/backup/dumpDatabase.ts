import fs from 'node:fs'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { PoolClient } from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { PregonError } from '@pregon/core/PregonError'
import { tableMember, type TableEntry } from './archiveFormat'

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Tables of the `public` schema (Payload's, its migrations table, the ops tables): pg-boss's jobs are not data. */
export async function listTables(client: PoolClient): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY c.relname
      ORDER BY c.relname`,
  )
  return rows
}

export async function appliedMigrations(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.payload_migrations') IS NOT NULL AS exists`)
  if (!rows[0]?.exists) {
    throw new PregonError({
      code: 'BACKUP_NOT_A_PREGON_DATABASE',
      kind: 'conflict',
      message: 'La base de datos no tiene las tablas de Pregón (falta payload_migrations): no hay nada que respaldar. Revise DATABASE_URL.',
    })
  }
  // batch -1 marks a development schema push, which is not a migration another installation could replay.
  const applied = await client.query<{ name: string }>('SELECT name FROM payload_migrations WHERE batch IS DISTINCT FROM -1 ORDER BY id')
  return applied.rows.map((row) => row.name)
}

/**
 * Streams every table with `COPY … TO STDOUT` (text format: one line per row) into gzip files under `workDir`.
 * Run inside one REPEATABLE READ transaction, so every table comes from the same instant.
 */
export async function dumpTables({
  client,
  workDir,
  onTable = () => {},
}: {
  client: PoolClient
  workDir: string
  onTable?: (done: number, total: number, table: string) => void
}): Promise<Array<TableEntry & { file: string }>> {
  const tables = await listTables(client)
  await fs.promises.mkdir(path.join(workDir, 'database'), { recursive: true })
  const dumped: Array<TableEntry & { file: string }> = []
  for (const table of tables) {
    const member = tableMember(table.name)
    if (!/^[a-z_][a-z0-9_]*$/.test(table.name)) {
      throw new PregonError({ code: 'BACKUP_TABLE_NAME_UNSUPPORTED', message: `La tabla «${table.name}» tiene un nombre que el respaldo no sabe guardar.` })
    }
    const file = path.join(workDir, member)
    let rows = 0
    const countRows = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        // COPY's text format escapes newlines inside values: each row ends with exactly one.
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++
        done(null, chunk)
      },
    })
    const columns = table.columns.map(quoteIdent).join(', ')
    // The record's chain is re-made by its insert trigger on restore, in load order: dump it in chain order, so
    // the restored entries get back exactly their hashes (a hash noted elsewhere is still found).
    const query =
      table.name === 'audit_log' && table.columns.includes('chain_seq')
        ? `COPY (SELECT ${columns} FROM "audit_log" ORDER BY "chain_seq" NULLS LAST, "id") TO STDOUT`
        : `COPY ${quoteIdent(table.name)} (${columns}) TO STDOUT`
    const source = client.query(copyTo(query))
    await pipeline(source, countRows, createGzip({ level: 1 }), fs.createWriteStream(file, { mode: 0o600 }))
    dumped.push({ name: table.name, columns: table.columns, rows, member, file })
    onTable(dumped.length, tables.length, table.name)
  }
  return dumped
}
