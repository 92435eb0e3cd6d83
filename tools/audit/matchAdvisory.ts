import { createRequire } from 'node:module'

// semver (a devDependency, the same library npm uses) ships no types; these are the two functions used here.
const semver = createRequire(import.meta.url)('semver') as {
  valid(version: string): string | null
  compare(a: string, b: string): -1 | 0 | 1
}

export const SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** One OSV event: exactly one of its keys is set (https://ossf.github.io/osv-schema/#affectedrangesevents-fields). */
export interface OsvEvent {
  introduced?: string
  fixed?: string
  last_affected?: string
  limit?: string
}
export interface OsvAffected {
  package?: { ecosystem?: string; name?: string }
  ranges?: { type?: string; events?: OsvEvent[] }[]
  versions?: string[]
  database_specific?: { severity?: string }
  ecosystem_specific?: { severity?: string }
}
export interface OsvRecord {
  id: string
  aliases?: string[]
  summary?: string
  withdrawn?: string
  database_specific?: { severity?: string }
  affected?: OsvAffected[]
}

export interface AdvisoryMatch {
  record: OsvRecord
  /** undefined: the record carries no severity (counted as reaching any threshold: unknown is not harmless). */
  severity: Severity | undefined
  /** The versions that fix it, from the ranges that matched; empty when there is no fix. */
  fixedIn: string[]
  /** The last affected version when a range ends that way (no fix published). */
  lastAffected: string | undefined
}

const ZERO = '0.0.0-0'
const eventVersion = (event: OsvEvent) => event.introduced ?? event.fixed ?? event.last_affected ?? event.limit

function severityOf(record: OsvRecord, affected: OsvAffected): Severity | undefined {
  // OSV's MAL- records are malicious releases (OpenSSF): any installed one is a compromise.
  if (record.id.startsWith('MAL-')) return 'critical'
  const word = (record.database_specific?.severity ?? affected.database_specific?.severity ?? affected.ecosystem_specific?.severity)?.toLowerCase()
  if (word === 'medium') return 'moderate'
  return SEVERITIES.find((severity) => severity === word)
}

/**
 * Whether `version` lies in one SEMVER/ECOSYSTEM range, walking its events in version order as the OSV schema
 * specifies: `introduced` opens, `fixed` closes at that version, `last_affected` closes after it, and nothing at or
 * past a `limit` is affected. Returns undefined when the range cannot be read (an event that is not semver).
 */
export function rangeVerdict(version: string, events: OsvEvent[]): { isAffected: boolean; fixed?: string; lastAffected?: string } | undefined {
  const keyed = events.map((event) => ({ event, at: eventVersion(event) === '0' ? ZERO : eventVersion(event) }))
  if (keyed.some(({ at }) => at === undefined || semver.valid(at) === null)) return undefined
  const sorted = keyed.sort((a, b) => semver.compare(a.at!, b.at!))
  if (sorted.some(({ event, at }) => event.limit !== undefined && semver.compare(version, at!) >= 0)) return { isAffected: false }
  let isAffected = false
  let opened = -1
  sorted.forEach(({ event, at }, index) => {
    if (event.introduced !== undefined && semver.compare(version, at!) >= 0) {
      isAffected = true
      opened = index
    } else if (event.fixed !== undefined && semver.compare(version, at!) >= 0) isAffected = false
    else if (event.last_affected !== undefined && semver.compare(version, at!) > 0) isAffected = false
  })
  if (!isAffected) return { isAffected }
  const closing = sorted.slice(opened + 1).find(({ event }) => event.fixed !== undefined || event.last_affected !== undefined)?.event
  return { isAffected, fixed: closing?.fixed, lastAffected: closing?.last_affected }
}

/** The match of one OSV record against one installed npm package, or undefined when it does not affect it. */
export function matchAdvisory(record: OsvRecord, name: string, version: string): AdvisoryMatch | undefined {
  if (record.withdrawn || semver.valid(version) === null) return undefined
  let match: AdvisoryMatch | undefined
  for (const affected of record.affected ?? []) {
    if (affected.package?.ecosystem !== 'npm' || affected.package.name !== name) continue
    const verdicts = (affected.ranges ?? [])
      .filter((range) => range.type === 'SEMVER' || range.type === 'ECOSYSTEM')
      .map((range) => rangeVerdict(version, range.events ?? []))
      .filter((verdict) => verdict?.isAffected)
    if (verdicts.length === 0 && !(affected.versions ?? []).includes(version)) continue
    match ??= { record, severity: severityOf(record, affected), fixedIn: [], lastAffected: undefined }
    for (const verdict of verdicts) {
      if (verdict?.fixed && !match.fixedIn.includes(verdict.fixed)) match.fixedIn.push(verdict.fixed)
      match.lastAffected ??= verdict?.lastAffected
    }
  }
  return match
}

/** Whether a match reaches the threshold; an unrated advisory always does. */
export const reaches = (severity: Severity | undefined, threshold: Severity) => severity === undefined || SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold)
