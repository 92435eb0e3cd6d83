import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PortalError } from '../lib/PortalError'
import { fullIndexBase, INDEXED_PAGES, SEARCH_INDEX_DIR, readState, saveFullIndexIds, searchUpdates, writeDelta } from './searchDelta'
import { readIndexIds } from './searchIndexIds'

/** Inside the build (same file system, so its files move in by rename); a dot folder is not served. */
const SCRATCH = '.pregon-search-rebuild'

interface Rebuild {
  buildDir: string
  done: Promise<void>
  stop(): Promise<void>
}
let running: Rebuild | null = null

/**
 * Rebuilds the full search index of a live build in the background, while publications go on writing deltas,
 * then swaps it in: the pages changed since it started (it may have read them before or after) stay in a new delta
 * made against it, so nothing a newer delta added is lost. Pagefind runs as its own process at a lower priority.
 * One rebuild at a time: asking again while one runs gives the running one.
 */
export function rebuildSearchIndex({ buildDir }: { buildDir: string }): Promise<void> {
  if (running) return running.done
  let child: ChildProcess | null = null
  let isStopped = false
  const scratch = path.join(buildDir, SCRATCH)
  const rebuild: Rebuild = {
    buildDir,
    done: (async () => {
      const startedAt = await searchUpdates(async () => (await readState(buildDir, await fullIndexBase(buildDir))).generation)
      await fs.rm(scratch, { recursive: true, force: true })
      const fresh = path.join(scratch, SEARCH_INDEX_DIR)
      await new Promise<void>((resolve, reject) => {
        child = spawn(pagefindBinary(), ['--site', buildDir, '--output-path', fresh, '--glob', INDEXED_PAGES, '--force-language', 'es', '--silent'], { stdio: ['ignore', 'ignore', 'pipe'] })
        let stderr = ''
        child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)))
        try {
          // Publications (Astro) come first on a small machine.
          if (child.pid) os.setPriority(child.pid, 10)
        } catch {
          // Already gone: its exit says how.
        }
        child.once('error', reject)
        child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new PortalError('PORTAL_BUILD_FAILED', `the search index rebuild exited with ${signal ?? `code ${code}`}: ${stderr.trim()}`))))
      })
      const ids = await readIndexIds(fresh, () => isStopped)
      const base = await fullIndexBase(buildDir, fresh)
      await searchUpdates(async () => {
        if (isStopped) return
        const state = await readState(buildDir, await fullIndexBase(buildDir))
        const pages = Object.fromEntries(Object.entries(state.pages).filter(([, generation]) => generation > startedAt))
        await saveFullIndexIds(buildDir, base, ids)
        const carried = { base, generation: state.generation + 1, since: Object.keys(pages).length > 0 ? new Date().toISOString() : null, pages, newPages: [] }
        await writeDelta(buildDir, carried, ids, () => swapIndex(fresh, path.join(buildDir, SEARCH_INDEX_DIR)))
      })
    })().finally(async () => {
      running = null
      await fs.rm(scratch, { recursive: true, force: true })
    }),
    async stop() {
      isStopped = true
      child?.kill('SIGTERM')
      await rebuild.done.catch(() => {})
    },
  }
  running = rebuild
  return rebuild.done
}

/** The rebuild in progress, if any (resolves when it is swapped in). */
export function searchRebuildInProgress(): Promise<void> | null {
  return running ? running.done.catch(() => {}) : null
}

/** Stops a rebuild in progress (its Pagefind process included), so the process can exit. */
export async function stopSearchRebuild(): Promise<void> {
  await running?.stop()
}

/**
 * Moves a fresh index's files over the live one: content-addressed chunks first, the entry files that name them
 * last, so a reader never gets an entry pointing at a missing chunk; then removes the old index's files.
 */
export async function swapIndex(freshIndex: string, liveIndex: string): Promise<void> {
  const entries = await fs.readdir(freshIndex, { recursive: true, withFileTypes: true })
  const all = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(freshIndex, path.join(entry.parentPath, entry.name)))
  all.sort((a, b) => Number(a.startsWith('pagefind')) - Number(b.startsWith('pagefind')))
  for (const file of all) {
    await fs.mkdir(path.dirname(path.join(liveIndex, file)), { recursive: true })
    await fs.rename(path.join(freshIndex, file), path.join(liveIndex, file))
  }
  const keep = new Set(all)
  for (const entry of await fs.readdir(liveIndex, { recursive: true, withFileTypes: true })) {
    const file = path.relative(liveIndex, path.join(entry.parentPath, entry.name))
    if (entry.isFile() && !keep.has(file)) await fs.rm(path.join(liveIndex, file), { force: true })
  }
}

/** Pagefind's own binary (the one its Node API runs as a service), run here as a command. */
function pagefindBinary(): string {
  const require = createRequire(import.meta.resolve('pagefind'))
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      return require.resolve(`@pagefind/${platform}-${os.arch()}/bin/${name}${platform === 'windows' ? '.exe' : ''}`)
    } catch {
      // The next name.
    }
  }
  throw new PortalError('PORTAL_BUILD_FAILED', `Pagefind's binary for ${platform}-${os.arch()} is not installed`)
}
