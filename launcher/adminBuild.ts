import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { collectOutput } from './collectOutput'
import { precompressAssets, type PrecompressReport } from './precompressAssets'

const STAMP = 'pregon-build-stamp'
const SKIP = new Set(['node_modules', '.next', 'bin', 'seed'])

/**
 * The admin is a Next.js production build (dev mode compiles pages on first hit: ~17 s for the login).
 * It is rebuilt only when the CMS, media or core sources or the lock file changed since the last build.
 */
export async function adminBuildStamp(cmsDir: string): Promise<string> {
  const hash = createHash('sha256')
  // The admin bundles the media and core workspaces' declarations too.
  const shared = ['media', 'core'].map((workspace) => path.join(cmsDir, '..', workspace, 'src'))
  const files = (await Promise.all([cmsDir, ...shared].map(listSources))).flat()
  for (const file of files.sort()) {
    hash.update(path.relative(cmsDir, file))
    hash.update(await fs.readFile(file))
  }
  const lock = path.join(cmsDir, '..', 'package-lock.json')
  if (existsSync(lock)) hash.update(await fs.readFile(lock))
  return hash.digest('hex')
}

export async function isAdminBuildCurrent(cmsDir: string): Promise<boolean> {
  const stampFile = path.join(cmsDir, '.next', STAMP)
  if (!existsSync(path.join(cmsDir, '.next', 'BUILD_ID')) || !existsSync(stampFile)) return false
  const [stored, current] = await Promise.all([fs.readFile(stampFile, 'utf8'), adminBuildStamp(cmsDir)])
  return stored.trim() === current
}

/**
 * Runs `next build` in the CMS folder; the secret and database are not needed to build. The build runs in its
 * own process group (Turbopack starts helper processes): `signal` stops all of it, and `onSpawn` gets the
 * group's pid so a later start can stop a build this run left behind.
 */
export async function buildAdmin({
  cmsDir,
  env,
  onOutput,
  onSpawn,
  signal,
}: {
  cmsDir: string
  env: NodeJS.ProcessEnv
  onOutput?: (line: string) => void
  onSpawn?: (pid: number) => void
  signal?: AbortSignal
}): Promise<PrecompressReport> {
  const nextBin = path.join(path.dirname(createRequire(path.join(cmsDir, 'package.json')).resolve('next/package.json')), 'dist', 'bin', 'next')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: cmsDir,
      env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    if (child.pid !== undefined) onSpawn?.(child.pid)
    const stopGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
    }
    signal?.addEventListener('abort', stopGroup, { once: true })
    const output = collectOutput(child, { keep: 60, onLine: onOutput })
    child.on('error', reject)
    child.on('exit', (code) => {
      signal?.removeEventListener('abort', stopGroup)
      // Its helpers outlive it if it was stopped; they belong to the build.
      stopGroup()
      if (signal?.aborted) reject(new Error('The admin build was stopped.'))
      else if (code === 0) resolve()
      else reject(new Error(`The admin build failed (next build exited with ${code}):\n${output.tail()}`))
    })
  })
  const compressed = await precompressAssets(path.join(cmsDir, '.next', 'static'))
  // Stamped after the build: the first build writes files the stamp covers (next-env.d.ts, tsconfig.json).
  await fs.writeFile(path.join(cmsDir, '.next', STAMP), await adminBuildStamp(cmsDir))
  return compressed
}

async function listSources(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listSources(full)))
    else if (/\.(tsx?|jsx?|mjs|css|scss|json)$/.test(entry.name)) out.push(full)
  }
  return out
}
