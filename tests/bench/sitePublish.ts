/**
 * Publish-to-live at one archive size: a full build first (publishPortal into a portal directory, as the worker's
 * first publication), then `publishes` new bulletins one by one through the worker's path after an approval
 * (publishPortal with the content in memory, the unchanged bulletins as the same objects, as the exporter hands
 * them over), each watched from outside: the clock stops when its page, the main feed and the sitemap all have it.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PortalContent } from '@pregon/site/content'
import { publishPortal, warmUpPortalRenderer } from '@pregon/site/publish'
import { profileSpan } from './profileSpan'

export interface PublishFigures {
  bulletins: number
  /** The first, full build of the portal directory (pages, feeds, sitemap, search index). */
  fullBuildMs: number
  /** Publish-to-live of each publication, in ms. */
  live: number[]
  /** From live to the publication's end (the search index and the record of what is live). */
  after: number[]
  /** HTML pages each publication rendered. */
  pages: number[]
}

export async function benchPublish({ work, content: initial, mediaDir, publishes, log = console.log }: { work: string; content: PortalContent; mediaDir: string; publishes: number; log?: (line: string) => void }): Promise<PublishFigures> {
  let content = initial
  const bulletins = content.bulletins.length
  const portalDir = path.join(work, 'portal')
  const started = performance.now()
  await publishPortal({ content, portalDir, mediaDir })
  const fullBuildMs = performance.now() - started
  // As the worker does when it starts (startWorker): the templates are loaded before the first publication.
  await warmUpPortalRenderer()

  const has = async (file: string, text: string) => (await fs.readFile(path.join(portalDir, 'current', file), 'utf8').catch(() => '')).includes(text)
  const figures: PublishFigures = { bulletins, fullBuildMs, live: [], after: [], pages: [] }
  for (let i = 0; i < publishes; i++) {
    const n = 900_000 + i + 1
    const publishedAt = new Date().toISOString()
    // A new object for the new bulletin and a new content around the same bulletin objects: the exporter's output.
    content = { ...content, generatedAt: publishedAt, bulletins: [{ ...content.bulletins[0]!, id: String(n), slug: `boletin-${n}`, title: `Boletín ${n}: recién aprobado`, publishedAt }, ...content.bulletins] }
    const start = performance.now()
    const publishing = profileSpan(`publish-${bulletins}-${i + 1}`, () => publishPortal({ content, portalDir, mediaDir }))
    let liveAt: number | null = null
    while (liveAt === null) {
      // Past 45,000 addresses the sitemap has a second file.
      const [page, feed, sitemap0, sitemap1] = await Promise.all([
        has(`boletines/boletin-${n}/index.html`, 'recién aprobado'),
        has('rss.xml', `boletin-${n}/`),
        has('sitemap-0.xml', `boletin-${n}/`),
        has('sitemap-1.xml', `boletin-${n}/`),
      ])
      if (page && feed && (sitemap0 || sitemap1)) liveAt = performance.now()
      else await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const result = await publishing
    if (result.mode !== 'incremental') throw new Error(`publication ${i + 1} was a ${result.mode} build`)
    figures.live.push(liveAt - start)
    figures.after.push(result.durationMs - result.liveMs)
    figures.pages.push(result.pages)
    const phases = Object.entries(result.phases ?? {}).map(([phase, ms]) => `${phase} ${ms}`).join(', ')
    log(`  ${bulletins.toLocaleString('en')} bulletins, publication ${i + 1}: live in ${Math.round(liveAt - start)} ms (${result.pages} pages; ${phases} ms); done ${Math.round(result.durationMs - result.liveMs)} ms later`)
  }
  return figures
}
