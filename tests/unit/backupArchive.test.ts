import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as tar from 'tar'
import { afterEach, describe, expect, it } from 'vitest'
import { archiveName, archivesBeyond, classifyMember, isArchiveName } from '@pregon/workers/backup/archiveFormat'
import { readLabel, unpackArchive } from '@pregon/workers/backup/readArchive'
import { backupSchedule } from '@pregon/workers/backup/backupSchedule'
import { TarWriter } from '@pregon/workers/backup/tarWriter'

describe('archive names', () => {
  it('names an archive by its local date and time', () => {
    expect(archiveName(new Date(2026, 11, 1, 3, 0, 7))).toBe('pregon-20261201-030007.tar')
    expect(isArchiveName('pregon-20261201-030007.tar')).toBe(true)
    expect(isArchiveName('pregon-20261201-030007.tar.partial')).toBe(false)
    expect(isArchiveName('notas.txt')).toBe(false)
  })

  it('keeps the newest archives and never touches other files', () => {
    const names = ['pregon-20261203-030000.tar', 'notas.txt', 'pregon-20261201-030000.tar', 'pregon-20261202-030000.tar', '.pregon-20261204-030000.tar.ab.partial']
    expect(archivesBeyond(names, 2)).toEqual(['pregon-20261201-030000.tar'])
    expect(archivesBeyond(names, 7)).toEqual([])
  })

  it('takes the daily backup at the configured hour', () => {
    expect(backupSchedule({ backup: { dir: '/x', keep: 7, hour: 3 } })).toBe('0 3 * * *')
  })
})

describe('member names', () => {
  it('recognises what a backup writes', () => {
    expect(classifyMember('database/bulletins.copy.gz')).toEqual({ kind: 'table', table: 'bulletins' })
    expect(classifyMember('media/fotos/puente-1600x900.jpg')).toEqual({ kind: 'media', relative: 'fotos/puente-1600x900.jpg' })
    expect(classifyMember('mailings/12.journal')).toEqual({ kind: 'mailing', relative: '12.journal' })
    expect(classifyMember('payload-secret')).toEqual({ kind: 'secret' })
  })

  it('refuses names that would write outside the data folder', () => {
    for (const name of ['media/../../etc/passwd', '/etc/passwd', 'media//x', 'media/', 'database/x;drop.copy.gz', 'otros/archivo', 'media/./x']) {
      expect(classifyMember(name), name).toBeNull()
    }
  })
})

describe('the archive, written and read back', () => {
  let work: string | undefined
  const made: string[] = []
  afterEach(async () => {
    for (const dir of made.splice(0)) await fs.rm(dir, { recursive: true, force: true })
  })

  async function writeArchive(members: Array<[string, Buffer]>, { withManifest = true } = {}): Promise<string> {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-unit-backup-'))
    made.push(work)
    const file = path.join(work, 'a.tar')
    const handle = await fs.open(file, 'w')
    const writer = new TarWriter(handle)
    const label = { format: 1, pregonVersion: '0.1.0', createdAt: '2026-12-01T09:00:00.000Z', migrations: ['20261123_073357_initial'] }
    await writer.addBuffer('backup.json', Buffer.from(JSON.stringify(label)))
    for (const [name, data] of members) {
      const source = path.join(work, 'source')
      await fs.writeFile(source, data)
      await writer.addFile(name, source)
    }
    if (withManifest) await writer.addBuffer('manifest.json', Buffer.from(JSON.stringify({ ...label, tables: [], members: writer.members })))
    await writer.finish()
    await handle.close()
    return file
  }

  it('is a tar that node-tar lists, with long names, and unpacks with every checksum verified', async () => {
    const long = `media/${'carpeta-muy-larga/'.repeat(8)}foto.jpg`
    const photo = Buffer.alloc(70_000, 7)
    const file = await writeArchive([[long, photo], ['mailings/3.journal', Buffer.from('10 1\n')]])
    const listed: string[] = []
    await tar.t({ file, onReadEntry: (entry) => void listed.push(entry.path) })
    expect(listed).toEqual(['backup.json', long, 'mailings/3.journal', 'manifest.json'])
    expect((await readLabel(file)).migrations).toEqual(['20261123_073357_initial'])

    const staging = path.join(work!, 'staging')
    const unpacked = await unpackArchive({ file, stagingDir: staging })
    const restored = await fs.readFile(path.join(unpacked.dirs.media, ...long.slice('media/'.length).split('/')))
    expect(createHash('sha256').update(restored).digest('hex')).toBe(createHash('sha256').update(photo).digest('hex'))
  })

  it('refuses a damaged member, a truncated archive and one without its manifest', async () => {
    const file = await writeArchive([['media/a.jpg', Buffer.alloc(5_000, 1)]])
    const bytes = await fs.readFile(file)
    const flipped = Buffer.from(bytes)
    const at = flipped.indexOf('media/a.jpg') + 512 + 10
    flipped[at] = 2
    await fs.writeFile(file, flipped)
    await expect(unpackArchive({ file, stagingDir: path.join(work!, 's1') })).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_CORRUPT' })
    await fs.writeFile(file, bytes.subarray(0, 3_000))
    await expect(unpackArchive({ file, stagingDir: path.join(work!, 's2') })).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_CORRUPT' })

    const unfinished = await writeArchive([['media/a.jpg', Buffer.alloc(10, 1)]], { withManifest: false })
    await expect(unpackArchive({ file: unfinished, stagingDir: path.join(work!, 's3') })).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_CORRUPT' })
  })

  it('refuses a tar that is not a Pregón backup', async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-unit-backup-'))
    made.push(work)
    await fs.writeFile(path.join(work, 'x.txt'), 'hola')
    const file = path.join(work, 'other.tar')
    await tar.c({ file, cwd: work }, ['x.txt'])
    await expect(readLabel(file)).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_CORRUPT' })
    await expect(readLabel(path.join(work, 'missing.tar'))).rejects.toMatchObject({ code: 'BACKUP_ARCHIVE_NOT_FOUND' })
  })
})
