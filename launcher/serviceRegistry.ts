import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { isAlive, waitForExit } from './processes'

/**
 * Remembers the processes `npm start` runs (DATA_DIR/run/<name>.pid: pid and kernel start time), so the next
 * start can stop any left behind by a run that was killed (-9): a service whose parent vanished should stop
 * by itself, but one blocked in a synchronous write to its dead parent's pipe never gets to.
 */
export async function recordService(dataDir: string, name: string, pid: number): Promise<void> {
  const dir = path.join(dataDir, 'run')
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(path.join(dir, `${name}.pid`), `${pid} ${startTimeOf(pid) ?? ''}\n`)
}

export async function forgetService(dataDir: string, name: string): Promise<void> {
  await fs.rm(path.join(dataDir, 'run', `${name}.pid`), { force: true })
}

/** Stops every recorded process still alive from an earlier run (its whole process group). Returns their names. */
export async function reapOrphans(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, 'run')
  if (!existsSync(dir)) return []
  const reaped: string[] = []
  for (const file of await fs.readdir(dir)) {
    if (!file.endsWith('.pid')) continue
    const [pidText, startTime] = (await fs.readFile(path.join(dir, file), 'utf8')).trim().split(' ')
    const pid = Number(pidText)
    // The same pid with another start time is an unrelated process that reused the number.
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && startTimeOf(pid) === startTime) {
      await stopGroup(pid)
      reaped.push(file.replace(/\.pid$/, ''))
    }
    await fs.rm(path.join(dir, file), { force: true })
  }
  return reaped
}

async function stopGroup(pid: number): Promise<void> {
  signalGroup(pid, 'SIGTERM')
  if (!(await waitForExit(pid, 5_000))) signalGroup(pid, 'SIGKILL')
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Services run in their own process group (spawnService: detached), with their helpers (esbuild).
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      // Already gone.
    }
  }
}

function startTimeOf(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may contain spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}
