import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PortalContent } from '../content/PortalContent'
import { inPortalOrder, readPortalContentFile } from '../content/loadPortalContent'
import { portalContentText } from '../content/portalText'
import { PortalError } from '../lib/PortalError'
import { portalPagePaths } from '../lib/pagePaths'
import { buildPortal, bulletinMediaFiles, programMediaFiles, publishedMediaFiles, type BuildPortalResult } from './buildPortal'
import { linkMedia } from './linkMedia'
import { portalPageRenderer } from './pageRenderer'
import { isPortalCurrent, portalTemplateStamp, STAMP_FILE } from './portalTemplateStamp'
import { writeSearchDelta } from './searchDelta'
import { rebuildSearchIndex } from './searchRebuild'
import { selectChanges } from './selectChanges'
import { serialQueue } from './serialQueue'
import { writeAtomically } from './writeAtomically'

export interface PublishPortalOptions {
  /** The exporter's JSON file; or `content`. */
  contentFile?: string
  /**
   * The content in memory, as the worker's export hands it over: items unchanged since the previous publication
   * are the very same objects, so telling what changed costs what changed, not the archive. Not checked again
   * (the exporter's own output); a file is.
   */
  content?: PortalContent
  /** `content`'s JSON text when the caller has it (the export wrote it): recorded as live without serializing again. */
  text?: string
  /** Holds builds/<id>/ and the `current` symlink the server follows. */
  portalDir: string
  mediaDir: string
  /** Build everything even when only some pages changed. */
  full?: boolean
}

export interface PublishPortalResult {
  /** full: a new build switched live; incremental: only the changed pages rendered and swapped into the live one. */
  mode: 'full' | 'incremental'
  durationMs: number
  /** From the start to the changed pages, the feeds and the sitemap being live (the search index follows). */
  liveMs: number
  /**
   * Where an incremental publication's time went until live, in ms: reading the content and what is live, telling
   * what changed, rendering the pages, moving them in.
   */
  phases?: { read: number; diff: number; render: number; swap: number }
  /** HTML pages written. */
  pages: number
  missingMedia: string[]
  buildDir: string
}

/**
 * Changed on every update of a live build in place: the portal server re-reads a build's files when it changes
 * (a build otherwise never changes, so its server keeps an index of its files).
 */
export const GENERATION_FILE = '.pregon-generation'
const CURRENT = 'current'
const BUILDS = 'builds'
/** The content the live build shows, to tell what the next publication changes. */
const LIVE_CONTENT = 'live-content.json'
/** That record's file, written by every publication once its pages are live. */
export const liveContentFile = (portalDir: string): string => path.join(portalDir, LIVE_CONTENT)
const publications = serialQueue()

/**
 * Publishes a content file. When the live build shows an earlier content with today's templates, only what
 * changed is rendered (its pages, the lists and feeds it appears in, the sitemap) and each file is swapped in
 * with a rename, so a reader gets the old file or the new one, never half of one; the search index is then
 * rebuilt and swapped in the same way. Otherwise a full build goes into a fresh directory and `current` is
 * switched to it in one rename, keeping the previous build (requests in flight, quick rollback). Both ways give
 * the same files.
 */
export function publishPortal(options: PublishPortalOptions): Promise<PublishPortalResult> {
  return publications(async () => {
    const started = performance.now()
    // Read once: the diff, the pages and the record of what is live all come from this text, even if the
    // exporter rewrites the file meanwhile.
    const source = contentOf(options)
    const live = options.full ? null : await liveState(options.portalDir)
    if (live && (live.content === source.content || (live.text !== undefined && live.text === source.text))) {
      return { mode: 'incremental', durationMs: 0, liveMs: 0, pages: 0, missingMedia: [], buildDir: live.buildDir }
    }
    const read = performance.now()
    const selection = live ? selectChanges(live.content, source.content) : null
    const diffed = performance.now()
    const { result, mediaRefs } =
      live && selection
        ? await publishChanges(options, source, live, selection, { started, read: read - started, diff: diffed - read })
        : { result: await publishFull(options, source), mediaRefs: undefined }
    // After the pages are live: at 50,000 bulletins the text is ~45 MB. Kept in memory too, so the next
    // publication in this process reads nothing back.
    const text = source.text ?? portalContentText(source.content)
    await writeAtomically(liveContentFile(options.portalDir), text)
    lastPublished.set(path.resolve(options.portalDir), { buildDir: result.buildDir, content: source.content, text: source.text, mediaRefs })
    return result
  })
}

/** A content to publish: from memory (its text only if the caller had it) or read from its file. */
type ContentSource = { content: PortalContent; text?: string }

function contentOf({ content, text, contentFile }: PublishPortalOptions): ContentSource {
  if (content) return { content: inPortalOrder(content), ...(text === undefined ? {} : { text }) }
  if (!contentFile) throw new PortalError('PORTAL_CONTENT_MISSING', 'publishPortal needs a content or a content file')
  return readPortalContentFile(contentFile)
}

