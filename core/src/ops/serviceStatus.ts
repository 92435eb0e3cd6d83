import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * What the launcher knows about the services it supervises, written to DATA_DIR/run/services.json on every
 * change, so the CMS (health, metrics, alerts) and `npm run status` can read it without a database.
 */
export type ServiceName = 'postgres' | 'admin' | 'worker' | 'portal' | 'mail-catcher'

export interface ServiceState {
  name: ServiceName
  /** running: up; restarting: waiting for its next try; failed: crash loop, no more tries; stopped: by request. */
  state: 'starting' | 'running' | 'restarting' | 'failed' | 'stopped'
  pid: number | null
  /** Unexpected exits since the launcher started (each one was restarted, or led to `failed`). */
  restarts: number
  lastExitAt: string | null
  /** Exit code or signal of the last unexpected exit, and its last output lines. */
  lastExit: string | null
  lastOutput: string[]
  since: string
}

export interface LauncherStatus {
  launcherPid: number
  startedAt: string
  updatedAt: string
  services: ServiceState[]
}

export const SERVICE_STATUS_FILE = 'services.json'

export function serviceStatusPath(dataDir: string): string {
  return path.join(dataDir, 'run', SERVICE_STATUS_FILE)
}

export async function writeServiceStatus(dataDir: string, status: LauncherStatus): Promise<void> {
  const file = serviceStatusPath(dataDir)
  await fs.mkdir(path.dirname(file), { recursive: true })
  // Write then rename: a reader never sees half a file.
  const temp = `${file}.${process.pid}.tmp`
  await fs.writeFile(temp, `${JSON.stringify(status, null, 2)}\n`)
  await fs.rename(temp, file)
}

/** null when no launcher runs on this machine (an external supervisor, or `npm run worker` alone). */
export async function readServiceStatus(dataDir: string): Promise<LauncherStatus | null> {
  try {
    return JSON.parse(await fs.readFile(serviceStatusPath(dataDir), 'utf8')) as LauncherStatus
  } catch {
    return null
  }
}
