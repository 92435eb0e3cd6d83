import fs from 'node:fs'
import path from 'node:path'

export interface ListedFile {
  path: string
  /** Relative to the listed folder, with `/` separators (the member name's tail). */
  relative: string
  size: number
}

/** Regular files under `dir`, sorted by name; a missing folder is an empty list. Symbolic links are not followed. */
export async function listFiles(dir: string): Promise<ListedFile[]> {
  let entries: fs.Dirent[]
  try {
    entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const files: ListedFile[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    const stat = await fs.promises.stat(full).catch(() => null)
    if (!stat) continue
    files.push({ path: full, relative: path.relative(dir, full).split(path.sep).join('/'), size: stat.size })
  }
  return files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
}

/** Whether a folder is missing or holds no file at any depth (empty sub-folders do not count). */
export async function isFolderEmpty(dir: string): Promise<boolean> {
  return (await listFiles(dir)).length === 0
}
