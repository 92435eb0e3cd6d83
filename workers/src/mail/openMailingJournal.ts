import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * A mailing's local journal: one line per message whose final dot this worker released, written with a
 * synchronous write(2) just before. A killed process loses nothing it wrote (the kernel holds it); a power cut
 * can lose the last ~100 ms, since the file is flushed to disk in the background that often. After a crash,
 * a delivery still `pending` in the ledger whose attempt is in the journal may have been accepted: it is
 * flagged `unknown`; one not in the journal certainly was not, and is sent.
 */
export interface MailingJournal {
  /** Records that delivery `id`'s attempt number `attempt` may from now on be accepted by the server. */
  release(id: number, attempt: number): void
  close(): void
}

const FLUSH_EVERY_MS = 100

export function journalPath(dataDir: string, distributionId: number | string): string {
  return path.join(dataDir, 'mailings', `${distributionId}.journal`)
}

/** Which host's disk holds a mailing's journal: only a worker there can tell what a dead one left in flight. */
export const journalHost = () => os.hostname()

export function openMailingJournal(file: string): MailingJournal {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'a')
  let isDirty = false
  const flush = setInterval(() => {
    if (!isDirty) return
    isDirty = false
    fs.fdatasync(fd, () => {})
  }, FLUSH_EVERY_MS)
  flush.unref()
  return {
    release(id, attempt) {
      fs.writeSync(fd, `${id} ${attempt}\n`)
      isDirty = true
    },
    close() {
      clearInterval(flush)
      fs.fdatasyncSync(fd)
      fs.closeSync(fd)
    },
  }
}

/** The attempts a journal says were released, by delivery id (the latest attempt of each). */
export function readMailingJournal(file: string): Map<number, number> {
  const released = new Map<number, number>()
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return released
    throw error
  }
  for (const line of text.split('\n')) {
    const match = /^(\d+) (\d+)$/.exec(line)
    if (match) released.set(Number(match[1]), Math.max(released.get(Number(match[1])) ?? 0, Number(match[2])))
  }
  return released
}

export function removeMailingJournal(file: string): void {
  fs.rmSync(file, { force: true })
}
