import fs from 'node:fs'
import path from 'node:path'
import type { OsvRecord } from './matchAdvisory'
import { readZipTexts } from './readZip'

export interface OsvDatabase {
  /** The records that name an npm package, by package name (only the names asked for are kept). */
  byPackage: Map<string, OsvRecord[]>
  /** How many records were read in all, and the newest `modified` date seen (how fresh the copy is). */
  recordCount: number
  newestModified: string | undefined
}

function* textsOf(source: string): Generator<{ name: string; text: string }> {
  const stat = fs.statSync(source)
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(source, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.json')) continue
      const file = path.join(entry.parentPath, entry.name)
      yield { name: file, text: fs.readFileSync(file, 'utf8') }
    }
  } else if (source.endsWith('.zip')) yield* readZipTexts(source, (name) => name.endsWith('.json'))
  else yield { name: source, text: fs.readFileSync(source, 'utf8') }
}

/**
 * Reads OSV records from each source: OSV's `npm/all.zip` as downloaded, a folder of OSV `.json` files (searched
 * recursively, as in a clone of GitHub's advisory-database), or one `.json` file holding a record or an array of them.
 */
export function loadOsvDatabase(sources: string[], names: ReadonlySet<string>): OsvDatabase {
  const byPackage = new Map<string, OsvRecord[]>()
  let recordCount = 0
  let newestModified: string | undefined
  for (const source of sources) {
    for (const { name, text } of textsOf(source)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (error) {
        throw new Error(`${name}: not JSON (${(error as Error).message})`, { cause: error })
      }
      for (const record of (Array.isArray(parsed) ? parsed : [parsed]) as (OsvRecord & { modified?: string })[]) {
        if (typeof record?.id !== 'string' || !Array.isArray(record.affected)) continue
        recordCount++
        if (record.modified && (!newestModified || record.modified > newestModified)) newestModified = record.modified
        const packageNames = new Set(record.affected.filter((affected) => affected.package?.ecosystem === 'npm').map((affected) => affected.package!.name!))
        for (const packageName of packageNames) {
          if (!names.has(packageName)) continue
          const list = byPackage.get(packageName) ?? []
          if (!list.some((known) => known.id === record.id)) list.push(record)
          byPackage.set(packageName, list)
        }
      }
    }
  }
  return { byPackage, recordCount, newestModified }
}
