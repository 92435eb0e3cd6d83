import fs from 'node:fs/promises'
import path from 'node:path'
import { inspectUpload, renderRenditions, RENDITIONS, type FocalPoint, type RenderedFile } from '@pregon/media'
import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

/**
 * Pregón makes an image's renditions itself (decoding the upload once, see @pregon/media) instead of letting
 * Payload decode it again for each size; Payload still declares the sizes, stores their metadata and serves,
 * lists and deletes their files.
 *
 * - beforeOperation (sanitizeUpload) renders them with the original and stashes them on the request;
 * - beforeChange records them in `sizes` (and hands the bytes to a cloud storage adapter, if one is set);
 * - afterChange writes them to the media folder, after validation passed and the row was written, so a
 *   refused save leaves no file behind.
 * When the editor moves the focal point, Payload re-saves the stored original without an upload: the
 * renditions are then made again from that file.
 */
interface Stash {
  focal: FocalPoint
  renditions: RenderedFile[]
}
interface PendingFile {
  filename: string
  data: Buffer
}

const STASH = 'pregonRenditions'
const PENDING = 'pregonRenditionFiles'

export function stashRenditions(req: PayloadRequest, stash: Stash): void {
  req.context[STASH] = stash
}

type SizeData = { filename: string; filesize: number; width: number; height: number; mimeType: string }
type EmptySize = { [K in keyof SizeData]: null }
const EMPTY_SIZE: EmptySize = { filename: null, filesize: null, width: null, height: null, mimeType: null }

export const recordRenditions =
  (staticDir: string, { isLocal }: { isLocal: boolean }): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, operation, req }) => {
    const stash = req.context[STASH] as Stash | undefined
    const focal = { x: Number(data.focalX ?? 50), y: Number(data.focalY ?? 50) }
    const isFocalMove = operation === 'update' && !!originalDoc && (originalDoc.focalX !== data.focalX || originalDoc.focalY !== data.focalY)
    // Payload re-reads the stored original itself when the admin's "Editar imagen" was used, even with the
    // point unchanged, and deletes every size file first: whatever the path, missing files are made again.
    const isMissingFiles = operation === 'update' && isLocal && (await anyMissing(staticDir, sizeFilenames(originalDoc)))
    if (typeof data.filename !== 'string' || !String(data.mimeType).startsWith('image/') || !(stash || isFocalMove || isMissingFiles)) return data
    const renditions =
      stash && stash.focal.x === focal.x && stash.focal.y === focal.y
        ? stash.renditions
        : await renderFromStoredOriginal(path.join(staticDir, data.filename), focal)
    const base = path.parse(data.filename).name
    const pending: PendingFile[] = []
    // Every declared size gets a value: one not made for this image (never upscaled) is cleared, not left
    // pointing at a file of the image this one replaces.
    const recorded: Record<string, SizeData | EmptySize> = Object.fromEntries(RENDITIONS.map(({ name }) => [name, EMPTY_SIZE]))
    for (const file of renditions) {
      // Crops carry their focal point in the name, so a moved crop is a new URL no cache can hold stale.
      const filename = `${base}-${file.name}${file.isCrop ? `-${focal.x}-${focal.y}` : ''}.${file.ext}`
      recorded[file.name] = { filename, filesize: file.data.length, width: file.width, height: file.height, mimeType: file.mime }
      pending.push({ filename, data: file.data })
      // What Payload's cloud storage adapters upload besides the original.
      if (req.payloadUploadSizes) req.payloadUploadSizes[file.name] = file.data
    }
    req.context[PENDING] = pending
    delete req.context[STASH]
    return { ...data, sizes: recorded }
  }

export const writeRenditions =
  (staticDir: string, { isLocal }: { isLocal: boolean }): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, req }) => {
    const pending = req.context[PENDING] as PendingFile[] | undefined
    if (!pending) return doc
    delete req.context[PENDING]
    if (!isLocal) return doc
    await fs.mkdir(staticDir, { recursive: true })
    await Promise.all(pending.map(({ filename, data }) => fs.writeFile(path.join(staticDir, filename), data)))
    // Files of the renditions this save replaced (Payload removes them only when it re-reads the original itself).
    const current = new Set(pending.map(({ filename }) => filename))
    const stale = sizeFilenames(previousDoc).filter((filename) => !current.has(filename) && filename !== doc.filename)
    await Promise.all(stale.map((filename) => fs.rm(path.join(staticDir, path.basename(filename)), { force: true })))
    return doc
  }

const sizeFilenames = (doc: { sizes?: Record<string, { filename?: string | null } | null | undefined> } | undefined) =>
  Object.values(doc?.sizes ?? {}).flatMap((size) => (size?.filename ? [size.filename] : []))

async function anyMissing(staticDir: string, filenames: string[]): Promise<boolean> {
  const found = await Promise.all(filenames.map((filename) => fs.access(path.join(staticDir, path.basename(filename))).then(() => true, () => false)))
  return found.includes(false)
}

async function renderFromStoredOriginal(filePath: string, focal: FocalPoint): Promise<RenderedFile[]> {
  const source = await fs.readFile(filePath)
  const inspected = await inspectUpload(source, { maxBytes: Number.MAX_SAFE_INTEGER, maxPixels: Number.MAX_SAFE_INTEGER })
  if (inspected.kind !== 'image') return []
  return renderRenditions({ source, width: inspected.width, height: inspected.height, focal })
}
