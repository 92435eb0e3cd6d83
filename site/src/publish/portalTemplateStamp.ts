import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Written into every build; a dotfile, so the server never serves it. */
export const STAMP_FILE = '.pregon-template-stamp'

let stamp: Promise<string> | undefined

/**
 * Hash of everything the portal's look depends on besides content: its sources and locked dependencies. Worked
 * out once per process: the templates a process renders with are those it loaded (the page renderer keeps them),
 * so a deployment without a restart keeps publishing in the look of the live build, and the restart rebuilds.
 */
export function portalTemplateStamp(): Promise<string> {
  stamp ??= hashTemplates()
  return stamp
}

async function hashTemplates(): Promise<string> {
  const hash = createHash('sha256')
  const files = [
    ...(await fs.readdir(path.join(siteDir, 'src'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name)),
    ...['astro.config.mjs', 'package.json', '../package-lock.json'].map((name) => path.join(siteDir, name)),
  ].sort()
  for (const file of files) {
    if (!existsSync(file)) continue
    hash.update(path.relative(siteDir, file))
    hash.update(await fs.readFile(file))
  }
  return hash.digest('hex')
}

/**
 * Whether the live build was made by these templates. Content changes rebuild through the queue, so at
 * start-up only a missing build or new templates (an upgrade) need one.
 */
export async function isPortalCurrent(portalDir: string): Promise<boolean> {
  const stored = await fs.readFile(path.join(portalDir, 'current', STAMP_FILE), 'utf8').catch(() => null)
  return stored !== null && stored.trim() === (await portalTemplateStamp())
}
