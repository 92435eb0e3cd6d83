import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'

/** Replaces `file` in one rename: a reader gets the old text or the new one, never half of one. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}`
  await fs.writeFile(temporary, text)
  await fs.rename(temporary, file)
}
