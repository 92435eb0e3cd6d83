import fs from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/**
 * The committed migrations' names, read from cms/migrations/index.ts as text. For tools that run from the
 * source tree (`npm run status`): importing the list itself loads Payload's database adapter, about 20 s
 * cold. The admin's endpoint imports the list (it is loaded anyway).
 */
export async function committedMigrationNames(): Promise<string[]> {
  const index = await fs.readFile(fileURLToPath(new URL('../migrations/index.ts', import.meta.url)), 'utf8')
  return [...index.matchAll(/^\s*name:\s*'([^']+)'/gm)].map((match) => match[1]!)
}
