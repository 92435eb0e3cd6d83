import fs from 'node:fs/promises'
import path from 'node:path'
import { recordMeasurement, type Queryable } from '@pregon/core/ops/opsTables'
import { liveContentFile, livePortalContent, publishPortal } from '@pregon/site/publish'
import { periodsFrom, poolOf } from '@pregon/cms/worker'
import type { TaskContext } from './TaskContext'
import { recordNextPortalChange } from '../portal/areProgramStatesStale'
import { exportPortalContent, writeContentFile } from '../portal/exportPortalContent'
import { livePageSignatures, recordPortalPages } from '../expediente/recordPortalPages'

/** When the portal next changes by the clock: a program's state, a veda's start or end, an alert's end (see areProgramStatesStale). */
export const nextProgramChangeFile = (portalDir: string) => path.join(portalDir, 'next-program-change.json')

/**
 * Exports published content and publishes the static portal: only what changed when the live build allows it
 * (publishPortal), each file swapped in atomically; otherwise a full build switched live in one rename.
 * Records the build's duration and each new item's publish-to-live time for the metrics.
 */
export async function rebuildPortal({ payload, config, log }: TaskContext, now = new Date()): Promise<{ bulletins: number; durationMs: number }> {
  const file = path.join(config.portalDir, 'content.json')
  const live = await livePortalContent(config.portalDir)
  const before = live ? liveItemsOf(live) : null
  const pagesBefore = live ? livePageSignatures(live) : null
  // Read once: what the export suspends now and when the portal changes next come from the same calendar.
  const blackoutPeriods = await periodsFrom(payload, now)
  // Built on the worker's last export: only bulletins changed since are read and mapped again.
  // Not written yet: at 50,000 bulletins the file is ~120 MB, seconds of disk that would hold the pages back.
  const { content, text, changes } = await exportPortalContent({ payload, siteUrl: config.portal.url, mediaDir: config.mediaDir, now, blackoutPeriods, subscribeUrl: `${config.cms.url}/api/subscribers/subscribe`, petitionsUrl: `${config.cms.url}/api/petitions` })
  // In memory, as exported: the bulletins unchanged since the last export are the same objects, so publishPortal
  // tells what changed without reading the file back or comparing the whole archive.
  const { durationMs, liveMs, mode, pages, buildDir } = await publishPortal({ content, text, portalDir: config.portalDir, mediaDir: config.mediaDir }).catch(async (error: unknown) => {
    // The last export stays readable for whoever looks into the failure.
    await writeContentFile(file, text).catch(() => {})
    throw error
  })
  const writeStarted = performance.now()
  await keepContentFile({ file, live: liveContentFile(config.portalDir), text })
  const writeMs = performance.now() - writeStarted
  // Finished now; the pages were live `durationMs - liveMs` ago (the search index follows them).
  const liveAt = new Date(Date.now() - (durationMs - liveMs))
  await recordNextPortalChange({ file: nextProgramChangeFile(config.portalDir), programs: content.programs ?? [], blackoutPeriods, content, now })
  log.info(
    { bulletins: content.bulletins.length, isFullExport: changes.isFull, mapped: changes.mapped.length, removed: changes.removed.length, writeMs, mode, pages, liveMs, durationMs },
    'portal published',
  )
  const hasChanged = durationMs > 0 || pages > 0
  if (hasChanged) {
    const pool = (payload.db as unknown as { pool: Queryable }).pool
    const latencies = publishToLiveSeconds({ before, items: itemsOf(content), liveAt })
    await recordTimings(pool, { buildSeconds: durationMs / 1000, latencies }).catch((error: unknown) =>
      log.warn({ err: error }, 'portal timings not recorded'),
    )
    // The pages are live whatever happens here: a failure is Pregón's error to look into, not a reason to rebuild.
    await recordPortalPages({ pool: poolOf(payload), before: pagesBefore, content, buildDir }).then(
      (recorded) => log.info(recorded, 'portal pages kept in the expediente'),
      (error: unknown) => log.error({ err: error }, 'portal pages not recorded in the expediente'),
    )
  }
  return { bulletins: content.bulletins.length, durationMs }
}

/**
 * `content.json`, the last export, once the pages are live: the same text publishPortal just recorded as live, so a
 * hard link to that file rather than a second copy (written out where links are not possible).
 */
async function keepContentFile({ file, live, text }: { file: string; live: string; text: string }): Promise<void> {
  const temporary = `${file}.${process.pid}.link`
  try {
    await fs.rm(temporary, { force: true })
    await fs.link(live, temporary)
    await fs.rename(temporary, file)
  } catch {
    await fs.rm(temporary, { force: true }).catch(() => {})
    await writeContentFile(file, text)
  }
}

async function recordTimings(pool: Queryable, { buildSeconds, latencies }: { buildSeconds: number; latencies: number[] }): Promise<void> {
  await recordMeasurement(pool, 'portal-build', buildSeconds)
  for (const seconds of latencies) await recordMeasurement(pool, 'publish-to-live', seconds)
}

export interface LiveItems {
  /** `bulletin:12`, `program:3`…, those whose address shows a veda's suspension included. */
  keys: Set<string>
  /** Bulletins the live portal shows as withdrawn: published again later, their `publishedAt` is the first one. */
  withdrawnSlugs: Set<string>
}

/**
 * Publish-to-live, for the items this publication made live for the first time: from the moment the workflow
 * published the item (its `publishedAt`, set by the approver's «Publicar» or by the scheduler at the planned
 * time) to the moment its page was live. Items already live are left out, and so are bulletins coming back
 * after a withdrawal and items coming back after a veda's suspension (their `publishedAt` is their first publication). With no earlier publication (a new
 * installation) nothing is measured: the first build carries the whole archive.
 */
export function publishToLiveSeconds({ before, items, liveAt }: { before: LiveItems | null; items: ReadonlyArray<ContentItem>; liveAt: Date }): number[] {
  if (!before) return []
  return items.flatMap((item) => {
    if (before.keys.has(item.key) || (item.slug && before.withdrawnSlugs.has(item.slug))) return []
    const publishedAt = Date.parse(item.publishedAt)
    if (!Number.isFinite(publishedAt) || publishedAt > liveAt.getTime()) return []
    return [(liveAt.getTime() - publishedAt) / 1000]
  })
}

export interface ContentItem {
  key: string
  slug: string | null
  publishedAt: string
}

interface ContentItems {
  bulletins?: ReadonlyArray<{ id: string; slug?: string; publishedAt?: string }>
  programs?: ReadonlyArray<{ id: string; publishedAt?: string }>
  withdrawn?: ReadonlyArray<{ slug: string }>
  suspended?: ReadonlyArray<{ kind: 'bulletin' | 'program'; id: string }>
}

/** The portal content's bulletins and programs, keyed so that a bulletin and a program with one id differ. */
function itemsOf(content: ContentItems): ContentItem[] {
  return [
    ...(content.bulletins ?? []).map((item) => ({ key: `bulletin:${item.id}`, slug: item.slug ?? null, publishedAt: item.publishedAt ?? '' })),
    ...(content.programs ?? []).map((item) => ({ key: `program:${item.id}`, slug: null, publishedAt: item.publishedAt ?? '' })),
  ]
}

function liveItemsOf(live: ContentItems): LiveItems {
  return {
    keys: new Set([...itemsOf(live).map((item) => item.key), ...(live.suspended ?? []).map((item) => `${item.kind}:${item.id}`)]),
    withdrawnSlugs: new Set((live.withdrawn ?? []).map((item) => item.slug)),
  }
}
