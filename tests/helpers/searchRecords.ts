import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

interface Fragment {
  url: string
  content: string
  meta: { title?: string }
}

/** Every record of a Pagefind index on disk, by id (its fragment's name). */
function fragments(indexDir: string): Map<string, Fragment> {
  const dir = path.join(indexDir, 'fragment')
  const records = new Map<string, Fragment>()
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, name))).toString('utf8').slice('pagefind_dcd'.length)
    records.set(name.replace(/\.pf_fragment$/, ''), JSON.parse(text) as Fragment)
  }
  return records
}

/**
 * What a reader's search can find in a built portal, page URL → indexed text: the full index, with the delta
 * merged in as the search page merges it (public/buscar/pagefind.js: hidden ids dropped, a shared id once).
 * Throws if a URL would come out twice.
 */
export function searchableRecords(buildDir: string): Map<string, string> {
  const pointer = JSON.parse(fs.readFileSync(path.join(buildDir, 'pagefind-delta', 'delta.json'), 'utf8')) as { bundle: string | null; hidden: string[]; same: string[] }
  const hidden = new Set(pointer.hidden)
  const results = [...fragments(path.join(buildDir, 'pagefind'))]
  if (pointer.bundle) results.push(...fragments(path.join(buildDir, ...pointer.bundle.split('/').filter(Boolean))))
  const records = new Map<string, string>()
  const seen = new Set<string>()
  for (const [id, fragment] of results) {
    if (hidden.has(id) || (pointer.same.includes(id) && seen.has(id))) continue
    seen.add(id)
    if (records.has(fragment.url)) throw new Error(`${fragment.url} would be found twice`)
    records.set(fragment.url, fragment.content)
  }
  return records
}
