import { richTextToPlain } from '@pregon/core/law/personalPromotion'
import { poolOf } from '@pregon/cms/worker'
import type { Pool, PoolClient } from 'pg'
import type { TaskContext } from '../tasks/TaskContext'
import { decodeFeedBody } from './decodeFeedBody'
import { fetchSource, SourceFetchError, type Fetched } from './fetchSource'
import { createHostPacer } from './hostPacer'
import { pickedUpBulletin, shingles, type OwnBulletin } from './pickUp'
import { readFeed } from './readFeed'
import type { FeedEntry } from './types'
import { mentionsIn, readMonitorWatch, type MonitorWatch } from './watchList'

/** Sources read at once (each host still one at a time, see hostPacer). */
export const POLL_CONCURRENCY = 8
/** Between two requests to the same host. */
export const HOST_INTERVAL_MS = 1_000
/** A failing source waits longer each time (interval × 2^failures), up to this. */
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000
/** Our bulletins an item may reproduce: the last week's. */
const PICK_UP_DAYS = 7
/** Items that concern nobody (no mention, no pick-up, not marked relevant) are forgotten after this. */
const KEEP_UNRELATED_DAYS = 90
/** The sweep's lock: one worker polls at a time; another worker's sweep finds it taken and leaves. */
const POLL_LOCK = 0x5052_4d4f // 'PRMO'

interface SourceRow {
  id: number
  name: string
  url: string
  outlet_id: number
  interval_minutes: number
  failures: number
  etag: string | null
  last_modified: string | null
}

export interface PollOutcome {
  sourceId: number
  result: 'new-items' | 'unchanged' | 'not-modified' | 'error'
  newItems: number
  error?: string
}

export interface PollOptions {
  now?: () => Date
  concurrency?: number
  hostIntervalMs?: number
  timeoutMs?: number
}

/**
 * The monitoring sweep: every active source whose time has come is read (conditional GET, per-host pacing),
 * its items stored once by canonical URL with what they mention and which of our bulletins they reproduce,
 * and the source's state written back: the next time, the validators, and on failure the Spanish error the
 * dashboard shows and a longer wait. One source's failure is its own; the sweep goes on.
 */
export async function pollSources(ctx: TaskContext, options: PollOptions = {}): Promise<PollOutcome[] | null> {
  const pool = poolOf(ctx.payload)
  const lock = await pool.connect()
  try {
    const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [POLL_LOCK])
    if (!rows[0]?.ok) return null
    try {
      return await sweep(ctx, pool, options)
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [POLL_LOCK])
    }
  } finally {
    lock.release()
  }
}

async function sweep(ctx: TaskContext, pool: Pool, { now = () => new Date(), concurrency = POLL_CONCURRENCY, hostIntervalMs = HOST_INTERVAL_MS, timeoutMs }: PollOptions): Promise<PollOutcome[]> {
  const { rows: due } = await pool.query<SourceRow>(
    `SELECT id, name, url, outlet_id, interval_minutes::int AS interval_minutes, coalesce(failures, 0)::int AS failures, etag, last_modified
       FROM monitor_sources
      WHERE active AND (next_poll_at IS NULL OR next_poll_at <= $1)
      ORDER BY next_poll_at NULLS FIRST, id`,
    [now()],
  )
  // What concerns nobody is only kept for pick-up and duplicate checks: three months is plenty.
  await pool.query(
    `DELETE FROM monitor_items WHERE first_seen_at < $1::timestamptz - make_interval(days => $2) AND NOT mentioned AND picked_up_id IS NULL AND relevance <> 'relevant'`,
    [now(), KEEP_UNRELATED_DAYS],
  )
  if (due.length === 0) return []
  const watch = await readMonitorWatch(ctx.payload)
  const bulletins = await recentBulletins(pool, now())
  const pacer = createHostPacer(hostIntervalMs)
  const userAgent = `Pregon-Monitoreo/1.0 (+${ctx.config.portal.url})`
  const outcomes: PollOutcome[] = []
  let next = 0
  const lane = async () => {
    while (next < due.length) {
      const source = due[next++]!
      outcomes.push(await pacer.run(source.url, () => pollOne(ctx, pool, source, { watch, bulletins, userAgent, now, timeoutMs })))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, lane))
  const failed = outcomes.filter((o) => o.result === 'error').length
  ctx.log.info({ sources: outcomes.length, failed, newItems: outcomes.reduce((n, o) => n + o.newItems, 0) }, 'monitoring sweep done')
  return outcomes
}

async function recentBulletins(pool: Pool, now: Date): Promise<OwnBulletin[]> {
  const { rows } = await pool.query<{ id: number; title: string | null; summary: string | null; body: unknown }>(
    `SELECT id, title, summary, body FROM bulletins
      WHERE _status = 'published' AND withdrawal_at IS NULL AND published_at > $1::timestamptz - make_interval(days => $2)`,
    [now, PICK_UP_DAYS],
  )
  return rows.map((row) => ({ id: row.id, shingles: shingles([row.title, row.summary, richTextToPlain(row.body)].filter(Boolean).join('\n')) }))
}

interface PollContext {
  watch: MonitorWatch
  bulletins: OwnBulletin[]
  userAgent: string
  now: () => Date
  timeoutMs?: number
}