async function publishFull({ portalDir, mediaDir }: PublishPortalOptions, source: ContentSource): Promise<PublishPortalResult> {
  const started = performance.now()
  const buildsDir = path.join(portalDir, BUILDS)
  await fs.mkdir(buildsDir, { recursive: true })
  const id = newBuildId()
  const buildDir = path.join(buildsDir, id)
  let build: BuildPortalResult
  try {
    build = await buildPortal({ outDir: buildDir, mediaDir, source: { content: source.content, text: source.text ?? portalContentText(source.content) } })
  } catch (error) {
    await fs.rm(buildDir, { recursive: true, force: true })
    throw error
  }
  await fs.writeFile(path.join(buildDir, STAMP_FILE), await portalTemplateStamp())
  const previous = await currentBuildId(portalDir)
  await switchCurrent(portalDir, id)
  await pruneBuilds(buildsDir, new Set([id, previous].filter((name) => name !== null)))
  const durationMs = Math.round(performance.now() - started)
  return { mode: 'full', durationMs, liveMs: durationMs, pages: build.pages, missingMedia: build.missingMedia, buildDir }
}

interface LiveState {
  content: PortalContent
  /** How many of its items show each media file, once a publication in this process worked them out. */
  mediaRefs?: MediaRefs
  /** The content file's text, as published, when it was published from one (or read back). */
  text?: string
  buildDir: string
}

/** What this process last published, by portal directory: the next publication diffs against it without reading. */
const lastPublished = new Map<string, LiveState>()

/**
 * The content the live build shows: this process's last publication (in memory: at 50,000 bulletins the record
 * is ~120 MB of JSON to parse), else the record publishPortal wrote. Null when nothing was published yet.
 */
export async function livePortalContent(portalDir: string): Promise<PortalContent | null> {
  return (await recordedLive(portalDir))?.content ?? null
}

/** What is live, if it can be updated in place: built from a known content, with the current templates. */
async function liveState(portalDir: string): Promise<LiveState | null> {
  return (await isPortalCurrent(portalDir)) ? recordedLive(portalDir) : null
}

/** The live build and the content it shows: what this process published last, or read back from the record. */
async function recordedLive(portalDir: string): Promise<LiveState | null> {
  const id = await currentBuildId(portalDir)
  if (!id) return null
  const buildDir = path.join(portalDir, BUILDS, id)
  const remembered = lastPublished.get(path.resolve(portalDir))
  if (remembered && remembered.buildDir === buildDir) return remembered
  try {
    // Written by this module from a content it checked: parsed, not checked again.
    const text = await fs.readFile(liveContentFile(portalDir), 'utf8')
    return { content: inPortalOrder(JSON.parse(text) as PortalContent), text, buildDir }
  } catch {
    return null
  }
}

async function publishChanges(
  { portalDir, mediaDir }: PublishPortalOptions,
  source: ContentSource,
  live: LiveState,
  selection: NonNullable<ReturnType<typeof selectChanges>>,
  { started, read, diff }: { started: number; read: number; diff: number },
): Promise<{ result: PublishPortalResult; mediaRefs: MediaRefs }> {
  // What a publication killed half-way left behind (publications in this process run one at a time).
  for (const name of await fs.readdir(portalDir)) if (name.startsWith('.partial-')) await fs.rm(path.join(portalDir, name), { recursive: true, force: true })
  // Beside the builds, so every file moves into the live build with a rename (same file system).
  const partial = path.join(portalDir, `.partial-${newBuildId()}`)
  try {
    const rendering = performance.now()
    await portalPageRenderer().render({ content: source.content, selection, outDir: partial, liveDir: live.buildDir })
    const swapping = performance.now()
    const written = await filesUnder(partial)
    const { missing, mediaRefs } = await swapIn({ partial, written, live, content: source.content, mediaDir })
    await writeAtomically(path.join(live.buildDir, GENERATION_FILE), newBuildId())
    const liveAt = performance.now()
    const liveMs = Math.round(liveAt - started)
    const phases = { read: Math.round(read), diff: Math.round(diff), render: Math.round(swapping - rendering), swap: Math.round(liveAt - swapping) }
    const remaining = new Set(portalPagePaths(source.content))
    await refreshSearchIndex({
      buildDir: live.buildDir,
      changed: written.filter((file) => file.endsWith('index.html')).map((file) => `/${path.dirname(file).split(path.sep).join('/')}/`),
      removed: portalPagePaths(live.content).filter((page) => !remaining.has(page)),
    })
    await writeAtomically(path.join(live.buildDir, GENERATION_FILE), newBuildId())
    const result: PublishPortalResult = {
      mode: 'incremental',
      durationMs: Math.round(performance.now() - started),
      liveMs,
      phases,
      pages: written.filter((file) => file.endsWith('.html')).length,
      missingMedia: missing,
      buildDir: live.buildDir,
    }
    return { result, mediaRefs }
  } finally {
    await fs.rm(partial, { recursive: true, force: true })
  }
}

/**
 * Moves the rendered files into the live build, each by one rename: new pages
 * first, then the lists, feeds and sitemap that link to them. Then removes what the content no longer has:
 * files a rendered directory did not get again, pages of bulletins gone, media no longer published.
 */
