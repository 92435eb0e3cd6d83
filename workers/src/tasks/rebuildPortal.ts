import path from 'node:path'
import { publishPortal } from '@pregon/site/publish'
import type { TaskContext } from './TaskContext'
import { recordNextProgramChange } from '../portal/areProgramStatesStale'
import { exportPortalContent } from '../portal/exportPortalContent'

/** When the next program changes state by the clock (see areProgramStatesStale). */
export const nextProgramChangeFile = (portalDir: string) => path.join(portalDir, 'next-program-change.json')

/**
 * Exports published content and publishes the static portal: only what changed when the live build allows it
 * (publishPortal), each file swapped in atomically; otherwise a full build switched live in one rename.
 */
export async function rebuildPortal({ payload, config, log }: TaskContext, now = new Date()): Promise<{ bulletins: number; durationMs: number }> {
  const file = path.join(config.portalDir, 'content.json')
  const content = await exportPortalContent({ payload, siteUrl: config.portal.url, file, mediaDir: config.mediaDir, now })
  const { durationMs, liveMs, mode, pages } = await publishPortal({ contentFile: file, portalDir: config.portalDir, mediaDir: config.mediaDir })
  await recordNextProgramChange({ file: nextProgramChangeFile(config.portalDir), programs: content.programs ?? [], now })
  log.info({ bulletins: content.bulletins.length, mode, pages, liveMs, durationMs }, 'portal published')
  return { bulletins: content.bulletins.length, durationMs }
}
