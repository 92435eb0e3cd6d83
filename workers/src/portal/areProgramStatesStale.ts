import fs from 'node:fs/promises'
import { nextStatusChange } from '@pregon/core/programStatus'
import type { PortalProgram } from '@pregon/site/content'

/**
 * The portal is static, so a program that opens, enters its last week or closes needs a rebuild although
 * nobody edited anything. Each rebuild records when the next such change falls (a few bytes beside the
 * content); the minute sweep only compares the clock with it instead of re-reading the whole export.
 */
export async function recordNextProgramChange({ file, programs, now }: { file: string; programs: PortalProgram[]; now: Date }): Promise<void> {
  const next = programs.flatMap((program) => nextStatusChange({ opensAt: program.opensAt, closesAt: program.closesAt, now }) ?? [])
  await fs.writeFile(file, JSON.stringify({ nextChangeAt: next.length > 0 ? new Date(Math.min(...next)).toISOString() : null }))
}

/** Whether the live portal shows a program in a state the clock has since left; unknown (no file) is the start-up rebuild's business. */
export async function areProgramStatesStale({ file, now }: { file: string; now: Date }): Promise<boolean> {
  const recorded = await fs
    .readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { nextChangeAt: string | null })
    .catch(() => null)
  return Boolean(recorded?.nextChangeAt && now.getTime() >= Date.parse(recorded.nextChangeAt))
}
