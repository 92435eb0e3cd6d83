import path from 'node:path'
import { publishPortal } from '@pregon/site/publish'
import type { TaskContext } from './TaskContext'
import { exportPortalContent } from '../portal/exportPortalContent'

/** Exports published content and rebuilds the static portal, switching it live atomically. */
export async function rebuildPortal({ payload, config, log }: TaskContext, now = new Date()): Promise<{ bulletins: number; durationMs: number }> {
  const file = path.join(config.portalDir, 'content.json')
  const content = await exportPortalContent({ payload, siteUrl: config.portal.url, file, mediaDir: config.mediaDir, now })
  const { durationMs } = await publishPortal({ contentFile: file, portalDir: config.portalDir, mediaDir: config.mediaDir })
  log.info({ bulletins: content.bulletins.length, durationMs }, 'portal rebuilt')
  return { bulletins: content.bulletins.length, durationMs }
}
