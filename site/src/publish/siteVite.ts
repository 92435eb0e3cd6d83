import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { experimental_AstroContainer } from 'astro/container'
import type { ViteDevServer } from 'vite'

const SITE_DIR = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The site's own Vite config (astro.config.mjs, production mode) as a server that loads modules only (no HTTP, no
 * watcher, its cache in `workDir`), and Astro's container to render what it loads: pages render exactly as a
 * build renders them, without bundling. The page preview and the page renderer both start here. The config reads
 * the content file the environment names: set it before.
 */
export async function startSiteVite(workDir: string): Promise<{ vite: ViteDevServer; container: experimental_AstroContainer }> {
  const [{ getViteConfig }, { createServer }, { experimental_AstroContainer }] = await Promise.all([import('astro/config'), import('vite'), import('astro/container')])
  const config = await getViteConfig({ root: SITE_DIR, cacheDir: path.join(workDir, 'vite'), logLevel: 'error' }, { root: SITE_DIR, logLevel: 'silent' })({ mode: 'production', command: 'serve' })
  const vite = await createServer({ ...config, configFile: false, server: { middlewareMode: true, hmr: false, watch: null, ws: false }, appType: 'custom' })
  try {
    return { vite, container: await experimental_AstroContainer.create() }
  } catch (error) {
    await vite.close()
    throw error
  }
}

/** Closes what startSiteVite started (a load still under way is awaited; a failed one has nothing to close). */
export async function closeSiteVite(loading: Promise<{ vite: ViteDevServer }> | null): Promise<void> {
  const vite = loading ? (await loading.catch(() => null))?.vite : null
  await vite?.close().catch(() => {})
}
