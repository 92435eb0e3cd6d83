import fs from 'node:fs'
import { inflateRawSync } from 'node:zlib'

// A reader for the one kind of archive the audit needs: OSV's all.zip (stored or deflated entries, ZIP64 when it
// holds more than 65,535 records). Entries are read one at a time from the file, never the whole archive at once.

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX_32 = 0xffffffff

interface Entry {
  name: string
  method: number
  compressedSize: number
  localOffset: number
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = fs.readSync(fd, buffer, 0, length, position)
  if (read !== length) throw new Error(`unexpected end of file at byte ${position + read}`)
  return buffer
}

function centralDirectory(fd: number, size: number): { offset: number; length: number } {
  const tailLength = Math.min(size, 22 + 0xffff)
  const tail = readAt(fd, size - tailLength, tailLength)
  let at = tail.length - 22
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--
  if (at < 0) throw new Error('not a zip file (no end-of-central-directory record)')
  let offset = tail.readUInt32LE(at + 16)
  let length = tail.readUInt32LE(at + 12)
  if ((offset === MAX_32 || length === MAX_32 || tail.readUInt16LE(at + 10) === 0xffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = readAt(fd, Number(tail.readBigUInt64LE(at - 20 + 8)), 56)
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new Error('broken ZIP64 end-of-central-directory record')
    length = Number(record.readBigUInt64LE(40))
    offset = Number(record.readBigUInt64LE(48))
  }
  return { offset, length }
}

function entriesOf(directory: Buffer): Entry[] {
  const entries: Entry[] = []
  let at = 0
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL) {
    const nameLength = directory.readUInt16LE(at + 28)
    const extraLength = directory.readUInt16LE(at + 30)
    const commentLength = directory.readUInt16LE(at + 32)
    let compressedSize = directory.readUInt32LE(at + 20)
    const uncompressedSize = directory.readUInt32LE(at + 24)
    let localOffset = directory.readUInt32LE(at + 42)
    // ZIP64 extra field (id 1): the 64-bit values, in this order, for each 32-bit field that overflowed.
    let extra = at + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extra)
      const size = directory.readUInt16LE(extra + 2)
      if (id === 1) {
        let field = extra + 4
        if (uncompressedSize === MAX_32) field += 8
        if (compressedSize === MAX_32) {
          compressedSize = Number(directory.readBigUInt64LE(field))
          field += 8
        }
        if (localOffset === MAX_32) localOffset = Number(directory.readBigUInt64LE(field))
      }
      extra += 4 + size
    }
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength)
    entries.push({ name, method: directory.readUInt16LE(at + 10), compressedSize, localOffset })
    at = extraEnd + commentLength
  }
  return entries
}

/** Every file in the archive whose name passes `wanted`, as text, in archive order. */
export function* readZipTexts(file: string, wanted: (name: string) => boolean): Generator<{ name: string; text: string }> {
  const fd = fs.openSync(file, 'r')
  try {
    const { offset, length } = centralDirectory(fd, fs.fstatSync(fd).size)
    for (const entry of entriesOf(readAt(fd, offset, length))) {
      if (entry.name.endsWith('/') || !wanted(entry.name)) continue
      const header = readAt(fd, entry.localOffset, 30)
      if (header.readUInt32LE(0) !== LOCAL) throw new Error(`${entry.name}: broken local header`)
      const dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
      const data = readAt(fd, dataStart, entry.compressedSize)
      if (entry.method !== 0 && entry.method !== 8) throw new Error(`${entry.name}: unsupported compression method ${entry.method}`)
      yield { name: entry.name, text: (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8') }
    }
  } finally {
    fs.closeSync(fd)
  }
}
