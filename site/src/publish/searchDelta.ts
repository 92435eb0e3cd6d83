import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import * as pagefind from 'pagefind'
import { PortalError } from '../lib/PortalError'
import { readIndexIds } from './searchIndexIds'
import { serialQueue } from './serialQueue'
import { writeAtomically } from './writeAtomically'

/**
 * The index of what changed since the full search index was built, beside it in <build>/pagefind-delta/: each
 * publication indexes again every bulletin and program page changed since (a few hundred at most), in a fresh
 * folder, and then points `delta.json` at it. The search page (public/buscar/pagefind.js) merges that index into the
 * full one and hides, by id, the full index's records of pages changed or gone since. A reader gets the previous
 * delta or the new one, whole: the pointer is written last, in one rename, and the previous folder is kept.
 */
/** Where the full index goes in a built portal. */
export const SEARCH_INDEX_DIR = 'pagefind'
/** The pages the full index reads: the ones that can hold an indexed text (bulletins, programs). */
export const INDEXED_PAGES = '{boletines,programas}/*/index.html'
export const SEARCH_DELTA_DIR = 'pagefind-delta'
export const SEARCH_DELTA_POINTER = 'delta.json'
/** What the delta covers, for the next publication; not served (the server skips dotfiles). */
const STATE_FILE = '.pregon-search.json'
/** The full index's page ids (searchIndexIds.ts), kept beside it so a restart does not read them again. */
const IDS_FILE = '.pregon-search-ids.json'
/** Past this many pages, or this age, the full index is rebuilt (in the background) and the delta starts over. */
export const DELTA_MAX_PAGES = 200
export const DELTA_MAX_AGE_MS = 24 * 60 * 60 * 1000

/** The file the browser reads: which delta to merge, which full-index records to hide. */
export interface SearchDeltaPointer {
  /** The full index these ids belong to (its entry's hashes). */
  base: string
  /** Root-relative folder of the delta index, or null when nothing changed since the full index. */
  bundle: string | null
  /** Full-index records of pages changed or removed since. */
  hidden: string[]
  /** Records whose page is in both indexes unchanged (same id): shown once. */
  same: string[]
}

export interface DeltaState {
  base: string
  generation: number
  /** When the oldest change in the delta was published. */
  since: string | null
  /** Page URL → the generation that last changed it. */
  pages: Record<string, number>
  /** Pages first published after the full index was written: it has no record of them to hide. */
  newPages?: string[]
}

/** Delta writes and the swap of a rebuilt full index take turns. */
export const searchUpdates = serialQueue()

/** Bulletin and program pages: the ones the full index reads (indexForSearch's glob). */
export const isIndexedUrl = (url: string) => /^\/(boletines|programas)\/[^/]+\/$/.test(url)

/**
 * Adds pages changed or removed by a publication to the delta and makes it live. Resolves once `delta.json` points
 * at the new delta. `isRebuildDue` says the delta has grown past DELTA_MAX_PAGES or DELTA_MAX_AGE_MS.
 */
export function writeSearchDelta({ buildDir, changed, removed = [] }: { buildDir: string; changed: string[]; removed?: string[] }): Promise<{ pages: number; isRebuildDue: boolean }> {
  return searchUpdates(async () => {
    const base = await fullIndexBase(buildDir)
    const state = await readState(buildDir, base)
    const generation = state.generation + 1
    const touched = [...changed, ...removed].filter(isIndexedUrl)
    const newPages = new Set(state.newPages)
    for (const url of touched) {
      if (!(url in state.pages) && (await isNewerThanFullIndex(buildDir, url))) newPages.add(url)
      state.pages[url] = generation
    }
    state.newPages = [...newPages]
    if (touched.length > 0) state.since ??= new Date().toISOString()
    state.generation = generation
    await writeDelta(buildDir, state)
    const pages = Object.keys(state.pages).length
    const age = state.since ? Date.now() - Date.parse(state.since) : 0
    return { pages, isRebuildDue: pages >= DELTA_MAX_PAGES || age >= DELTA_MAX_AGE_MS }
  })
}

