import fs from 'node:fs/promises'
import { nextBoundary, type BlackoutPeriod } from '@pregon/core/law/blackout'
import { nextStatusChange } from '@pregon/core/programStatus'
import { nextClockChange } from '@pregon/site/clock'
import type { PortalContent, PortalProgram } from '@pregon/site/content'

/**
 * The portal is static, so it needs a rebuild although nobody edited anything when a program opens, enters its
 * last week or closes, when a veda electoral period starts or ends (promotion leaves the portal, then comes
 * back), when an emergency alert ends (its banner leaves every page) and when a withdrawn bulletin leaves the
 * feeds. An alert starts with its bulletin's publication, which rebuilds the portal anyway. Each rebuild records when the next such change falls (a few bytes beside the content); the minute sweep
 * only compares the clock with it instead of re-reading the whole export or the calendar.
 */
export async function recordNextPortalChange({
  file,
  programs,
  blackoutPeriods,
  content = {},
  now,
}: {
  file: string
  programs: PortalProgram[]
  blackoutPeriods: readonly BlackoutPeriod[]
  /** The exported alerts and withdrawals (their ends). */
  content?: Pick<PortalContent, 'alerts' | 'withdrawn'>
  now: Date
}): Promise<void> {
  const boundary = nextBoundary(blackoutPeriods, now)
  const clock = nextClockChange(content, now)
  const next = [
    ...(clock ? [clock.getTime()] : []),
    ...programs.flatMap((program) => nextStatusChange({ opensAt: program.opensAt, closesAt: program.closesAt, now }) ?? []),
    ...(boundary ? [boundary.getTime()] : []),
  ]
  await fs.writeFile(file, JSON.stringify({ nextChangeAt: next.length > 0 ? new Date(Math.min(...next)).toISOString() : null }))
}

/**
 * Whether the live portal shows what the clock has since changed (a program's state, a veda's start or end, an
 * alert's end, a withdrawal leaving the feeds);
 * unknown (no file) is the start-up rebuild's business.
 */
export async function areProgramStatesStale({ file, now }: { file: string; now: Date }): Promise<boolean> {
  const recorded = await fs
    .readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as { nextChangeAt: string | null })
    .catch(() => null)
  return Boolean(recorded?.nextChangeAt && now.getTime() >= Date.parse(recorded.nextChangeAt))
}
