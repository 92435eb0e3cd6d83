import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The layout's rules, read from the source as it is: which package may import which, and no import loops.
const root = fileURLToPath(new URL('../..', import.meta.url))
const PACKAGES = ['core', 'media', 'cms', 'workers', 'site', 'launcher'] as const
type Package = (typeof PACKAGES)[number]
const SKIP = new Set(['node_modules', '.next', 'dist', 'migrations', '.astro'])
const SOURCE = /\.(ts|tsx|mjs|astro)$/
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourcesOf(full)
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') && entry.name !== 'payload-types.ts' ? [full] : []
  })
}

const files = PACKAGES.flatMap((name) => sourcesOf(path.join(root, name)))
const importsOf = new Map(
  files.map((file) => {
    const text = fs.readFileSync(file, 'utf8')
    return [file, [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]!)]
  }),
)
const packageOf = (file: string) => path.relative(root, file).split(path.sep)[0] as Package
const importsIn = (pkg: Package) => files.filter((file) => packageOf(file) === pkg).flatMap((file) => importsOf.get(file)!.map((spec) => ({ file: path.relative(root, file), spec })))

/** A workspace specifier or relative path, as the file it names (undefined for npm packages and node:). */
function resolve(from: string, spec: string): string | undefined {
  let base: string
  if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec)
  else if (spec.startsWith('@pregon/')) {
    const [, name, ...rest] = spec.split('/')
    const exports = JSON.parse(fs.readFileSync(path.join(root, name!, 'package.json'), 'utf8')).exports as Record<string, string>
    const sub = rest.length ? `./${rest.join('/')}` : '.'
    const exact = exports[sub]
    const wildcard = Object.entries(exports).find(([key]) => key.endsWith('*') && sub.startsWith(key.slice(0, -1)))
    const target = exact ?? (wildcard ? wildcard[1].replace('*', sub.slice(wildcard[0].length - 1)) : undefined)
    if (!target) return undefined
    base = path.join(root, name!, target)
  } else return undefined
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile())
}

/** Every loop a depth-first walk meets, each as the files around it (first file repeated at the end). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return cycles
}

describe('the layout', () => {
  it('keeps core free of Payload and of every other workspace', () => {
    const offending = importsIn('core').filter(({ spec }) => /^(payload|@payloadcms\/|next|react|@pregon\/)/.test(spec))
    expect(offending).toEqual([])
  })

  it('lets workers into the CMS through its one narrow module only', () => {
    const offending = importsIn('workers').filter(({ spec }) => spec.startsWith('@pregon/cms') && spec !== '@pregon/cms/worker')
    expect(offending).toEqual([])
  })

  it('keeps the CMS from depending on the portal, the workers or the launcher', () => {
    const offending = importsIn('cms').filter(({ spec }) => /^@pregon\/(site|workers|launcher)/.test(spec))
    expect(offending).toEqual([])
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'cms/package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(Object.keys(manifest.dependencies).filter((name) => /^@pregon\/(site|workers|launcher)$/.test(name))).toEqual([])
  })

  it('leaves the portal and the media pipeline as leaves', () => {
    expect([...importsIn('site'), ...importsIn('media')].filter(({ spec }) => spec.startsWith('@pregon/'))).toEqual([])
  })

  it('lets only the launcher know every service', () => {
    const importers = PACKAGES.filter((pkg) => pkg !== 'launcher').flatMap((pkg) => importsIn(pkg).filter(({ spec }) => spec.startsWith('@pregon/launcher')))
    expect(importers).toEqual([])
  })

  it('has no import cycle', () => {
    const graph = new Map(files.map((file) => [file, importsOf.get(file)!.map((spec) => resolve(file, spec)).filter((target): target is string => Boolean(target))]))
    expect(findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)))).toEqual([])
  })

  it('resolves the imports it checks (the rules above are not vacuous)', () => {
    expect(importsIn('workers').some(({ spec }) => spec === '@pregon/cms/worker')).toBe(true)
    expect(resolve(path.join(root, 'workers/src/startWorker.ts'), '@pregon/core/queues')).toBe(path.join(root, 'core/src/queues.ts'))
    expect(resolve(path.join(root, 'cms/workflow/workflowEndpoint.ts'), './index')).toBe(path.join(root, 'cms/workflow/index.ts'))
    const loop = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])
    expect(findCycles(loop)).toEqual([['a', 'b', 'c', 'a']])
  })
})