/** The pointer of a fresh full index: nothing to merge or hide. */
export async function writeEmptySearchDelta(outDir: string): Promise<void> {
  const base = await fullIndexBase(outDir)
  await fs.mkdir(path.join(outDir, SEARCH_DELTA_DIR), { recursive: true })
  await writePointer(outDir, { base, bundle: null, hidden: [], same: [] })
}

/**
 * Indexes the state's pages as they are on disk now into a new delta folder, points `delta.json` at it and saves
 * the state. Also used after a full rebuild, with the pages changed since it started (`beforeCommit` swaps the new
 * full index in between, so the new pointer follows it within milliseconds).
 */
export async function writeDelta(buildDir: string, state: DeltaState, fullIds?: Map<string, string>, beforeCommit?: () => Promise<void>): Promise<void> {
  const deltaRoot = path.join(buildDir, SEARCH_DELTA_DIR)
  const name = `${state.generation}-${randomBytes(3).toString('hex')}`
  const deltaDir = path.join(deltaRoot, name)
  const indexed = await indexPages(buildDir, Object.keys(state.pages), deltaDir)
  const deltaIds = indexed > 0 ? await readIndexIds(deltaDir) : new Map<string, string>()
  // Reading the full index's ids the first time after a full build costs seconds at 50,000 pages: new bulletins,
  // which it cannot hold, do not wait for it.
  const newPages = new Set(state.newPages)
  const needsIds = Object.keys(state.pages).some((url) => !newPages.has(url))
  const ids = fullIds ?? (needsIds ? await fullIndexIds(buildDir, state.base) : new Map<string, string>())
  const hidden: string[] = []
  const same: string[] = []
  for (const url of Object.keys(state.pages)) {
    const old = ids.get(url)
    if (old === undefined) continue
    if (deltaIds.get(url) === old) same.push(old)
    else hidden.push(old)
  }
  // A hidden id that a delta record also has (two different pages whose hashes share a prefix) would hide that
  // record too: show the stale one instead, until the next full rebuild.
  const deltaIdSet = new Set(deltaIds.values())
  const pointer = { base: state.base, bundle: indexed > 0 ? `/${SEARCH_DELTA_DIR}/${name}/` : null, hidden: hidden.filter((id) => !deltaIdSet.has(id)).sort(), same: same.sort() }
  await beforeCommit?.()
  const previous = await readPointer(buildDir)
  await writePointer(buildDir, pointer)
  await writeAtomically(path.join(buildDir, STATE_FILE), JSON.stringify(state))
  // Keep the folder a reader may have just been pointed at; remove older ones and any a crash left behind.
  const keep = new Set([name, previous?.bundle?.split('/').at(-2)])
  for (const entry of await fs.readdir(deltaRoot, { withFileTypes: true })) {
    if (entry.isDirectory() && !keep.has(entry.name)) await fs.rm(path.join(deltaRoot, entry.name), { recursive: true, force: true })
  }
}

/** Indexes the pages that still have an indexed text; the others (removed, withdrawn, suspended) are only hidden. */
async function indexPages(buildDir: string, urls: string[], outDir: string): Promise<number> {
  const pages: Array<{ url: string; content: string }> = []
  for (const url of urls) {
    const content = await fs.readFile(path.join(buildDir, ...url.split('/').filter(Boolean), 'index.html'), 'utf8').catch(() => null)
    // Without any data-pagefind-body in an index, Pagefind would index whole pages: a withdrawal notice, say.
    if (content !== null && INDEXED_BODY.test(content)) pages.push({ url, content })
  }
  if (pages.length === 0) return 0
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'es' })
  if (!index) throw new PortalError('PORTAL_BUILD_FAILED', `the search delta could not start: ${errors.join('; ')}`)
  try {
    // The service stays up (unref'd) for the next publication: starting it costs ~150 ms.
    for (const page of pages) {
      const added = await index.addHTMLFile(page)
      if (added.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search delta failed on ${page.url}: ${added.errors.join('; ')}`)
    }
    const written = await index.writeFiles({ outputPath: outDir })
    if (written.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search delta could not be written: ${written.errors.join('; ')}`)
  } finally {
    await index.deleteIndex()
  }
  return pages.length
}

