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
