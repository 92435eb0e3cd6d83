import { createHash } from 'node:crypto'
import type pg from 'pg'

/** One entry of the record, as the verifier names it to a person. */
export interface ChainEntryRef {
  id: number
  /** Its place in the chain (1, 2, 3…); null for a row written outside the chain. */
  chainSeq: number | null
  at: Date
  summary: string
}

export type ChainBreak =
  /** The row's fields no longer give its stored hash: its content changed after it was written. */
  | { kind: 'changed-content'; entry: ChainEntryRef; storedHash: string | null; recomputedHash: string }
  /** Its `prev_hash` is not the previous entry's hash: an entry was replaced, or the chain rewritten. */
  | { kind: 'broken-link'; entry: ChainEntryRef; expectedPrevHash: string | null; storedPrevHash: string | null }
  /** Places in the chain are missing before this entry: entries were deleted. */
  | { kind: 'missing-entries'; entry: ChainEntryRef; afterSeq: number; missing: number }
  /** A row with no place in the chain: inserted with the chain's trigger disabled. */
  | { kind: 'outside-chain'; entry: ChainEntryRef; count: number }

export interface ChainReport {
  isIntact: boolean
  /** Entries checked in chain order. */
  count: number
  lastSeq: number | null
  lastHash: string | null
  /** The first problem found, in chain order (rows outside the chain are reported after the chain is walked). */
  broken?: ChainBreak
  /** When a hash noted earlier was given: whether the chain still contains it (entries deleted from the end do not break the chain). */
  containsNotedHash?: boolean
}

interface ChainRow {
  id: number
  chain_seq: string | null
  at: Date
  summary: string
  prev_hash: string | null
  hash: string | null
  canonical: string
}

// The canonical serialization, written here again rather than calling the database's own
// audit_log_canonical(): the verifier must not trust a function the owner could have replaced. It must stay
// byte-for-byte what cms/migrations/20261202_010000_audit_chain.ts computes (with TimeZone = UTC).
const CANONICAL = `(SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb)::text
                      FROM jsonb_each(to_jsonb(a)) AS e
                     WHERE e.key NOT IN ('chain_seq', 'prev_hash', 'hash') AND e.value <> 'null'::jsonb)`
const COLUMNS = `a.id, a.chain_seq::text AS chain_seq, a.at, a.summary, a.prev_hash, a.hash, ${CANONICAL} AS canonical`

/** hex(sha256(utf8(prev_hash or '' followed by the canonical text))), as the database's trigger computes it. */
export function chainHash(prevHash: string | null, canonical: string): string {
  return createHash('sha256').update(`${prevHash ?? ''}${canonical}`, 'utf8').digest('hex')
}

/**
 * Walks the whole record in chain order, a page at a time in one read-only snapshot, recomputing every hash
 * from the row's fields and checking every link. Stops at the first problem.
 */
export async function verifyAuditChain({ pool, pageSize = 1_000, notedHash }: { pool: pg.Pool; pageSize?: number; notedHash?: string }): Promise<ChainReport> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    await client.query(`SET LOCAL TIME ZONE 'UTC'`)
    const report = await walk(client, pageSize, notedHash?.trim().toLowerCase())
    await client.query('COMMIT')
    return report
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

async function walk(client: pg.PoolClient, pageSize: number, notedHash: string | undefined): Promise<ChainReport> {
  let count = 0
  let lastSeq: number | null = null
  let lastHash: string | null = null
  let containsNotedHash = false
  const done = (broken?: ChainBreak): ChainReport => ({
    isIntact: !broken,
    count,
    lastSeq,
    lastHash,
    ...(broken ? { broken } : {}),
    ...(notedHash ? { containsNotedHash } : {}),
  })
  for (;;) {
    const { rows }: pg.QueryResult<ChainRow> = await client.query<ChainRow>(
      `SELECT ${COLUMNS} FROM "audit_log" a WHERE a.chain_seq > $1 ORDER BY a.chain_seq LIMIT $2`,
      [lastSeq ?? 0, pageSize],
    )
    for (const row of rows as ChainRow[]) {
      const seq: number = Number(row.chain_seq)
      const entry = refOf(row)
      const expectedSeq: number = (lastSeq ?? 0) + 1
      if (seq !== expectedSeq) return done({ kind: 'missing-entries', entry, afterSeq: lastSeq ?? 0, missing: seq - expectedSeq })
      if (row.prev_hash !== lastHash) return done({ kind: 'broken-link', entry, expectedPrevHash: lastHash, storedPrevHash: row.prev_hash })
      const recomputedHash = chainHash(row.prev_hash, row.canonical)
      if (row.hash !== recomputedHash) return done({ kind: 'changed-content', entry, storedHash: row.hash, recomputedHash })
      count += 1
      lastSeq = seq
      lastHash = row.hash
      if (row.hash === notedHash) containsNotedHash = true
    }
    if (rows.length < pageSize) break
  }
  const outside = await client.query<ChainRow & { count: string }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS count FROM "audit_log" a
      WHERE a.chain_seq IS NULL OR a.hash IS NULL ORDER BY a.id LIMIT 1`,
  )
  const first = outside.rows[0]
  if (first) return done({ kind: 'outside-chain', entry: refOf(first), count: Number(first.count) })
  return done()
}

function refOf(row: ChainRow): ChainEntryRef {
  return { id: row.id, chainSeq: row.chain_seq === null ? null : Number(row.chain_seq), at: row.at, summary: row.summary }
}
