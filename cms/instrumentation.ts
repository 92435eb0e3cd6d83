/**
 * Next runs this once when the admin server starts. Payload formats some server-rendered dates (the version
 * breadcrumb, version lists) in the process's own time zone, UTC on a server: the admin process takes the
 * municipality's zone from «Datos del municipio» instead, so every date on a page agrees. A change of zone in
 * the settings applies from the next start.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  try {
    const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('./payload.config')])
    const payload = await getPayload({ config })
    const { timeZone } = await payload.findGlobal({ slug: 'site-settings' })
    if (timeZone) process.env.TZ = timeZone
  } catch {
    // Without a database yet (first start, migrations pending) the admin keeps UTC until its next start.
  }
}
