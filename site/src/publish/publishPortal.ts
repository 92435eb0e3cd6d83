import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { buildPortal, type BuildPortalResult } from './buildPortal'
import { portalTemplateStamp, STAMP_FILE } from './portalTemplateStamp'
import { serialQueue } from './serialQueue'

export interface PublishPortalOptions {
  contentFile: string
  /** Holds builds/<id>/ and the `current` symlink the server follows. */
  portalDir: string
  mediaDir: string
}

export interface PublishPortalResult extends BuildPortalResult {
  buildDir: string
}

const CURRENT = 'current'
const BUILDS = 'builds'
const publications = serialQueue()

/**
 * Builds into a fresh directory and switches `current` to it in one rename, so readers see the old site or the
 * new one, never half of each. Keeps the previous build (requests in flight, quick rollback) and deletes older ones.
 */
export function publishPortal(options: PublishPortalOptions): Promise<PublishPortalResult> {
  return publications(() => publishNow(options))
}

async function publishNow({ contentFile, portalDir, mediaDir }: PublishPortalOptions): Promise<PublishPortalResult> {
  const started = performance.now()
  const buildsDir = path.join(portalDir, BUILDS)
  await fs.mkdir(buildsDir, { recursive: true })
  const id = newBuildId()
  const buildDir = path.join(buildsDir, id)
  let build: BuildPortalResult
  try {
    build = await buildPortal({ contentFile, outDir: buildDir, mediaDir })
  } catch (error) {
    await fs.rm(buildDir, { recursive: true, force: true })
    throw error
  }
  await fs.writeFile(path.join(buildDir, STAMP_FILE), await portalTemplateStamp())
  const previous = await currentBuildId(portalDir)
  await switchCurrent(portalDir, id)
  await pruneBuilds(buildsDir, new Set([id, previous].filter((name) => name !== null)))
  return { ...build, durationMs: Math.round(performance.now() - started), buildDir }
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
