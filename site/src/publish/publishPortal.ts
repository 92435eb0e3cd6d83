import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PortalContent } from '../content/PortalContent'
import { inPortalOrder, readPortalContentFile, type PortalContentFile } from '../content/loadPortalContent'
import { portalPagePaths } from '../lib/pagePaths'
import { buildPortal, publishedMediaFiles, renderPages, type BuildPortalResult } from './buildPortal'
import { indexForSearch, SEARCH_INDEX_DIR } from './indexForSearch'
import { linkMedia } from './linkMedia'
import { isPortalCurrent, portalTemplateStamp, STAMP_FILE } from './portalTemplateStamp'
import { selectChanges } from './selectChanges'
import { serialQueue } from './serialQueue'

export interface PublishPortalOptions {
  contentFile: string
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
    // Read once: the diff, the pages and the record of what is live all come from this text, even if the
    // exporter rewrites the file meanwhile.
    const source = readPortalContentFile(options.contentFile)
    const live = options.full ? null : await liveState(options.portalDir)
    if (live && live.text === source.text) return { mode: 'incremental', durationMs: 0, liveMs: 0, pages: 0, missingMedia: [], buildDir: live.buildDir }
    const selection = live ? selectChanges(live.content, source.content) : null
    const result = live && selection ? await publishChanges(options, source, live, selection) : await publishFull(options, source)
    await writeAtomically(path.join(options.portalDir, LIVE_CONTENT), source.text)
    return result
  })
}

async function publishFull({ contentFile, portalDir, mediaDir }: PublishPortalOptions, source: PortalContentFile): Promise<PublishPortalResult> {
  const started = performance.now()
  const buildsDir = path.join(portalDir, BUILDS)
  await fs.mkdir(buildsDir, { recursive: true })
  const id = newBuildId()
  const buildDir = path.join(buildsDir, id)
  let build: BuildPortalResult
  try {
    build = await buildPortal({ contentFile, outDir: buildDir, mediaDir, source })
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
  /** The content file's text, as published. */
  text: string
  buildDir: string
}

/** What is live, if it can be updated in place: built from a known content, with the current templates. */
async function liveState(portalDir: string): Promise<LiveState | null> {
  const id = await currentBuildId(portalDir)
  if (!id || !(await isPortalCurrent(portalDir))) return null
  try {
    // Written by this module from a content it checked: parsed, not checked again.
    const text = await fs.readFile(path.join(portalDir, LIVE_CONTENT), 'utf8')
    return { content: inPortalOrder(JSON.parse(text) as PortalContent), text, buildDir: path.join(portalDir, BUILDS, id) }
  } catch {
    return null
  }
}

async function publishChanges(
  { portalDir, mediaDir }: PublishPortalOptions,
  source: PortalContentFile,
  live: LiveState,
  selection: NonNullable<ReturnType<typeof selectChanges>>,
): Promise<PublishPortalResult> {
  const started = performance.now()
  // What a publication killed half-way left behind (publications in this process run one at a time).
  for (const name of await fs.readdir(portalDir)) if (name.startsWith('.partial-')) await fs.rm(path.join(portalDir, name), { recursive: true, force: true })
  // Beside the builds, so every file moves into the live build with a rename (same file system).
  const partial = path.join(portalDir, `.partial-${newBuildId()}`)
  try {
    await renderPages({ source, outDir: partial, selection })
    const written = await filesUnder(partial)
    const { missing } = await swapIn({ partial, written, live, content: source.content, mediaDir })
    await writeAtomically(path.join(live.buildDir, GENERATION_FILE), newBuildId())
    const liveMs = Math.round(performance.now() - started)
    await refreshSearchIndex(live.buildDir, partial)
    await writeAtomically(path.join(live.buildDir, GENERATION_FILE), newBuildId())
    return {
      mode: 'incremental',
      durationMs: Math.round(performance.now() - started),
      liveMs,
      pages: written.filter((file) => file.endsWith('.html')).length,
      missingMedia: missing,
      buildDir: live.buildDir,
    }
  } finally {
    await fs.rm(partial, { recursive: true, force: true })
  }
}

/**
 * Moves the rendered files into the live build, each by one rename: new pages
 * first, then the lists, feeds and sitemap that link to them. Then removes what the content no longer has:
 * files a rendered directory did not get again, pages of bulletins gone, media no longer published.
 */
async function swapIn({ partial, written, live, content, mediaDir }: { partial: string; written: string[]; live: LiveState; content: PortalContent; mediaDir: string }): Promise<{ missing: string[] }> {
  const before = publishedMediaFiles(live.content)
  const after = publishedMediaFiles(content)
  const { missing } = await linkMedia({ filenames: after.filter((file) => !before.includes(file)), mediaDir, targetDir: path.join(live.buildDir, 'media') })

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
  const stillPublished = new Set(after)
  await Promise.all(before.filter((file) => !stillPublished.has(file)).map((file) => fs.rm(path.join(live.buildDir, 'media', file), { force: true })))
  return { missing }
}

/** Indexes the live pages afresh beside them, then swaps the index's files in and removes the old ones. */
async function refreshSearchIndex(buildDir: string, scratch: string): Promise<void> {
  const fresh = path.join(scratch, 'search')
  await fs.mkdir(fresh, { recursive: true })
  await indexForSearch(buildDir, fresh)
  const freshIndex = path.join(fresh, SEARCH_INDEX_DIR)
  const all = await filesUnder(freshIndex)
  const liveIndex = path.join(buildDir, SEARCH_INDEX_DIR)
  // Content-addressed chunks first, the entry files that name them last.
  all.sort((a, b) => Number(a.startsWith('pagefind')) - Number(b.startsWith('pagefind')))
  for (const file of all) {
    await fs.mkdir(path.dirname(path.join(liveIndex, file)), { recursive: true })
    await fs.rename(path.join(freshIndex, file), path.join(liveIndex, file))
  }
  const keep = new Set(all)
  for (const file of await filesUnder(liveIndex)) if (!keep.has(file)) await fs.rm(path.join(liveIndex, file), { force: true })
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}`
  await fs.writeFile(temporary, text)
  await fs.rename(temporary, file)
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