/**
 * Whether a page's folder was made after the full index was written, so the index cannot have read it (a page
 * removed and published again gets a new folder, but was touched, and looked up, when it was removed).
 */
async function isNewerThanFullIndex(buildDir: string, url: string): Promise<boolean> {
  const [page, entry] = await Promise.all([fs.stat(path.join(buildDir, ...url.split('/').filter(Boolean))).catch(() => null), fs.stat(path.join(buildDir, SEARCH_INDEX_DIR, 'pagefind-entry.json'))])
  // Without a birth time (some file systems), assume the index may hold it.
  return page !== null && page.birthtimeMs > 0 && page.birthtimeMs > entry.mtimeMs
}

const INDEXED_BODY = /<[a-z][^>]*\sdata-pagefind-body[\s>=]/

/** Identifies a full index by its entry file: the hash of each language's metadata, which names everything else. */
export async function fullIndexBase(buildDir: string, indexDir = path.join(buildDir, SEARCH_INDEX_DIR)): Promise<string> {
  const entry = JSON.parse(await fs.readFile(path.join(indexDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> }
  return Object.values(entry.languages)
    .map((language) => language.hash)
    .sort()
    .join(',')
}

const idCache = new Map<string, Promise<Map<string, string>>>()

/** The full index's page ids: from the file kept beside it, or read from its fragments once (and kept). */
export function fullIndexIds(buildDir: string, base: string): Promise<Map<string, string>> {
  const key = `${buildDir}\n${base}`
  let ids = idCache.get(key)
  if (!ids) {
    ids = loadFullIndexIds(buildDir, base)
    idCache.set(key, ids)
    ids.catch(() => idCache.delete(key))
    for (const other of idCache.keys()) if (other.startsWith(`${buildDir}\n`) && other !== key) idCache.delete(other)
  }
  return ids
}

async function loadFullIndexIds(buildDir: string, base: string): Promise<Map<string, string>> {
  const kept = await fs.readFile(path.join(buildDir, IDS_FILE), 'utf8').then((text) => JSON.parse(text) as { base: string; ids: Record<string, string> }, () => null)
  if (kept?.base === base) return new Map(Object.entries(kept.ids))
  const ids = await readIndexIds(path.join(buildDir, SEARCH_INDEX_DIR))
  await saveFullIndexIds(buildDir, base, ids)
  return ids
}

export async function saveFullIndexIds(buildDir: string, base: string, ids: Map<string, string>): Promise<void> {
  await writeAtomically(path.join(buildDir, IDS_FILE), JSON.stringify({ base, ids: Object.fromEntries(ids) }))
  idCache.set(`${buildDir}\n${base}`, Promise.resolve(ids))
}

export async function readState(buildDir: string, base: string): Promise<DeltaState> {
  const state = await fs.readFile(path.join(buildDir, STATE_FILE), 'utf8').then((text) => JSON.parse(text) as DeltaState, () => null)
  return state?.base === base ? state : { base, generation: 0, since: null, pages: {} }
}

export async function readPointer(buildDir: string): Promise<SearchDeltaPointer | null> {
  return fs.readFile(path.join(buildDir, SEARCH_DELTA_DIR, SEARCH_DELTA_POINTER), 'utf8').then((text) => JSON.parse(text) as SearchDeltaPointer, () => null)
}

async function writePointer(buildDir: string, pointer: SearchDeltaPointer): Promise<void> {
  await writeAtomically(path.join(buildDir, SEARCH_DELTA_DIR, SEARCH_DELTA_POINTER), JSON.stringify(pointer))
}

