import fs from 'node:fs'
import path from 'node:path'
import type { PortalContent } from '@pregon/site/content'
import { buildPortal, publishPortal } from '@pregon/site/publish'

/**
 * Publishes each content into one live portal (incrementally when it can) and makes a fresh full build of the same
 * content beside it, to compare with: `reference-<step>` in `work`.
 */
export function publishBesideReference({ work, portalDir, mediaDir }: { work: string; portalDir: string; mediaDir: string }) {
  let step = 0
  return async function publish(content: PortalContent) {
    const file = path.join(work, `content-${++step}.json`)
    fs.writeFileSync(file, JSON.stringify(content))
    const result = await publishPortal({ contentFile: file, portalDir, mediaDir })
    const reference = path.join(work, `reference-${step}`)
    await buildPortal({ contentFile: file, outDir: reference, mediaDir })
    return { result, reference }
  }
}
