import type { APIRoute, GetStaticPaths } from 'astro'
import { createEvent, type EventAttributes } from 'ics'
import type { PortalProgram } from '../../../content/PortalContent'
import { loadPortalContent } from '../../../content/loadPortalContent'
import { isSelected } from '../../../content/portalSelection'
import { programPath } from '../../../lib/programs'

export const getStaticPaths = (() =>
  (loadPortalContent().programs ?? [])
    .filter((program) => program.closesAt && isSelected('programs', program.slug))
    .map((program) => ({ params: { slug: program.slug }, props: { program } }))) satisfies GetStaticPaths

const utcParts = (time: number): [number, number, number, number, number] => {
  const date = new Date(time)
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()]
}

/** The call's deadline as a calendar event: half an hour ending when it closes, with a reminder a day before. */
export const GET: APIRoute<{ program: PortalProgram }> = ({ props: { program } }) => {
  const { site } = loadPortalContent()
  const url = new URL(programPath(program), site.url).href
  const closes = Date.parse(program.closesAt!)
  // `timestamp` (DTSTAMP) is in ics's schema and output but missing from its type declarations.
  const event: EventAttributes & { timestamp: number } = {
    uid: `programa-${program.id}@${new URL(site.url).hostname}`,
    // From the content, not the clock: the same program gives the same file.
    timestamp: Date.parse(program.publishedAt),
    start: utcParts(closes - 30 * 60 * 1000),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: 30 },
    title: `Cierra: ${program.title}`,
    description: `Último momento para solicitar «${program.title}». Requisitos y cómo solicitarlo: ${url}`,
    url,
    organizer: { name: site.name },
    // In hours: ics writes a one-day trigger as "-P1DT", which RFC 5545 does not allow.
    alarms: [{ action: 'display', description: `Mañana cierra «${program.title}»`, trigger: { hours: 24, before: true } }],
  }
  const { error, value } = createEvent(event)
  if (error || !value) throw error ?? new Error(`no calendar event for program ${program.slug}`)
  return new Response(value, { headers: { 'content-type': 'text/calendar; charset=utf-8' } })
}
