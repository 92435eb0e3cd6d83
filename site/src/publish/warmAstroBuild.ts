import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PortalError } from '../lib/PortalError'
import { SITE_DIR, buildEnv } from './runAstroBuild'

const BUILDER = fileURLToPath(new URL('./warmAstroBuilder.mjs', import.meta.url))

interface Builder {
  child: ChildProcess
  ready: Promise<void>
  result: Promise<void>
  send(request: { id: number; env: Record<string, string>; outDir: string }): void
}

let next: Builder | null = null
let nextId = 0

function start(): Builder {
  const child = fork(BUILDER, [], { cwd: SITE_DIR, env: buildEnv(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)))
  // A builder waiting for work must not keep the worker (or a test run) from exiting.
  child.unref()
  child.channel?.unref()
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
 * An Astro build in a builder process started ahead of time (see warmAstroBuilder.mjs); the next one is started
 * as soon as this one is taken. A build that outlives `timeoutMs` is killed.
 */
export async function runWarmAstroBuild({ env, outDir, timeoutMs }: { env: Record<string, string>; outDir: string; timeoutMs: number }): Promise<void> {
  const builder = next ?? start()
  next = null
  builder.child.channel?.ref()
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
    builder.child.channel?.unref()
    next = start()
  }
}

/** Starts a builder ahead of the first publication, so that one is quick too; resolves when it is loaded. */
export function warmUpAstroBuilder(): Promise<void> {
  next ??= start()
  return next.ready.catch(() => {})
}

export function stopWarmAstroBuilder(): void {
  next?.child.kill('SIGTERM')
  next = null
}
