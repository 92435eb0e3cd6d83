import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Pool } from 'pg'
import { PregonError } from '@pregon/core/PregonError'
import type { BackupLabel } from './archiveFormat'
import { formatMb } from './createBackup'
import { isFolderEmpty } from './listFiles'
import { countPublicTables, loadTables } from './loadTables'
import { readLabel, unpackArchive } from './readArchive'

export interface RestoreOptions {
  pool: Pool
  archive: string
  dataDir: string
  mediaDir: string
  /** Every migration this code has, by name, in order. */
  knownMigrations: string[]
  /** Applies these migrations (by name) with Payload; called with the archive's, then with all of them. */
  migrate: (names: string[]) => Promise<void>
  progress?: (message: string) => void
}

export interface RestoreResult {
  label: BackupLabel
  tables: number
  rows: number
  files: number
  seconds: number
}

/**
 * Refuses before changing anything unless the target is empty (no tables in `public`, no media, no mailing
 * journals) and the archive is whole (every member's sha256) and from a Pregón this code can read. Then:
 * the archive's own migrations build the schema it was taken from, its rows go in (one transaction), the
 * newer migrations of this code run on top, and the files are moved into the data folder.
 */
export async function restoreBackup({ pool, archive, dataDir, mediaDir, knownMigrations, migrate, progress = () => {} }: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now()
  const mailingsDir = path.join(dataDir, 'mailings')
  for (const [dir, what] of [[mediaDir, 'archivos de medios'], [mailingsDir, 'bitácoras de envíos']] as const) {
    if (!(await isFolderEmpty(dir))) {
      throw new PregonError({
        code: 'RESTORE_TARGET_NOT_EMPTY',
        kind: 'conflict',
        message: `La carpeta ${dir} ya tiene ${what}: la restauración sólo escribe en una carpeta de datos vacía, para no mezclar ni borrar nada. Mueva esa carpeta de datos (DATA_DIR) a otro lugar o use otra vacía, y vuelva a intentarlo.`,
      })
    }
  }
  const tables = await countPublicTables(pool)
  if (tables > 0) {
    throw new PregonError({
      code: 'RESTORE_TARGET_NOT_EMPTY',
      kind: 'conflict',
      message: `La base de datos de destino ya tiene ${tables} tablas: la restauración sólo escribe en una base vacía, para no mezclar ni borrar datos. Cree una base nueva y vacía (con DATABASE_URL) o, con la base integrada, use una carpeta de datos (DATA_DIR) nueva, y vuelva a intentarlo.`,
    })
  }

  const label = await readLabel(archive)
  const unknown = label.migrations.filter((name) => !knownMigrations.includes(name))
  if (unknown.length > 0) {
    throw new PregonError({
      code: 'RESTORE_MIGRATIONS_UNKNOWN',
      kind: 'conflict',
      message: `El respaldo (Pregón ${label.pregonVersion}) tiene cambios de base de datos que esta versión no conoce (${unknown.join(', ')}): restaure con la versión de Pregón que hizo el respaldo, o una posterior.`,
    })
  }
  progress(`Respaldo del ${label.createdAt} (Pregón ${label.pregonVersion}). Verificando el archivo…`)

  const stagingDir = path.join(dataDir, `.restore-${randomBytes(4).toString('hex')}`)
  await fs.promises.mkdir(stagingDir, { recursive: true, mode: 0o700 })
  try {
    const total = (await fs.promises.stat(archive)).size
    let read = 0
    let lastReport = performance.now()
    const unpacked = await unpackArchive({
      file: archive,
      stagingDir,
      onBytes: (n) => {
        read += n
        if (performance.now() - lastReport < 2_000) return
        lastReport = performance.now()
        progress(`Leídos ${formatMb(read)} de ${formatMb(total)}.`)
      },
    })
    progress(`Archivo íntegro: ${unpacked.manifest.members.length} partes verificadas (sha256).`)

    progress('Creando las tablas con las migraciones del respaldo…')
    await migrate(label.migrations)
    const loaded = await loadTables({
      pool,
      databaseDir: unpacked.dirs.database,
      tables: unpacked.manifest.tables,
      onTable: (done, count) => {
        if (done === count || done % 10 === 0) progress(`Base de datos: ${done} de ${count} tablas cargadas.`)
      },
    })
    const newer = knownMigrations.filter((name) => !label.migrations.includes(name))
    if (newer.length > 0) {
      progress(`Aplicando ${newer.length} migraciones más nuevas que el respaldo…`)
      await migrate(knownMigrations)
    }
    await pool.query('ANALYZE')

    // Same file system (the staging folder is inside DATA_DIR): each move is one rename.
    const files = unpacked.manifest.members.filter((m) => m.name.startsWith('media/')).length
    await moveInto(unpacked.dirs.media, mediaDir)
    await moveInto(unpacked.dirs.mailings, mailingsDir)
    if (unpacked.secretFile) {
      await fs.promises.rename(unpacked.secretFile, path.join(dataDir, 'payload-secret'))
      await fs.promises.chmod(path.join(dataDir, 'payload-secret'), 0o600)
    }
    const seconds = (performance.now() - started) / 1000
    progress(`Restauración lista: ${unpacked.manifest.tables.length} tablas, ${loaded.rows} filas, ${files} archivos de medios (${seconds.toFixed(1)} s).`)
    return { label, tables: unpacked.manifest.tables.length, rows: loaded.rows, files, seconds }
  } finally {
    await fs.promises.rm(stagingDir, { recursive: true, force: true })
  }
}

/** Moves a staged folder to its place; the place exists at most as empty folders (checked before). */
async function moveInto(staged: string, target: string): Promise<void> {
  if (!fs.existsSync(staged)) return
  await fs.promises.rm(target, { recursive: true, force: true })
  await fs.promises.mkdir(path.dirname(target), { recursive: true })
  await fs.promises.rename(staged, target)
}
