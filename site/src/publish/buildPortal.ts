import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { PortalBulletin, PortalContent, PortalImage, PortalProgram } from '../content/PortalContent'
import { PORTAL_CONTENT_ENV, readPortalContentFile, type PortalContentFile } from '../content/loadPortalContent'
import { PORTAL_SELECTION_ENV, type PortalSelection } from '../content/portalSelection'
import { indexForSearch } from './indexForSearch'
import { linkMedia } from './linkMedia'
import { runAstroBuild } from './astroBuild'
import { serialQueue } from './serialQueue'

export interface BuildPortalOptions {
  /** JSON written by the portal exporter (PortalContent); or `source`. */
  contentFile?: string
  /** Where the static site is written; created if missing. Must not be inside the repository. */
  outDir: string
  /** All uploaded media; only files referenced by the content are published. */
  mediaDir: string
  timeoutMs?: number
  /** The content file when the caller has read it already (it is not read again). */
  source?: PortalContentFile
  /** Called as each phase starts (the bench attributes its memory samples to phases). */
  onPhase?: (phase: keyof BuildPortalResult['phases']) => void
}

export interface BuildPortalResult {
  durationMs: number
  /** HTML pages written. */
  pages: number
  /** Referenced media files that were not found in mediaDir; their pages are built anyway. */
  missingMedia: string[]
  /** Where the time went, in ms: Astro's pages and feeds, linking media, the search index. */
  phases: { astro: number; media: number; search: number }
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000
// Astro builds share site/.astro/, so two builds in this process must not overlap.
const astroBuilds = serialQueue()

/**
 * Runs Astro over a content into outDir: every page, or only `selection` (an incremental build). Astro reads
 * a private snapshot of the text, so the pages come from exactly this content even if the exporter rewrites its file.
 */
export function renderPages({
  source,
  outDir,
  selection = null,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  /** Only its text is used: Astro's process reads and checks the content again from a snapshot of it. */
  source: Pick<PortalContentFile, 'text'>
  outDir: string
  selection?: PortalSelection | null
  timeoutMs?: number
}): Promise<void> {
  return astroBuilds(async () => {
    const snapshotDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-portal-'))
    try {
      const snapshot = path.join(snapshotDir, 'content.json')
      await fs.writeFile(snapshot, source.text)
      const env: Record<string, string> = { [PORTAL_CONTENT_ENV]: snapshot }
      if (selection) {
        env[PORTAL_SELECTION_ENV] = path.join(snapshotDir, 'selection.json')
        await fs.writeFile(env[PORTAL_SELECTION_ENV], JSON.stringify(selection))
      }
      await runAstroBuild({ env, outDir: path.resolve(outDir), timeoutMs })
    } finally {
      await fs.rm(snapshotDir, { recursive: true, force: true })
    }
  })
}

/** The media files published content shows or offers: images with every rendition, and documents. */
export function publishedMediaFiles(content: PortalContent): string[] {
  return [...content.bulletins.flatMap(bulletinMediaFiles), ...(content.programs ?? []).flatMap(programMediaFiles)]
}

// Worked out once per object: items are not changed in place once exported (a change is a new object).
const filesOf = new WeakMap<object, readonly string[]>()

function memoized<T extends object>(files: (item: T) => string[]): (item: T) => readonly string[] {
  return (item) => {
    let found = filesOf.get(item)
    if (!found) filesOf.set(item, (found = files(item)))
    return found
  }
}

const imageFiles = (image: PortalImage) => [
  image.filename,
  ...(image.sources ?? []).map((source) => source.filename),
  ...(image.share ? [image.share.filename] : []),
  ...(image.fetchedCrops ?? []).map((crop) => crop.filename),
]

/** The media files a bulletin's page shows: its photo (every rendition and crop), gallery and attachments. */
export const bulletinMediaFiles = memoized<PortalBulletin>(({ hero, gallery = [], attachments = [] }) => [
  ...(hero ? imageFiles(hero) : []),
  ...gallery.flatMap(imageFiles),
  ...attachments.map((attachment) => attachment.filename),
])

/** The files a program's page offers. */
export const programMediaFiles = memoized<PortalProgram>((program) => program.attachments.map((attachment) => attachment.filename))

/**
 * Builds the static portal from a content file into outDir, with the published images under outDir/media/.
 * Throws PORTAL_CONTENT_MISSING / PORTAL_CONTENT_INVALID before starting Astro, PORTAL_BUILD_FAILED if it fails.
 */
export async function buildPortal({ contentFile, outDir, mediaDir, timeoutMs = DEFAULT_TIMEOUT_MS, source, onPhase }: BuildPortalOptions): Promise<BuildPortalResult> {
  const started = performance.now()
  const mark = () => Math.round(performance.now() - started)
  onPhase?.('astro')
  const { text, mediaFiles } = checkedContent(source ?? readPortalContentFile(contentFile ?? ''))
  await renderPages({ source: { text }, outDir, timeoutMs })
  const astro = mark()
  onPhase?.('media')
  const { missing } = await linkMedia({ filenames: mediaFiles, mediaDir, targetDir: path.join(outDir, 'media') })
  const media = mark()
  // After Astro, which holds ~700 MB at 10,000 bulletins: Pagefind holds about as much, and beside it the build
  // would pass 1 GB (bench:site).
  onPhase?.('search')
  await indexForSearch(outDir)
  const done = mark()
  return {
    durationMs: done,
    pages: await countPages(outDir),
    missingMedia: missing,
    phases: { astro, media: media - astro, search: done - media },
  }
}

/**
 * Of a content checked before Astro starts, what this process still needs: the text for Astro's snapshot and the
 * media to publish. The parsed content (about 400 MB at 50,000 bulletins) is not kept through the build, when
 * Astro's process holds its own.
 */
function checkedContent(source: PortalContentFile): { text: string; mediaFiles: string[] } {
  return { text: source.text, mediaFiles: publishedMediaFiles(source.content) }
}

async function countPages(dir: string): Promise<number> {
  const names = await fs.readdir(dir, { recursive: true })
  return names.filter((name) => name.endsWith('.html')).length
}
