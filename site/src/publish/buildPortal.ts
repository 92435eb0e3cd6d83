import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { PortalImage } from '../content/PortalContent'
import { readPortalContent } from '../content/loadPortalContent'
import { indexForSearch } from './indexForSearch'
import { linkMedia } from './linkMedia'
import { precompress } from './precompress'
import { runAstroBuild } from './runAstroBuild'
import { serialQueue } from './serialQueue'

export interface BuildPortalOptions {
  /** JSON written by the portal exporter (PortalContent). */
  contentFile: string
  /** Where the static site is written; created if missing. Must not be inside the repository. */
  outDir: string
  /** All uploaded media; only files referenced by the content are published. */
  mediaDir: string
  timeoutMs?: number
}

export interface BuildPortalResult {
  durationMs: number
  /** HTML pages written. */
  pages: number
  /** Referenced media files that were not found in mediaDir; their pages are built anyway. */
  missingMedia: string[]
}

// Astro builds share site/.astro/, so two builds in this process must not overlap.
const astroBuilds = serialQueue()

/**
 * Builds the static portal from a content file into outDir, with the published images under outDir/media/.
 * Throws PORTAL_CONTENT_MISSING / PORTAL_CONTENT_INVALID before starting Astro, PORTAL_BUILD_FAILED if it fails.
 */
export function buildPortal({ contentFile, outDir, mediaDir, timeoutMs = 10 * 60_000 }: BuildPortalOptions): Promise<BuildPortalResult> {
  return astroBuilds(async () => {
    const started = performance.now()
    const content = readPortalContent(contentFile)
    // Astro reads a private snapshot, so the pages and the media linked below come from the same content
    // even if the exporter rewrites the file meanwhile.
    const snapshotDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-portal-'))
    try {
      const snapshot = path.join(snapshotDir, 'content.json')
      await fs.writeFile(snapshot, JSON.stringify(content))
      await runAstroBuild({ contentFile: snapshot, outDir: path.resolve(outDir), timeoutMs })
    } finally {
      await fs.rm(snapshotDir, { recursive: true, force: true })
    }
    const imageFiles = (image: PortalImage) => [image.filename, ...(image.sources ?? []).map((source) => source.filename), ...(image.share ? [image.share.filename] : [])]
    const published = content.bulletins.flatMap(({ hero, gallery = [], attachments = [] }) => [
      ...(hero ? imageFiles(hero) : []),
      ...gallery.flatMap(imageFiles),
      ...attachments.map((attachment) => attachment.filename),
    ])
    published.push(...(content.programs ?? []).flatMap((program) => program.attachments.map((attachment) => attachment.filename)))
    const { missing } = await linkMedia({ filenames: published, mediaDir, targetDir: path.join(outDir, 'media') })
    await indexForSearch(outDir)
    await precompress(outDir)
    return { durationMs: Math.round(performance.now() - started), pages: await countPages(outDir), missingMedia: missing }
  })
}

async function countPages(dir: string): Promise<number> {
  const names = await fs.readdir(dir, { recursive: true })
  return names.filter((name) => name.endsWith('.html')).length
}
