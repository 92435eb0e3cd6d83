import { compileWatchList, findPromotionHits, type CompiledWatchList } from '@pregon/core/law/personalPromotion'
import { fold } from '@pregon/core/law/spanishText'
import type { Payload } from 'payload'

/** What a press item says about the municipality: each subject once, with the words around it. */
export interface Mention {
  subject: string
  context: string
}

export interface MonitorWatch {
  list: CompiledWatchList
  /** A subject that names a department → that department (folded name → id). */
  departments: Map<string, number>
}

const foldKey = (text: string) => fold(text).trim()

/**
 * The monitoring's watch list, read once per sweep: the municipality's name and its other names, every
 * department, the public servants of the Art. 134 list (with their titles, so «la alcaldesa» counts) and the
 * watched topics. The matching is the personal-promotion one: accent- and case-insensitive, whole words,
 * singular and plural.
 */
export async function readMonitorWatch(payload: Payload): Promise<MonitorWatch> {
  const [site, monitoring, departments] = await Promise.all([
    payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true }),
    payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true }),
    payload.find({ collection: 'departments', depth: 0, pagination: false, select: { name: true }, overrideAccess: true }),
  ])
  const people = (site.publicServants ?? []).map((person) => ({ name: person.name, aliases: person.aliases ?? [], titles: person.titles ?? [] }))
  const words = [site.municipalityName, ...(monitoring.municipalityAliases ?? []), ...departments.docs.map((d) => d.name), ...(monitoring.topics ?? [])].filter(
    (word): word is string => typeof word === 'string' && word.trim() !== '',
  )
  return {
    list: compileWatchList({ people, words }),
    departments: new Map(departments.docs.map((d) => [foldKey(d.name), d.id])),
  }
}

/** The mentions in an item's title and summary, and the department it concerns (the first one named). */
export function mentionsIn({ title, summary }: { title: string; summary: string }, watch: MonitorWatch): { mentions: Mention[]; departmentId: number | null } {
  const hits = findPromotionHits(
    [
      { field: 'title', label: 'Título', text: title },
      { field: 'summary', label: 'Resumen', text: summary },
    ],
    watch.list,
  )
  const mentions: Mention[] = []
  const seen = new Set<string>()
  let departmentId: number | null = null
  for (const hit of hits) {
    departmentId ??= watch.departments.get(foldKey(hit.subject)) ?? null
    if (seen.has(hit.subject)) continue
    seen.add(hit.subject)
    mentions.push({ subject: hit.subject, context: hit.context })
  }
  return { mentions, departmentId }
}
