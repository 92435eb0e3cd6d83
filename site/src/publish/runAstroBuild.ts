import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PORTAL_CONTENT_ENV } from '../content/loadPortalContent'
import { PORTAL_SELECTION_ENV } from '../content/portalSelection'
import { PortalError } from '../lib/PortalError'

export const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url))
const OUTPUT_TAIL_CHARS = 8_000
// Only what Node and Astro need: the worker's own secrets (database, SMTP, X) have no business in a build.
const INHERITED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'NODE_OPTIONS']

function astroBin(): string {
  const require = createRequire(path.join(SITE_DIR, 'package.json'))
  const manifestPath = require.resolve('astro/package.json')
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { bin: { astro: string } }
  return path.join(path.dirname(manifestPath), manifest.bin.astro)
}

/**
 * `astro build` in a child process: Astro keeps module-level state and a build of thousands of pages holds a lot
 * of memory, which a long-lived worker should not carry. Must not run twice at once: Astro writes its
 * prerender bundle and generated types under site/.astro/.
 */
/** The environment of an Astro build process: production, no telemetry, and only what Node needs. */
export function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' }
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]
  return env
}

export function runAstroBuild({ contentFile, outDir, timeoutMs, selectionFile }: { contentFile: string; outDir: string; timeoutMs: number; selectionFile?: string }): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...buildEnv(), [PORTAL_CONTENT_ENV]: contentFile }
  if (selectionFile) env[PORTAL_SELECTION_ENV] = selectionFile

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin(), 'build', '--outDir', outDir], { cwd: SITE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    let isTimedOut = false
    const timer = setTimeout(() => {
      isTimedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    const fail = (reason: string, cause?: unknown) =>
      reject(new PortalError('PORTAL_BUILD_FAILED', `astro build ${reason}; last output:\n${output.trim()}`, { cause }))
    child.on('error', (error) => {
      clearTimeout(timer)
      fail('could not start', error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (isTimedOut) fail(`took longer than ${timeoutMs} ms and was stopped`)
      else if (code !== 0) fail(`exited with ${signal ?? `code ${code}`}`)
      else resolve()
    })
  })
}
