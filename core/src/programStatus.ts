export const PROGRAM_STATUSES = ['proximamente', 'abierta', 'cierra-pronto', 'cerrada'] as const
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number]

export const PROGRAM_STATUS_LABELS: Record<ProgramStatus, string> = {
  proximamente: 'Próximamente',
  abierta: 'Abierta',
  'cierra-pronto': 'Cierra pronto',
  cerrada: 'Cerrada',
}

/** How many days before closing a call shows "cierra pronto". */
export const CLOSING_SOON_DAYS = 7
const DAY = 24 * 60 * 60 * 1000

/**
 * A call's state for citizens, from its dates. Dates are instants (the admin stores them with the office's
 * time zone), so "closes on the 15th" means until the instant stored, not midnight UTC.
 */
export function programStatus({ opensAt, closesAt, now }: { opensAt?: string | null; closesAt?: string | null; now: Date }): ProgramStatus {
  const time = now.getTime()
  if (opensAt && time < new Date(opensAt).getTime()) return 'proximamente'
  if (closesAt) {
    const closes = new Date(closesAt).getTime()
    if (time >= closes) return 'cerrada'
    if (closes - time <= CLOSING_SOON_DAYS * DAY) return 'cierra-pronto'
  }
  return 'abierta'
}

/** The next instant a program's state changes by the clock alone (opens, enters its last week, closes); null if never. */
export function nextStatusChange({ opensAt, closesAt, now }: { opensAt?: string | null; closesAt?: string | null; now: Date }): number | null {
  const closes = closesAt ? new Date(closesAt).getTime() : null
  const instants = [opensAt ? new Date(opensAt).getTime() : null, closes === null ? null : closes - CLOSING_SOON_DAYS * DAY, closes]
  const upcoming = instants.filter((time): time is number => time !== null && time > now.getTime())
  return upcoming.length > 0 ? Math.min(...upcoming) : null
}
