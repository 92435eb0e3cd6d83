import { type ChildProcess, spawn } from 'node:child_process'
import { collectOutput } from './collectOutput'

export interface ServiceOptions {
  name: string
  script: string
  env: NodeJS.ProcessEnv
  cwd?: string
  /** How long to wait for the child's `{ type: 'ready' }` (or `prepared`) IPC message. */
  readyTimeoutMs?: number
  onOutput?: (line: string) => void
  /** Told the child's pid as soon as it exists (before it is ready). */
  onSpawn?: (pid: number) => void
}

export interface Service {
  name: string
  child: ChildProcess
  /** The first message the child sent when it became ready. */
  ready: Record<string, unknown>
  /** Its last output lines (stdout and stderr), for a message about its exit. */
  tail(): string[]
  stop(timeoutMs?: number): Promise<void>
}

export class ServiceError extends Error {
  readonly code = 'START_SERVICE_FAILED'
}

/**
 * Runs a TypeScript entry point in its own process group with an IPC channel: the terminal's Ctrl-C
 * reaches only `npm start`, which stops services in order, and a service whose parent vanished (kill -9)
 * sees the channel close and stops itself.
 */
export function spawnService({ name, script, env, cwd, readyTimeoutMs = 120_000, onOutput, onSpawn }: ServiceOptions): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  if (child.pid !== undefined) onSpawn?.(child.pid)
  const output = collectOutput(child, { keep: 40, onLine: onOutput })

  const stop = (timeoutMs = 15_000) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      child.kill('SIGTERM')
    })

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(2_000)
      reject(new ServiceError(`${name} did not become ready within ${readyTimeoutMs / 1000} s.\n${output.tail()}`))
    }, readyTimeoutMs)
    child.once('message', (message: Record<string, unknown>) => {
      clearTimeout(timer)
      resolve({ name, child, ready: message, stop, tail: () => output.tail().split('\n').filter(Boolean) })
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new ServiceError(`${name} exited before it was ready (code ${code}, signal ${signal}).\n${output.tail()}`))
    })
  })
}
