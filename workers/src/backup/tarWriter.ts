import { createHash } from 'node:crypto'
import fs from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { Header, Pax } from 'tar'
import type { MemberEntry } from './archiveFormat'

const BLOCK = 512
const READ_CHUNK = 1024 * 1024

/**
 * Writes a POSIX tar one member at a time, hashing each member's bytes as they go out. node-tar's own
 * `create` reads files by path and cannot tell us what it wrote; its Header/Pax encoders are used here so the
 * archive is exactly what node-tar (and GNU tar) read. Members are 0600 and owned by nobody in particular.
 */
export class TarWriter {
  readonly members: MemberEntry[] = []
  bytesWritten = 0

  constructor(private readonly handle: FileHandle) {}

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<MemberEntry> {
    await this.writeHeader(name, data.length, mtime)
    await this.write(data)
    await this.pad(data.length)
    return this.remember(name, data.length, createHash('sha256').update(data).digest('hex'))
  }

  /**
   * Adds a file as it is on disk now. Returns null when it disappeared since it was listed (a media file
   * deleted during the backup): that is not an error, the database snapshot may still name it.
   */
  async addFile(name: string, file: string, onBytes: (n: number) => void = () => {}): Promise<MemberEntry | null> {
    let source: FileHandle
    try {
      source = await fs.promises.open(file, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    try {
      const stat = await source.stat()
      const size = stat.size
      await this.writeHeader(name, size, stat.mtime)
      const hash = createHash('sha256')
      // Two buffers: while one chunk is written (libuv's thread pool), the next is read and hashed (sha256
      // is the slowest step, ~200 MB/s without SHA extensions), so hashing overlaps the disk instead of adding to it.
      const buffers = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)]
      let writing: Promise<void> = Promise.resolve()
      let done = 0
      for (let turn = 0; done < size; turn++) {
        const buffer = buffers[turn % 2]!
        const { bytesRead } = await source.read(buffer, 0, Math.min(READ_CHUNK, size - done), done)
        // The header already promised `size` bytes: a file cut short under us cannot be stored truthfully.
        if (bytesRead === 0) throw new Error(`${file} shrank while it was being archived`)
        const chunk = buffer.subarray(0, bytesRead)
        hash.update(chunk)
        await writing
        writing = this.write(chunk)
        done += bytesRead
        onBytes(bytesRead)
      }
      await writing
      await this.pad(size)
      return this.remember(name, size, hash.digest('hex'))
    } finally {
      await source.close()
    }
  }

  /** The end-of-archive marker: two zero blocks. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2))
  }

  private async writeHeader(name: string, size: number, mtime: Date): Promise<void> {
    const fields = { path: name, mode: 0o600, uid: 0, gid: 0, size, mtime, type: 'File' as const }
    const header = new Header(fields)
    // A name past ustar's 100 (+155 prefix) characters needs a pax extended header first.
    if (header.encode()) await this.write(new Pax({ path: name, size, mtime }).encode())
    await this.write(header.block!)
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK
    if (rest > 0) await this.write(Buffer.alloc(BLOCK - rest))
  }

  private async write(data: Buffer): Promise<void> {
    let offset = 0
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset)
      offset += bytesWritten
    }
    this.bytesWritten += data.length
  }

  private remember(name: string, size: number, sha256: string): MemberEntry {
    const entry = { name, size, sha256 }
    this.members.push(entry)
    return entry
  }
}
