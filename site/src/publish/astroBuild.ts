import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PortalError } from '../lib/PortalError'

const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url))
const BUILDER = fileURLToPath(new URL('./astroBuilder.mjs', import.meta.url))
// Only what Node and Astro need: the worker's own secrets (database, SMTP, X) have no business in a build.
const INHERITED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'NODE_OPTIONS']

/** The environment of an Astro build process: production, no telemetry, and only what Node needs. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' }
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]
  return env
}

interface Builder {
  child: ChildProcess
  ready: Promise<void>
  result: Promise<void>
  send(request: { id: number; env: Record<string, string>; outDir: string }): void
}

let nextId = 0

function start(): Builder {
  // No execArgv: the caller's loaders (tsx in scripts and tests) would load into the builder too, for nothing.
  const child = fork(BUILDER, [], { cwd: SITE_DIR, env: buildEnv(), execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)))
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new PortalError('PORTAL_BUILD_FAILED', `the Astro builder exited with ${signal ?? `code ${code}`}; last output:\n${stderr.trim()}`))),
  )
  exited.catch(() => {})
  const ready = Promise.race([new Promise<void>((resolve) => child.once('message', () => resolve())), exited])
  ready.catch(() => {})
  const result = Promise.race([
    new Promise<void>((resolve, reject) =>
      child.on('message', (message: { id?: number; ok?: boolean; message?: string }) => {
        if (message.id === undefined) return
        if (message.ok) resolve()
        else reject(new PortalError('PORTAL_BUILD_FAILED', `astro build failed:\n${message.message ?? ''}`))
      }),
    ),
    exited,
  ])
  result.catch(() => {})
  return { child, ready, result, send: (request) => child.send(request) }
}

/**
 * `astro build` in a builder process (astroBuilder.mjs): Astro keeps module-level state and a build of thousands
 * of pages holds a lot of memory, which a long-lived worker should not carry, so each build gets its own process,
 * which ends with it. (Publications render the pages they change in the worker instead: pageRenderer.ts.) A
 * build that outlives `timeoutMs` is killed. Must not run twice at once: Astro writes its prerender bundle and
 * generated types under site/.astro/.
 */
export async function runAstroBuild({ env, outDir, timeoutMs }: { env: Record<string, string>; outDir: string; timeoutMs: number }): Promise<void> {
  const builder = start()
  const timer = setTimeout(() => builder.child.kill('SIGKILL'), timeoutMs)
  try {
    await builder.ready
    builder.send({ id: nextId++, env, outDir })
    await builder.result
  } catch (error) {
    if (builder.child.signalCode === 'SIGKILL') throw new PortalError('PORTAL_BUILD_FAILED', `astro build took longer than ${timeoutMs} ms and was stopped`, { cause: error })
    throw error
  } finally {
    clearTimeout(timer)
  }
}
