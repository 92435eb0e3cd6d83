import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PoolClient } from 'pg'
import { poolOf } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'
import { classifyRequest, parseLogLine, visitorKey } from './readAccessLog'

/** Read at most this much of one file per pass (a proxy's first, months-long log is read over several passes). */
const CHUNK_BYTES = 16 * 1024 * 1024
/** Visitor hashes and salts older than this are deleted: counted already, and no longer linkable. */
const KEEP_VISITOR_DAYS = 2
/** Pregón's own log files are deleted once read and this old (the counts stay). */
const KEEP_OWN_LOG_DAYS = 14
const INGEST_LOCK = 0x5052_5354 // 'PRST'
const OWN_LOG = /^portal-access-(\d{4}-\d{2}-\d{2})\.log$/

export interface IngestSummary {
  files: number
  lines: number
  pageViews: number
  feedFetches: number
  ignored: number
  unreadable: number
}

interface DayCounts {
  views: number
  visitors: Set<string>
  pages: Map<string, number>
  feeds: Map<string, { feed: string; reader: string; fetches: number; subscribers: number | null }>
}

/**
 * Counts the portal's visits from access logs (Pregón's portal server's, and the operator's nginx/Caddy logs named
 * in ACCESS_LOG_FILES): page views by day and page, visitors by day, feed fetches and the readers aggregators
 * report. Each file is read from where the last pass stopped, whole lines only; the counts and the new offset
 * commit together, so a crash never counts a line twice or skips one. No address is stored: a proxy's lines are
 * hashed with the day's random salt, which is deleted two days later.
 */
export async function ingestAccessLogs(ctx: TaskContext, { now = new Date() }: { now?: Date } = {}): Promise<IngestSummary | null> {
  const pool = poolOf(ctx.payload)
  const db = await pool.connect()
  try {
    if (!(await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INGEST_LOCK])).rows[0]?.ok) return null
    try {
      const summary: IngestSummary = { files: 0, lines: 0, pageViews: 0, feedFetches: 0, ignored: 0, unreadable: 0 }
      const { dir, extraFiles } = ctx.config.accessLogs
      const own = (await fs.readdir(dir).catch(() => [] as string[])).filter((name) => OWN_LOG.test(name)).sort().map((name) => path.join(dir, name))
      for (const file of [...own, ...extraFiles]) {
        while (await ingestChunk(db, file, summary, ctx.timeZone ?? 'America/Mexico_City')) {
          // a long file: the next chunk
        }
      }
      await db.query(`DELETE FROM stats_visitors WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date - $2::int`, [now, KEEP_VISITOR_DAYS])
      await db.query(`DELETE FROM stats_salts WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date - $2::int`, [now, KEEP_VISITOR_DAYS])
      await forgetOldOwnLogs(db, own, now)
      if (summary.lines > 0) ctx.log.info(summary, 'portal access logs counted')
      return summary
    } finally {
      await db.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK])
    }
  } finally {
    db.release()
  }
}

/** Reads and counts the next chunk of `file`; true when there is more to read. */
async function ingestChunk(db: PoolClient, file: string, summary: IngestSummary, timeZone: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null)
  if (!stat?.isFile()) return false
  const { rows } = await db.query<{ inode: string; offset: string }>('SELECT inode, "offset" FROM stats_log_offsets WHERE file = $1', [file])
  const known = rows[0]
  // A rotated file (another inode) or one truncated under us is read from its beginning.
  const start = known && Number(known.inode) === stat.ino && Number(known.offset) <= stat.size ? Number(known.offset) : 0
  if (start >= stat.size) return false
  const length = Math.min(CHUNK_BYTES, stat.size - start)
  const handle = await fs.open(file, 'r')
  const buffer = Buffer.alloc(length)
  try {
    await handle.read(buffer, 0, length, start)
  } finally {
    await handle.close()
  }
  const lastNewline = buffer.lastIndexOf(0x0a)
  if (lastNewline < 0) return false
  const text = buffer.subarray(0, lastNewline).toString('utf8')
  summary.files++
  const days = new Map<string, DayCounts>()
  const salts = new Map<string, string>()
  const dayOf = dayFormatter(timeZone)
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    summary.lines++
    const request = parseLogLine(line)
    if (!request) {
      summary.unreadable++
      continue
    }
    const kind = classifyRequest(request)
    if (kind.kind === 'ignored') {
      summary.ignored++
      continue
    }
    const day = dayOf(request.at)
    let counts = days.get(day)
    if (!counts) days.set(day, (counts = { views: 0, visitors: new Set(), pages: new Map(), feeds: new Map() }))
    if (kind.kind === 'page') {
      summary.pageViews++
      counts.views++
      counts.pages.set(kind.path, (counts.pages.get(kind.path) ?? 0) + 1)
      const salt = request.visitorToken ? '' : (salts.get(day) ?? (await saltFor(db, day, salts)))
      const visitor = visitorKey(request, salt)
      if (visitor) counts.visitors.add(visitor)
    } else {
      summary.feedFetches++
      const key = `${kind.feed}\n${kind.reader}`
      const feed = counts.feeds.get(key) ?? { feed: kind.feed, reader: kind.reader, fetches: 0, subscribers: null }
      feed.fetches++
      if (kind.subscribers !== null) feed.subscribers = Math.max(feed.subscribers ?? 0, kind.subscribers)
      counts.feeds.set(key, feed)
    }
  }
  await db.query('BEGIN')
  try {
    for (const [day, counts] of days) await storeDay(db, day, counts)
    await db.query(
      `INSERT INTO stats_log_offsets (file, inode, "offset", read_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (file) DO UPDATE SET inode = EXCLUDED.inode, "offset" = EXCLUDED."offset", read_at = now()`,
      [file, stat.ino, start + lastNewline + 1],
    )
    await db.query('COMMIT')
  } catch (error) {
    await db.query('ROLLBACK')
    throw error
  }
  return start + length < stat.size
}

