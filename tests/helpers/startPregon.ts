import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const READY_LINE = 'Pregón está listo'

export interface RunningPregon {
  child: ChildProcess
  /** Everything `npm start` printed so far. */
  output(): string
  /** Ctrl-C, as a person would; resolves with the exit code. */
  interrupt(): Promise<number | null>
  /** kill -9 of the start process only, as a crash would. */
  crash(): Promise<void>
}

/**
 * Runs `npm start`'s entry point as a person would, with only the variables given (plus PATH and HOME),
 * and resolves once it prints that Pregón is ready.
 */
export async function startPregon({ env, readyTimeoutMs = 480_000 }: { env: Record<string, string>; readyTimeoutMs?: number }): Promise<RunningPregon> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'launcher/start.ts'], {
    cwd: rootDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Pregón was not ready after ${readyTimeoutMs / 1000} s:\n${output}`)), readyTimeoutMs)
    const check = () => {
      if (output.includes(READY_LINE)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`Pregón exited (code ${code}) before it was ready:\n${output}`))
    })
  })

  return {
    child,
    output: () => output,
    async interrupt() {
      child.kill('SIGINT')
      return exited
    },
    async crash() {
      child.kill('SIGKILL')
      await exited
    },
  }
}
