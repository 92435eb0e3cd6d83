import fs from 'node:fs/promises'
import path from 'node:path'
import { PortalError } from '../lib/PortalError'

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/**
 * Puts exactly the named files into `targetDir`. The media directory also holds drafts' uploads, so it is
 * never linked or copied as a whole: only what published content references becomes public.
 * Hard links cost no space and no time; across devices (or where links are refused) the file is copied.
 */
export async function linkMedia({ filenames, mediaDir, targetDir }: { filenames: Iterable<string>; mediaDir: string; targetDir: string }): Promise<{ linked: number; missing: string[] }> {
  await fs.mkdir(targetDir, { recursive: true })
  const missing: string[] = []
  let linked = 0
  for (const filename of new Set(filenames)) {
    // The content is validated upstream; this guard keeps the function safe on its own.
    if (path.basename(filename) !== filename) throw new PortalError('PORTAL_MEDIA_FAILED', `refusing media file name with a path: ${JSON.stringify(filename)}.`)
    const source = path.join(mediaDir, filename)
    const target = path.join(targetDir, filename)
    try {
      await fs.link(source, target)
      linked++
    } catch (error) {
      const code = errorCode(error)
      if (code === 'ENOENT') missing.push(filename)
      else if (code === 'EEXIST') linked++
      else if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP') {
        await fs.copyFile(source, target)
        linked++
      } else {
        throw new PortalError('PORTAL_MEDIA_FAILED', `cannot publish media file ${source} (check permissions on the media directory).`, { cause: error })
      }
    }
  }
  return { linked, missing }
}
