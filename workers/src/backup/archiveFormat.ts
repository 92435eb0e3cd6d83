import path from 'node:path'

/**
 * What a Pregón backup archive holds and how its members are named. A plain (uncompressed) POSIX tar:
 *
 *   backup.json                 first: format, Pregón version, time, migrations (read before anything else)
 *   database/<table>.copy.gz    one per table of the `public` schema: `COPY … TO STDOUT` text, gzip level 1
 *   media/<file>                DATA_DIR/media as it is (JPEG and PDF do not compress: stored, not gzipped)
 *   mailings/<id>.journal       DATA_DIR/mailings, the press mailings' journals
 *   payload-secret              the demo signing secret, when DATA_DIR has one
 *   manifest.json               last: every member with its size and sha256, every table with columns and rows
 *
 * The manifest comes last so one pass writes the archive: each member is hashed as it is written.
 */
export const FORMAT_VERSION = 1

export const LABEL_MEMBER = 'backup.json'
export const MANIFEST_MEMBER = 'manifest.json'
export const SECRET_MEMBER = 'payload-secret'

/** The first member: enough to refuse early (a newer format, migrations this code does not know). */
export interface BackupLabel {
  format: number
  pregonVersion: string
  createdAt: string
  /** Names from `payload_migrations`, in the order they were applied. */
  migrations: string[]
}

export interface TableEntry {
  name: string
  columns: string[]
  rows: number
  member: string
}

export interface MemberEntry {
  name: string
  size: number
  sha256: string
}

export interface BackupManifest extends BackupLabel {
  tables: TableEntry[]
  /** Every member before the manifest, in archive order. */
  members: MemberEntry[]
}

const ARCHIVE_NAME = /^pregon-(\d{8})-(\d{6})\.tar$/

const two = (n: number) => String(n).padStart(2, '0')

/** `pregon-YYYYMMDD-HHMMSS.tar`, in the server's local time (the time people see on the folder). */
export function archiveName(at: Date): string {
  const date = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`
  return `pregon-${date}-${time}.tar`
}

export function isArchiveName(name: string): boolean {
  return ARCHIVE_NAME.test(name)
}

export const tableMember = (table: string) => `database/${table}.copy.gz`

export type MemberKind =
  | { kind: 'label' }
  | { kind: 'manifest' }
  | { kind: 'secret' }
  | { kind: 'table'; table: string }
  | { kind: 'media'; relative: string }
  | { kind: 'mailing'; relative: string }

/**
 * What a member name stands for, or null for a name a Pregón backup never writes: an absolute path, `..`,
 * a table name that is not a plain identifier. The restore refuses such archives instead of writing outside
 * the data folder.
 */
export function classifyMember(name: string): MemberKind | null {
  if (name === LABEL_MEMBER) return { kind: 'label' }
  if (name === MANIFEST_MEMBER) return { kind: 'manifest' }
  if (name === SECRET_MEMBER) return { kind: 'secret' }
  const table = /^database\/([a-z_][a-z0-9_]*)\.copy\.gz$/.exec(name)
  if (table) return { kind: 'table', table: table[1]! }
  for (const kind of ['media', 'mailing'] as const) {
    const prefix = kind === 'media' ? 'media/' : 'mailings/'
    if (!name.startsWith(prefix)) continue
    const relative = name.slice(prefix.length)
    if (!isSafeRelativePath(relative)) return null
    return { kind, relative }
  }
  return null
}

function isSafeRelativePath(relative: string): boolean {
  if (!relative || relative.includes('\0') || relative.includes('\\') || path.posix.isAbsolute(relative)) return false
  return relative.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}

/** Archives to delete so that the newest `keep` remain: only names this code writes, oldest first. */
export function archivesBeyond(names: string[], keep: number): string[] {
  const ours = names.filter(isArchiveName).sort()
  return ours.slice(0, Math.max(0, ours.length - keep))
}
