import fs from 'node:fs/promises'
import { programStatus } from '@pregon/cms/lib/programStatus'
import type { PortalContent } from '@pregon/site/content'

/**
 * Whether the live portal shows a program in a state the clock has since left (a call that opened, is about
 * to close or closed): the portal is static, so such a change needs a rebuild although nobody edited anything.
 * Read from the exported content itself; a missing or unreadable file is the start-up rebuild's business.
 */
export async function areProgramStatesStale({ contentFile, now }: { contentFile: string; now: Date }): Promise<boolean> {
  const content = await fs
    .readFile(contentFile, 'utf8')
    .then((text) => JSON.parse(text) as PortalContent)
    .catch(() => null)
  return (content?.programs ?? []).some((program) => programStatus({ opensAt: program.opensAt, closesAt: program.closesAt, now }) !== program.status)
}
