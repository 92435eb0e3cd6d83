// The registry's own word on a version: its `deprecated` notice, which maintainers often use to say that a
// version is vulnerable or compromised. A notice is free text with no severity, so it is reported, not graded.

/** A version deprecated long ago and for good: if the registry's answer for it has no notice, none are served. */
export const CANARY = { name: 'request', version: '2.88.2' }
const SECURITY_WORDS = /secur|vulnerab|CVE-\d|GHSA-|malicious|malware|compromis|exploit|backdoor/i

export interface Deprecation {
  name: string
  version: string
  notice: string
  mentionsSecurity: boolean
}

export type RegistryOutcome =
  | { status: 'checked'; deprecations: Deprecation[]; failed: { name: string; version: string; error: string }[] }
  | { status: 'unavailable'; reason: string }

async function deprecationOf(registry: string, name: string, version: string, timeoutMs: number): Promise<string | undefined> {
  const url = `${registry.replace(/\/$/, '')}/${name.replace('/', '%2f')}/${encodeURIComponent(version)}`
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`)
  const manifest = (await response.json()) as { deprecated?: unknown }
  return typeof manifest.deprecated === 'string' && manifest.deprecated !== '' ? manifest.deprecated : undefined
}

/** Asks the registry for each name@version's manifest, a few at a time; first checks that notices are served at all. */
export async function checkRegistryDeprecations(options: {
  registry: string
  packages: { name: string; version: string }[]
  concurrency?: number
  timeoutMs?: number
}): Promise<RegistryOutcome> {
  const { registry, packages, concurrency = 16, timeoutMs = 10_000 } = options
  try {
    if ((await deprecationOf(registry, CANARY.name, CANARY.version, timeoutMs)) === undefined) {
      return { status: 'unavailable', reason: `${registry} serves no deprecation notices (${CANARY.name}@${CANARY.version}, deprecated upstream, came back without one)` }
    }
  } catch (error) {
    return { status: 'unavailable', reason: `${registry} is not reachable (${(error as Error).message})` }
  }
  const deprecations: Deprecation[] = []
  const failed: { name: string; version: string; error: string }[] = []
  const queue = [...packages]
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const notice = await deprecationOf(registry, next.name, next.version, timeoutMs)
        if (notice) deprecations.push({ ...next, notice, mentionsSecurity: SECURITY_WORDS.test(notice) })
      } catch (error) {
        failed.push({ ...next, error: (error as Error).message })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, packages.length) }, worker))
  deprecations.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
  return { status: 'checked', deprecations, failed }
}