async function pollOne(ctx: TaskContext, pool: Pool, source: SourceRow, { watch, bulletins, userAgent, now, timeoutMs }: PollContext): Promise<PollOutcome> {
  const startedAt = now()
  let fetched: Fetched
  let entries: FeedEntry[]
  let notes: string[]
  try {
    fetched = await fetchSource(source.url, { etag: source.etag, lastModified: source.last_modified }, { userAgent, ...(timeoutMs ? { timeoutMs } : {}) })
    if (fetched.status === 'not-modified') {
      await pool.query(
        `UPDATE monitor_sources SET health = 'ok', failures = 0, last_error = NULL, last_polled_at = $2, last_success_at = $2, items_last_poll = 0,
                not_modified_count = coalesce(not_modified_count, 0) + 1, next_poll_at = $2::timestamptz + make_interval(mins => interval_minutes::int), updated_at = now()
          WHERE id = $1`,
        [source.id, startedAt],
      )
      return { sourceId: source.id, result: 'not-modified', newItems: 0 }
    }
    const decoded = decodeFeedBody(fetched.bytes, fetched.contentType)
    const feed = readFeed(decoded.text, source.url)
    entries = feed.entries
    notes = [...(decoded.note ? [decoded.note] : []), ...feed.notes]
  } catch (error) {
    return await recordFailure(ctx, pool, source, error, startedAt)
  }
  const client = await pool.connect()
  let newItems: number
  try {
    newItems = await storeEntries(client, source, entries, { watch, bulletins, seenAt: startedAt })
    await client.query(
      `UPDATE monitor_sources SET health = 'ok', failures = 0, last_error = NULL, last_polled_at = $2, last_success_at = $2, items_last_poll = $3,
              etag = $4, last_modified = $5, notes = $6, next_poll_at = $2::timestamptz + make_interval(mins => interval_minutes::int), updated_at = now()
        WHERE id = $1`,
      [source.id, startedAt, newItems, fetched.etag, fetched.lastModified, notes.length > 0 ? notes.join('\n') : null],
    )
  } finally {
    client.release()
  }
  return { sourceId: source.id, result: newItems > 0 ? 'new-items' : 'unchanged', newItems }
}

/** Writes the source's items not seen before (by URL, from any source) in one statement; returns how many. */
async function storeEntries(db: PoolClient, source: SourceRow, entries: FeedEntry[], { watch, bulletins, seenAt }: { watch: MonitorWatch; bulletins: OwnBulletin[]; seenAt: Date }): Promise<number> {
  if (entries.length === 0) return 0
  const urls = entries.map((e) => e.url)
  const { rows: known } = await db.query<{ url: string }>('SELECT url FROM monitor_items WHERE url = ANY($1::text[])', [urls])
  const knownUrls = new Set(known.map((row) => row.url))
  const fresh = entries.filter((e) => !knownUrls.has(e.url))
  if (fresh.length === 0) return 0
  const columns = { title: [] as string[], url: [] as string[], summary: [] as string[], published: [] as (string | null)[], mentioned: [] as boolean[], mentions: [] as string[], department: [] as (number | null)[], pickedUp: [] as (number | null)[] }
  for (const entry of fresh) {
    const { mentions, departmentId } = mentionsIn(entry, watch)
    const pickUp = bulletins.length > 0 ? pickedUpBulletin(`${entry.title}\n${entry.summary}`, bulletins) : null
    columns.title.push(entry.title)
    columns.url.push(entry.url)
    columns.summary.push(entry.summary)
    columns.published.push(entry.publishedAt ? entry.publishedAt.toISOString() : null)
    // An item that reproduces our bulletin is about us even when the outlet's headline names nobody.
    columns.mentioned.push(mentions.length > 0 || pickUp !== null)
    columns.mentions.push(JSON.stringify(mentions))
    columns.department.push(departmentId)
    columns.pickedUp.push(pickUp?.id ?? null)
  }
  const { rowCount } = await db.query(
    `INSERT INTO monitor_items (title, url, summary, published_at, mentioned, mentions, department_id, picked_up_id, outlet_id, source_id, first_seen_at, relevance, updated_at, created_at)
     SELECT t.title, t.url, nullif(t.summary, ''), t.published_at, t.mentioned, t.mentions::jsonb, t.department_id, t.picked_up_id, $9, $10, $11, 'unreviewed', now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[], $6::text[], $7::int[], $8::int[])
         AS t(title, url, summary, published_at, mentioned, mentions, department_id, picked_up_id)
     ON CONFLICT (url) DO NOTHING`,
    [columns.title, columns.url, columns.summary, columns.published, columns.mentioned, columns.mentions, columns.department, columns.pickedUp, source.outlet_id, source.id, seenAt],
  )
  return rowCount ?? 0
}

async function recordFailure(ctx: TaskContext, pool: Pool, source: SourceRow, error: unknown, at: Date): Promise<PollOutcome> {
  const known = error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string' && (error as { code: string }).code.startsWith('feed-')
  const message = known ? (error as Error).message : `No se pudo leer el canal: ${error instanceof Error ? error.message : String(error)}`
  const failures = source.failures + 1
  const backoff = Math.min(source.interval_minutes * 60_000 * 2 ** (failures - 1), MAX_BACKOFF_MS)
  const wait = error instanceof SourceFetchError && error.retryAfterMs !== null ? Math.max(error.retryAfterMs, source.interval_minutes * 60_000) : backoff
  await pool.query(
    `UPDATE monitor_sources SET health = 'error', failures = $2, last_error = $3, last_polled_at = $4, next_poll_at = $5, updated_at = now() WHERE id = $1`,
    [source.id, failures, message, at, new Date(at.getTime() + wait)],
  )
  if (!known) ctx.log.error({ sourceId: source.id, err: error }, 'monitoring source failed unexpectedly')
  else ctx.log.warn({ sourceId: source.id, code: (error as { code: string }).code, failures }, 'monitoring source failed')
  return { sourceId: source.id, result: 'error', newItems: 0, error: message }
}
