import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import { Parser, type ReadEntry } from 'tar'
import { PregonError } from '@pregon/core/PregonError'
import {
  classifyMember,
  FORMAT_VERSION,
  LABEL_MEMBER,
  MANIFEST_MEMBER,
  type BackupLabel,
  type BackupManifest,
  type MemberKind,
} from './archiveFormat'

const corrupt = (file: string, why: string, cause?: unknown) =>
  new PregonError({
    code: 'BACKUP_ARCHIVE_CORRUPT',
    kind: 'invalid',
    message: `El archivo ${file} no es un respaldo de Pregón íntegro: ${why}. No se restauró nada. Use otra copia del respaldo (por ejemplo, la que guardó fuera del servidor).`,
    cause,
  })

function parseLabel(file: string, data: Buffer): BackupLabel {
  let label: BackupLabel
  try {
    label = JSON.parse(data.toString('utf8')) as BackupLabel
  } catch (cause) {
    throw corrupt(file, 'su etiqueta (backup.json) no se puede leer', cause)
  }
  if (typeof label.format !== 'number' || !Array.isArray(label.migrations)) throw corrupt(file, 'su etiqueta (backup.json) está incompleta')
  if (label.format > FORMAT_VERSION) {
    throw new PregonError({
      code: 'BACKUP_FORMAT_NEWER',
      kind: 'conflict',
      message: `El respaldo se hizo con una versión más nueva de Pregón (${label.pregonVersion}, formato ${label.format}): restaure con la versión de Pregón que hizo el respaldo o una posterior.`,
    })
  }
  return label
}

/** Reads only the first member: the label, to refuse early without reading gigabytes of media. */
export function readLabel(file: string): Promise<BackupLabel> {
  return new Promise((resolve, reject) => {
    const stream = fs.createReadStream(file)
    let isSettled = false
    const settle = (error: unknown, label?: BackupLabel) => {
      if (isSettled) return
      isSettled = true
      stream.destroy()
      if (error) reject(error)
      else resolve(label!)
    }
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        if (entry.path !== LABEL_MEMBER) return settle(corrupt(file, 'no empieza con la etiqueta backup.json'))
        const chunks: Buffer[] = []
        entry.on('data', (chunk: Buffer) => chunks.push(chunk))
        entry.on('end', () => {
          try {
            settle(null, parseLabel(file, Buffer.concat(chunks)))
          } catch (error) {
            settle(error)
          }
        })
      },
    })
    parser.on('error', (error: Error) => settle(corrupt(file, 'no es un archivo tar válido', error)))
    parser.on('end', () => settle(corrupt(file, 'está vacío o no tiene etiqueta')))
    stream.on('error', (error: NodeJS.ErrnoException) =>
      settle(
        error.code === 'ENOENT'
          ? new PregonError({ code: 'BACKUP_ARCHIVE_NOT_FOUND', kind: 'not-found', message: `No existe el archivo ${file}. Indique la ruta del respaldo (pregon-AAAAMMDD-HHMMSS.tar).` })
          : error,
      ),
    )
    stream.pipe(parser as unknown as NodeJS.WritableStream)
  })
}

export interface UnpackedArchive {
  label: BackupLabel
  manifest: BackupManifest
  /** Where each kind of member was written under the staging folder. */
  dirs: { database: string; media: string; mailings: string }
  secretFile: string | null
}

/**
 * Extracts every member into `stagingDir` while hashing it, then checks each against the manifest (size and
 * sha256, nothing missing, nothing extra). Nothing outside `stagingDir` is touched: a corrupt or truncated
 * archive is refused before the database or the data folder change.
 */
