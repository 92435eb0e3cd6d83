import type { PortalProgram, PortalProgramStatus } from '../content/PortalContent'

/** In the order citizens need them: what they can apply to now first. */
export const PROGRAM_GROUPS: ReadonlyArray<{ status: PortalProgramStatus; label: string }> = [
  { status: 'cierra-pronto', label: 'Cierran pronto' },
  { status: 'abierta', label: 'Abiertas' },
  { status: 'proximamente', label: 'Próximamente' },
  { status: 'cerrada', label: 'Cerradas' },
]

export const PROGRAM_STATUS_LABEL: Record<PortalProgramStatus, string> = {
  'cierra-pronto': 'Cierra pronto',
  abierta: 'Abierta',
  proximamente: 'Próximamente',
  cerrada: 'Cerrada',
}

export const ISSUING_LEVEL_LABEL: Record<PortalProgram['issuingLevel'], string> = { federal: 'Federal', estatal: 'Estatal', municipal: 'Municipal' }

export const isOpen = (program: Pick<PortalProgram, 'status'>) => program.status === 'abierta' || program.status === 'cierra-pronto'

/** Those that close first come first; calls without a closing date after them. */
export function byDeadline(a: PortalProgram, b: PortalProgram): number {
  const time = (program: PortalProgram) => (program.closesAt ? Date.parse(program.closesAt) : Number.POSITIVE_INFINITY)
  return time(a) - time(b) || a.title.localeCompare(b.title, 'es-MX')
}

export const programPath = (program: Pick<PortalProgram, 'slug'>) => `/programas/${program.slug}/`
export const programDeadlinePath = (program: Pick<PortalProgram, 'slug'>) => `${programPath(program)}fecha-limite.ics`
