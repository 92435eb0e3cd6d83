import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Pool } from 'pg'
import {
  archiveName,
  FORMAT_VERSION,
  LABEL_MEMBER,
  MANIFEST_MEMBER,
  SECRET_MEMBER,
  type BackupLabel,
  type BackupManifest,
} from './archiveFormat'
import { appliedMigrations, dumpTables } from './dumpDatabase'
import { listFiles } from './listFiles'
import { TarWriter } from './tarWriter'

export interface BackupResult {
  /** The archive's full path. */
  file: string
  bytes: number
  seconds: number
  tables: number
  rows: number
  files: number
}

export interface BackupOptions {
  pool: Pool
  dataDir: string
  mediaDir: string
  /** Where the archive goes (created if missing, 0700). */
  backupDir: string
  now?: Date
  /** Spanish progress lines for a person (the CLI prints them, the worker logs them). */
  progress?: (message: string) => void
}

const MB = 1024 * 1024
const PROGRESS_EVERY_MS = 2_000

/**
 * Writes one archive of everything an installation cannot rebuild: the database (every table of `public`),
 * the media files, the mailing journals and the demo signing secret. Written under a hidden name and renamed
 * when complete, so a backup folder never shows a half-written archive under a real name.
 */
export async function createBackup({ pool, dataDir, mediaDir, backupDir, now = new Date(), progress = () => {} }: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  await fs.promises.mkdir(backupDir, { recursive: true, mode: 0o700 })
  const final = await freeName(backupDir, now)
  const partial = path.join(backupDir, `.${path.basename(final)}.${randomBytes(4).toString('hex')}.partial`)
  const workDir = path.join(backupDir, `.pregon-backup-${randomBytes(4).toString('hex')}`)
  await fs.promises.mkdir(workDir, { mode: 0o700 })
  let handle: fs.promises.FileHandle | undefined
  try {
    // The snapshot first, the mailing journals after it: a journal can then only say more than the ledger
    // (deliveries flagged «sin confirmar» on restore), never less (a delivery sent again).
    const client = await pool.connect()
    let label: BackupLabel
    let tables: Awaited<ReturnType<typeof dumpTables>>
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      label = { format: FORMAT_VERSION, pregonVersion: pregonVersion(), createdAt: now.toISOString(), migrations: await appliedMigrations(client) }
      tables = await dumpTables({
        client,
        workDir,
        onTable: (done, total) => {
          if (done === total || done % 10 === 0) progress(`Base de datos: ${done} de ${total} tablas copiadas.`)
        },
      })
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }

    const mailings = await listFiles(path.join(dataDir, 'mailings'))
    const media = await listFiles(mediaDir)
    const secretFile = path.join(dataDir, 'payload-secret')
    const hasSecret = fs.existsSync(secretFile)
    const totalBytes = tables.reduce((sum, t) => sum + fs.statSync(t.file).size, 0) + [...mailings, ...media].reduce((sum, f) => sum + f.size, 0)
    progress(`Archivos: ${media.length} de medios y ${mailings.length} bitácoras de envío (${formatMb(totalBytes)} en total).`)

    handle = await fs.promises.open(partial, 'wx', 0o600)
    const tar = new TarWriter(handle)
    let lastReport = performance.now()
    const report = (force = false) => {
      if (!force && performance.now() - lastReport < PROGRESS_EVERY_MS) return
      lastReport = performance.now()
      progress(`Escritos ${formatMb(tar.bytesWritten)} de ~${formatMb(totalBytes)}.`)
    }
    await tar.addBuffer(LABEL_MEMBER, Buffer.from(`${JSON.stringify(label, null, 2)}\n`), now)
    for (const table of tables) {
      await tar.addFile(table.member, table.file)
      report()
    }
    for (const file of mailings) await tar.addFile(`mailings/${file.relative}`, file.path)
    if (hasSecret) await tar.addFile(SECRET_MEMBER, secretFile)
    for (const file of media) {
      await tar.addFile(`media/${file.relative}`, file.path, () => report())
    }
    const manifest: BackupManifest = {
      ...label,
      tables: tables.map(({ name, columns, rows, member }) => ({ name, columns, rows, member })),
      members: [...tar.members],
    }
    await tar.addBuffer(MANIFEST_MEMBER, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), now)
    await tar.finish()
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.promises.rename(partial, final)
    await syncDirectory(backupDir)
    const bytes = (await fs.promises.stat(final)).size
    const seconds = (performance.now() - started) / 1000
    progress(`Respaldo listo: ${final} (${formatMb(bytes)}, ${seconds.toFixed(1)} s).`)
    return {
      file: final,
      bytes,
      seconds,
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      files: manifest.members.filter((m) => m.name.startsWith('media/')).length,
    }
  } finally {
    await handle?.close().catch(() => {})
    await fs.promises.rm(partial, { force: true })
    await fs.promises.rm(workDir, { recursive: true, force: true })
  }
}

/** Two backups within the same second (a manual one during the daily one) must not overwrite each other. */
async function freeName(dir: string, at: Date): Promise<string> {
  for (let shift = 0; ; shift++) {
    const candidate = path.join(dir, archiveName(new Date(at.getTime() + shift * 1000)))
    if (!fs.existsSync(candidate)) return candidate
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export function formatMb(bytes: number): string {
  return `${(bytes / MB).toLocaleString('es-MX', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`
}

let version: string | undefined
function pregonVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string }).version
  return version
}