export async function unpackArchive({
  file,
  stagingDir,
  onBytes = () => {},
}: {
  file: string
  stagingDir: string
  onBytes?: (bytes: number) => void
}): Promise<UnpackedArchive> {
  const dirs = { database: path.join(stagingDir, 'database'), media: path.join(stagingDir, 'media'), mailings: path.join(stagingDir, 'mailings') }
  const seen = new Map<string, { size: number; sha256: string }>()
  const writes: Array<Promise<void>> = []
  let labelData: Buffer | undefined
  let manifestData: Buffer | undefined
  let failure: unknown

  const targetOf = (kind: MemberKind): string | 'memory' => {
    switch (kind.kind) {
      case 'label':
      case 'manifest':
        return 'memory'
      case 'secret':
        return path.join(stagingDir, 'payload-secret')
      case 'table':
        return path.join(dirs.database, `${kind.table}.copy.gz`)
      case 'media':
        return path.join(dirs.media, ...kind.relative.split('/'))
      case 'mailing':
        return path.join(dirs.mailings, ...kind.relative.split('/'))
    }
  }

  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 })
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const kind = classifyMember(entry.path)
        if (failure) return entry.resume()
        if (!kind || entry.type !== 'File') {
          failure = corrupt(file, `contiene «${entry.path}», que un respaldo de Pregón no escribe`)
          return entry.resume()
        }
        if (seen.has(entry.path) || (kind.kind === 'label' && labelData) || (kind.kind === 'manifest' && manifestData)) {
          failure = corrupt(file, `contiene «${entry.path}» dos veces`)
          return entry.resume()
        }
        const hash = createHash('sha256')
        let size = 0
        const target = targetOf(kind)
        const chunks: Buffer[] = []
        let sink: Writable | undefined
        if (target !== 'memory') {
          // Media as Payload writes uploads (the umask decides, so a web server may serve them); the rest private.
          fs.mkdirSync(path.dirname(target), { recursive: true })
          sink = fs.createWriteStream(target, { mode: kind.kind === 'media' ? 0o666 : 0o600 })
        }
        const tap = new Writable({
          write(chunk: Buffer, _encoding, done) {
            hash.update(chunk)
            size += chunk.length
            onBytes(chunk.length)
            if (sink) {
              if (sink.write(chunk)) done()
              else sink.once('drain', () => done())
            } else {
              chunks.push(chunk)
              done()
            }
          },
          final(done) {
            seen.set(entry.path, { size, sha256: hash.digest('hex') })
            if (kind.kind === 'label') labelData = Buffer.concat(chunks)
            if (kind.kind === 'manifest') manifestData = Buffer.concat(chunks)
            if (sink) sink.end(done)
            else done()
          },
        })
        writes.push(
          new Promise<void>((ok, fail) => {
            tap.on('finish', ok)
            tap.on('error', fail)
            sink?.on('error', fail)
          }),
        )
        entry.pipe(tap)
      },
    })
    parser.on('error', (error: Error) => reject(corrupt(file, 'está truncado o dañado', error)))
    parser.on('end', () => resolve())
    stream.on('error', reject)
    stream.pipe(parser as unknown as NodeJS.WritableStream)
  })
  await Promise.all(writes)
  if (failure) throw failure

  if (!labelData) throw corrupt(file, 'no tiene etiqueta (backup.json)')
  const label = parseLabel(file, labelData)
  if (!manifestData) throw corrupt(file, 'está incompleto: le falta el manifiesto final (manifest.json); probablemente se copió a medias')
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(manifestData.toString('utf8')) as BackupManifest
  } catch (cause) {
    throw corrupt(file, 'su manifiesto (manifest.json) no se puede leer', cause)
  }
  const listed = new Set<string>()
  for (const member of manifest.members) {
    listed.add(member.name)
    const found = seen.get(member.name)
    if (!found) throw corrupt(file, `le falta «${member.name}»`)
    if (found.size !== member.size || found.sha256 !== member.sha256) throw corrupt(file, `«${member.name}» no coincide con su suma de verificación (sha256)`)
  }
  for (const name of seen.keys()) {
    if (name !== MANIFEST_MEMBER && !listed.has(name)) throw corrupt(file, `contiene «${name}», que su manifiesto no menciona`)
  }
  for (const table of manifest.tables) {
    if (!listed.has(table.member)) throw corrupt(file, `le falta la tabla ${table.name}`)
  }
  const secretFile = seen.has('payload-secret') ? path.join(stagingDir, 'payload-secret') : null
  return { label, manifest, dirs, secretFile }
}