async function swapIn({ partial, written, live, content, mediaDir }: { partial: string; written: string[]; live: LiveState; content: PortalContent; mediaDir: string }): Promise<{ missing: string[]; mediaRefs: MediaRefs }> {
  const media = mediaChanges(live, content)
  const { missing } = await linkMedia({ filenames: media.added, mediaDir, targetDir: path.join(live.buildDir, 'media') })

  const kept = new Set(written)
  const depth = (file: string) => file.split(path.sep).length
  for (const file of [...written].sort((a, b) => depth(b) - depth(a))) {
    const target = path.join(live.buildDir, file)
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.rename(path.join(partial, file), target)
  }

  for (const dir of new Set(written.map((file) => path.dirname(file)))) {
    const entries = await fs.readdir(path.join(live.buildDir, dir), { withFileTypes: true })
    for (const entry of entries) {
      const name = path.join(dir, entry.name)
      // Pregón's own markers (.pregon-*) are not pages.
      if (entry.isFile() && !entry.name.startsWith('.pregon-') && !kept.has(name)) await fs.rm(path.join(live.buildDir, name), { force: true })
    }
  }
  const now = new Set(portalPagePaths(content))
  for (const page of portalPagePaths(live.content).filter((page) => !now.has(page))) {
    await fs.rm(path.join(live.buildDir, ...page.split('/').filter(Boolean)), { recursive: true, force: true })
  }
  await Promise.all(media.removed.map((file) => fs.rm(path.join(live.buildDir, 'media', file), { force: true })))
  return { missing, mediaRefs: media.refs }
}

/** How many published items show each media file: a file is linked when the first comes, removed when the last goes. */
type MediaRefs = Map<string, number>

function countMediaRefs(content: PortalContent): MediaRefs {
  const refs: MediaRefs = new Map()
  for (const file of publishedMediaFiles(content)) refs.set(file, (refs.get(file) ?? 0) + 1)
  return refs
}

/**
 * The media files to link and to remove, from the items that came and went (by object: unchanged items are the
 * same objects), and the counts after the publication. At 50,000 bulletins listing every item's files on both
 * sides took most of the swap; the counts are kept with what is live and built from the archive once per process.
 * The live counts are not touched: a publication that fails leaves them as they were.
 */
function mediaChanges(live: LiveState, content: PortalContent): { added: string[]; removed: string[]; refs: MediaRefs } {
  const refs = new Map(live.mediaRefs ?? countMediaRefs(live.content))
  const added: string[] = []
  const removed: string[] = []
  const step = <T extends object>(was: readonly T[], is: readonly T[], filesOf: (item: T) => readonly string[]) => {
    const [wasSet, isSet] = [new Set(was), new Set(is)]
    for (const item of is) {
      if (wasSet.has(item)) continue
      for (const file of filesOf(item)) {
        const count = refs.get(file) ?? 0
        refs.set(file, count + 1)
        if (count === 0) added.push(file)
      }
    }
    for (const item of was) {
      if (isSet.has(item)) continue
      for (const file of filesOf(item)) {
        const count = (refs.get(file) ?? 0) - 1
        if (count > 0) refs.set(file, count)
        else if (refs.delete(file)) removed.push(file)
      }
    }
  }
  step(live.content.bulletins, content.bulletins, bulletinMediaFiles)
  step(live.content.programs ?? [], content.programs ?? [], programMediaFiles)
  return { added, removed, refs }
}

/**
 * Makes the publication searchable: indexes the bulletin and program pages it changed or removed into the search
 * delta (searchDelta.ts) and resolves once that is live; when the delta has grown big or old, starts rebuilding the
 * full index in the background (searchRebuild.ts), which does not hold up the next publication.
 */
async function refreshSearchIndex({ buildDir, changed, removed }: { buildDir: string; changed: string[]; removed: string[] }): Promise<void> {
  const { isRebuildDue } = await writeSearchDelta({ buildDir, changed, removed })
  // Awaited by whoever needs it (searchRebuildInProgress), stopped by stopSearchRebuild; a failure leaves the delta.
  if (isRebuildDue) rebuildSearchIndex({ buildDir }).catch(() => {})
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}


/** Sortable by time, unique across processes. */
function newBuildId(): string {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '')
  return `${stamp}-${randomBytes(4).toString('hex')}`
}

async function currentBuildId(portalDir: string): Promise<string | null> {
  try {
    return path.basename(await fs.readlink(path.join(portalDir, CURRENT)))
  } catch {
    return null
  }
}

async function switchCurrent(portalDir: string, id: string): Promise<void> {
  const temporary = path.join(portalDir, `.${CURRENT}-${id}`)
  // Relative, so the portal directory can be moved or mounted elsewhere.
  await fs.symlink(path.join(BUILDS, id), temporary)
  try {
    await fs.rename(temporary, path.join(portalDir, CURRENT))
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  }
}

async function pruneBuilds(buildsDir: string, keep: Set<string>): Promise<void> {
  const names = await fs.readdir(buildsDir)
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => fs.rm(path.join(buildsDir, name), { recursive: true, force: true })))
}