async function storeDay(db: PoolClient, day: string, counts: DayCounts): Promise<void> {
  const visitors = [...counts.visitors]
  const fresh = visitors.length === 0 ? 0 : ((await db.query('INSERT INTO stats_visitors (day, visitor) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [day, visitors])).rowCount ?? 0)
  await db.query(
    `INSERT INTO stats_days (day, views, visitors) VALUES ($1, $2, $3)
     ON CONFLICT (day) DO UPDATE SET views = stats_days.views + EXCLUDED.views, visitors = stats_days.visitors + EXCLUDED.visitors`,
    [day, counts.views, fresh],
  )
  if (counts.pages.size > 0) {
    await db.query(
      `INSERT INTO stats_pages (day, path, views) SELECT $1, p, v FROM unnest($2::text[], $3::int[]) AS t(p, v)
       ON CONFLICT (day, path) DO UPDATE SET views = stats_pages.views + EXCLUDED.views`,
      [day, [...counts.pages.keys()].map((p) => p.slice(0, 512)), [...counts.pages.values()]],
    )
  }
  const feeds = [...counts.feeds.values()]
  if (feeds.length > 0) {
    await db.query(
      `INSERT INTO stats_feeds (day, feed, reader, fetches, subscribers) SELECT $1, f, r, n, s FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS t(f, r, n, s)
       ON CONFLICT (day, feed, reader) DO UPDATE SET fetches = stats_feeds.fetches + EXCLUDED.fetches,
         subscribers = greatest(stats_feeds.subscribers, EXCLUDED.subscribers)`,
      [day, feeds.map((f) => f.feed.slice(0, 512)), feeds.map((f) => f.reader.slice(0, 80)), feeds.map((f) => f.fetches), feeds.map((f) => f.subscribers)],
    )
  }
}

/** The day's random salt for hashing a proxy's addresses: one per day for every worker (the first one writes it). */
async function saltFor(db: PoolClient, day: string, known: Map<string, string>): Promise<string> {
  await db.query('INSERT INTO stats_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [day, randomBytes(32)])
  const { rows } = await db.query<{ salt: Buffer }>('SELECT salt FROM stats_salts WHERE day = $1', [day])
  const salt = rows[0]!.salt.toString('hex')
  known.set(day, salt)
  return salt
}

/** Pregón's own log files, read to their end and older than KEEP_OWN_LOG_DAYS, are deleted: their counts stay. */
async function forgetOldOwnLogs(db: PoolClient, files: string[], now: Date): Promise<void> {
  const oldest = new Date(now.getTime() - KEEP_OWN_LOG_DAYS * 86_400_000).toISOString().slice(0, 10)
  for (const file of files) {
    const day = OWN_LOG.exec(path.basename(file))?.[1]
    if (!day || day >= oldest) continue
    const stat = await fs.stat(file).catch(() => null)
    const { rows } = await db.query<{ offset: string }>('SELECT "offset" FROM stats_log_offsets WHERE file = $1', [file])
    if (stat && rows[0] && Number(rows[0].offset) >= stat.size) {
      await fs.rm(file, { force: true })
      await db.query('DELETE FROM stats_log_offsets WHERE file = $1', [file])
    }
  }
}

function dayFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return (at) => format.format(at)
}
