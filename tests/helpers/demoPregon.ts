import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { freePort } from './freePort'
import { startPregon, type RunningPregon } from './startPregon'

/** The demo accounts' password (cms/seed/demoContent.ts). */
export const DEMO_PASSWORD = 'pregon-demo-2026'

export interface DemoPregon {
  pregon: RunningPregon
  cmsUrl: string
  siteUrl: string
  /** What it was started with: a test that restarts it passes the same. */
  env: Record<string, string>
  /** Stops it (if still running) and removes its data folder. */
  stop(): Promise<void>
}

/**
 * `npm start` as a new user runs it, with the demo content, on free ports and a fresh data folder; `env` adds the
 * test's local stand-ins (SMTP sink, X's API).
 */
export async function startDemoPregon(name: string, env: Record<string, string> = {}): Promise<DemoPregon> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `pregon-e2e-${name}-`))
  // mkdtemp makes it private (700); as root, PostgreSQL runs as the user "postgres" and must enter it.
  await fs.chmod(dataDir, 0o755)
  const [cmsPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()]
  const cmsUrl = `http://127.0.0.1:${cmsPort}`
  const siteUrl = `http://127.0.0.1:${portalPort}`
  const fullEnv = {
    DATA_DIR: dataDir,
    CMS_PORT: String(cmsPort),
    CMS_URL: cmsUrl,
    PORTAL_PORT: String(portalPort),
    SITE_URL: siteUrl,
    EMBEDDED_PG_PORT: String(pgPort),
    ...env,
  }
  const demo: DemoPregon = {
    pregon: await startPregon({ env: fullEnv }),
    cmsUrl,
    siteUrl,
    env: fullEnv,
    async stop() {
      if (demo.pregon.child.exitCode === null) await demo.pregon.interrupt()
      await fs.rm(dataDir, { recursive: true, force: true })
    },
  }
  return demo
}

/** Signs a demo account in on the admin's login page and waits for the dashboard. */
export async function signInToAdmin(page: Page, cmsUrl: string, email: string): Promise<void> {
  await page.goto(`${cmsUrl}/admin/login`)
  // /admin → /admin/login are chained RSC redirects: wait for the field, not for a URL.
  await page.locator('input[name="email"]').waitFor({ timeout: 60_000 })
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', DEMO_PASSWORD)
  await page.click('button[type="submit"]')
  await page.locator('.dashboard').first().waitFor({ timeout: 60_000 })
}

/** A staff session for the REST API (a JWT: cookie auth is refused without a matching Origin, by design). */
export async function staffToken(cmsUrl: string, email: string): Promise<string> {
  const response = await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`Signing in ${email} over REST answered ${response.status}`)
  return ((await response.json()) as { token: string }).token
}
