import { checkRegistryDeprecations, type RegistryOutcome } from './checkRegistryDeprecations'
import { loadOsvDatabase, type OsvDatabase } from './loadOsvDatabase'
import { matchAdvisory, reaches, type AdvisoryMatch, type Severity } from './matchAdvisory'
import { readLockfile, type InstalledPackage } from './readLockfile'

/** 0: nothing at or above the threshold; 1: something is; 3: no advisory source could be checked at all. */
export const EXIT = { clean: 0, vulnerable: 1, usage: 2, noSource: 3 } as const

export interface AuditOptions {
  lockfile: string
  /** OSV sources given by the operator (all.zip, a folder of .json, a .json file). */
  databases: string[]
  level: Severity
  /** The registry whose deprecation notices to read; undefined skips that check. */
  registry: string | undefined
  log: (line: string) => void
}

interface Finding extends AdvisoryMatch {
  name: string
  version: string
  where: InstalledPackage[]
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`
const label = (severity: Severity | undefined) => (severity ?? 'unrated').toUpperCase().padEnd(8)

function findingsIn(installed: InstalledPackage[], database: OsvDatabase): Finding[] {
  const findings = new Map<string, Finding>()
  for (const item of installed) {
    for (const record of database.byPackage.get(item.name) ?? []) {
      const match = matchAdvisory(record, item.name, item.version)
      if (!match) continue
      const key = `${record.id} ${item.name}@${item.version}`
      const known = findings.get(key)
      if (known) known.where.push(item)
      else findings.set(key, { ...match, name: item.name, version: item.version, where: [item] })
    }
  }
  const rank = (finding: Finding) => (finding.severity ? ['low', 'moderate', 'high', 'critical'].indexOf(finding.severity) : 4)
  return [...findings.values()].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name) || a.record.id.localeCompare(b.record.id) || a.version.localeCompare(b.version, 'en', { numeric: true }))
}

function describe(finding: Finding): string[] {
  const aliases = finding.record.aliases?.length ? ` (${finding.record.aliases.join(', ')})` : ''
  const fix = finding.fixedIn.length
    ? `fixed in ${finding.fixedIn.join(' / ')}`
    : finding.lastAffected
      ? `no fix (last affected ${finding.lastAffected})`
      : 'no fixed version listed'
  const paths = finding.where.slice(0, 3).map((item) => `           via ${item.path.join(' > ')}@${finding.version}  [${item.location}]`)
  if (finding.where.length > 3) paths.push(`           … and ${finding.where.length - 3} more locations`)
  return [`${label(finding.severity)}   ${finding.record.id}${aliases}  ${finding.name}@${finding.version}: ${fix}`, ...(finding.record.summary ? [`           ${finding.record.summary}`] : []), ...paths]
}

/** Runs every source it can reach, prints the report through `log`, and returns the exit code. */
export async function auditDependencies(options: AuditOptions): Promise<number> {
  const { log, level } = options
  const started = performance.now()
  const installed = readLockfile(options.lockfile)
  const pairs = [...new Map(installed.map((item) => [`${item.name}@${item.version}`, { name: item.name, version: item.version }])).values()]
  log(`Dependency audit of ${options.lockfile}: ${installed.length} installed packages, ${pairs.length} distinct name@version; threshold ${level}`)

  let database: OsvDatabase | undefined
  if (options.databases.length > 0) {
    const loading = performance.now()
    database = loadOsvDatabase(options.databases, new Set(pairs.map((pair) => pair.name)))
    const relevant = new Set([...database.byPackage.values()].flat().map((record) => record.id)).size
    log(`- OSV database ${options.databases.join(', ')}: ${database.recordCount} records (newest modified ${database.newestModified ?? 'unknown'}), ${relevant} about packages in the lockfile; read in ${seconds(loading)}`)
  } else log('- OSV database: none given (--db); see README.md, "Dependency audit", to get one')

  let registry: RegistryOutcome | undefined
  if (options.registry) {
    const asking = performance.now()
    registry = await checkRegistryDeprecations({ registry: options.registry, packages: pairs })
    if (registry.status === 'unavailable') log(`- Registry deprecation notices: not checked: ${registry.reason}`)
    else log(`- Registry deprecation notices: ${pairs.length - registry.failed.length} of ${pairs.length} versions checked in ${seconds(asking)}${registry.failed.length ? ` (${registry.failed.length} failed, first: ${registry.failed[0]!.error})` : ''}`)
  }

  if (!database && registry?.status !== 'checked') {
    log('NOT AUDITED: no advisory source could be checked from this machine. Give an OSV database with --db (README.md, "Dependency audit").')
    return EXIT.noSource
  }

  const findings = database ? findingsIn(installed, database) : []
  if (findings.length > 0) log('')
  for (const finding of findings) for (const line of describe(finding)) log(line)

  if (registry?.status === 'checked') {
    const security = registry.deprecations.filter((deprecation) => deprecation.mentionsSecurity)
    if (security.length > 0) log('\nDeprecated by their maintainers with a notice that mentions security (not graded, does not fail the audit):')
    for (const deprecation of security) log(`  ${deprecation.name}@${deprecation.version}: ${deprecation.notice}`)
    log(`${registry.deprecations.length} installed versions are deprecated, ${security.length} of them with a notice that mentions security`)
  }

  const blocking = findings.filter((finding) => reaches(finding.severity, level))
  const advisories = new Set(findings.map((finding) => finding.record.id)).size
  const summary = `${findings.length} matches of ${advisories} advisories, ${blocking.length} at or above ${level} (${seconds(started)})`
  log(blocking.length > 0 ? `\nFAILED: ${summary}` : `\nOK: ${summary}`)
  return blocking.length > 0 ? EXIT.vulnerable : EXIT.clean
}
