import path from 'node:path'
import * as pagefind from 'pagefind'
import { PortalError } from '../lib/PortalError'
import { INDEXED_PAGES, SEARCH_INDEX_DIR, writeEmptySearchDelta } from './searchDelta'

export { SEARCH_INDEX_DIR }

/**
 * Writes the Pagefind index of a built portal into <outDir>/pagefind, and an empty delta beside it
 * (searchDelta.ts: publications add to the delta, not to this index): static files the search page queries in
 * the reader's browser, so search needs no server. Only bulletin and program texts are indexed (the elements
 * marked data-pagefind-body), with Spanish stemming: "vacunas" finds "vacunación".
 */
export async function indexForSearch(outDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'es' })
  try {
    if (!index) throw new PortalError('PORTAL_BUILD_FAILED', `the search index could not start: ${errors.join('; ')}`)
    // Only the pages that can hold an indexed text (bulletins, programs): reading the ~700 lists and feeds pages
    // only for Pagefind to skip them cost about a twentieth of its time.
    const added = await index.addDirectory({ path: outDir, glob: INDEXED_PAGES })
    if (added.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search index failed: ${added.errors.join('; ')}`)
    const written = await index.writeFiles({ outputPath: path.join(outDir, SEARCH_INDEX_DIR) })
    if (written.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search index could not be written: ${written.errors.join('; ')}`)
    await writeEmptySearchDelta(outDir)
    return { pages: added.page_count }
  } finally {
    await pagefind.close()
  }
}
