import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { collectOutput } from '@pregon/launcher/collectOutput'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface WorkerProcess {
  child: ChildProcess
  /** The last lines it printed, for a failure message. */
  tail(): string
  exited: Promise<void>
}

/** The real worker (`workers/bin/worker.ts`) as `npm start` runs it, in its own process, to be killed at will. */
export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers/bin/worker.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = collectOutput(child, { keep: 40 })
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  return { child, tail: () => output.tail(), exited }
}
