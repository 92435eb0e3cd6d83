import fs from 'node:fs'

/** One package folder that `npm ci` creates from the lockfile. */
export interface InstalledPackage {
  /** The lockfile key: `node_modules/a/node_modules/b`, `cms/node_modules/c`. */
  location: string
  name: string
  version: string
  /** Who brings it in, shortest chain first: ['pregon', '@pregon/cms', 'payload', 'ws']. */
  path: string[]
}

interface LockEntry {
  name?: string
  version?: string
  link?: boolean
  resolved?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const NODE_MODULES = 'node_modules/'

/** The folder Node's resolution looks in next: `a/node_modules/b/node_modules/c` → `a/node_modules/b`, `cms` → ``. */
function parentOf(location: string): string | undefined {
  if (location === '') return undefined
  const at = location.lastIndexOf(NODE_MODULES)
  return at <= 0 ? '' : location.slice(0, at - 1)
}

/** Where a `require(name)` from `from` lands, by Node's rule: the nearest node_modules up the tree that has it. */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let folder: string | undefined = from; folder !== undefined; folder = parentOf(folder)) {
    const candidate = `${folder ? `${folder}/` : ''}${NODE_MODULES}${name}`
    const entry = packages[candidate]
    if (entry) return entry.link && entry.resolved !== undefined ? entry.resolved : candidate
  }
  return undefined
}

/** Every location reachable from the root and the workspaces, with the chain of names that reaches it first. */
function chains(packages: Record<string, LockEntry>, rootName: string): Map<string, string[]> {
  const found = new Map<string, string[]>([['', [rootName]]])
  const queue = ['']
  for (const workspace of Object.keys(packages).filter((key) => key !== '' && !key.includes(NODE_MODULES))) {
    found.set(workspace, [rootName, packages[workspace]?.name ?? workspace])
    queue.push(workspace)
  }
  while (queue.length > 0) {
    const from = queue.shift()!
    const entry = packages[from] ?? {}
    const names = new Set([entry.dependencies, entry.devDependencies, entry.optionalDependencies, entry.peerDependencies].flatMap((deps) => Object.keys(deps ?? {})))
    for (const name of names) {
      const target = resolveFrom(packages, from, name)
      if (target === undefined || found.has(target)) continue
      found.set(target, [...found.get(from)!, name])
      queue.push(target)
    }
  }
  return found
}

/** The installed packages a lockfile (version 2 or 3) describes: workspaces, links and the root itself excluded. */
export function readLockfile(file: string): InstalledPackage[] {
  const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; lockfileVersion?: number; packages?: Record<string, LockEntry> }
  if (!lock.packages) throw new Error(`${file} has no "packages" map (lockfileVersion ${lock.lockfileVersion}): regenerate it with npm 7 or later`)
  const packages = lock.packages
  const reached = chains(packages, lock.name ?? 'root')
  return Object.entries(packages)
    .filter(([location, entry]) => location.includes(NODE_MODULES) && !entry.link && entry.version !== undefined)
    .map(([location, entry]) => {
      const name = entry.name ?? location.slice(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length)
      // A package nothing depends on (e.g. extraneous) keeps its folder chain instead.
      const path = reached.get(location) ?? location.split(/\/?node_modules\//).filter(Boolean)
      return { location, name, version: entry.version!, path }
    })
}
