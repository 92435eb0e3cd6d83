import path from 'node:path'
import * as pagefind from 'pagefind'
import { PortalError } from '../lib/PortalError'

/**
 * Writes the Pagefind index of a built portal into <outDir>/pagefind: static files the search page queries in
 * the reader's browser, so search needs no server. Only bulletin and program texts are indexed (the elements
 * marked data-pagefind-body), with Spanish stemming: "vacunas" finds "vacunación". `indexDir` puts the index elsewhere
 * (publishPortal swaps a fresh one into a live build).
 */
/** Where the index goes in a built portal. */
export const SEARCH_INDEX_DIR = 'pagefind'
const INDEXED_PAGES = '{boletines,programas}/*/index.html'

export async function indexForSearch(outDir: string, indexDir = outDir): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'es' })
  try {
    if (!index) throw new PortalError('PORTAL_BUILD_FAILED', `the search index could not start: ${errors.join('; ')}`)
    // Only the pages that can hold an indexed text (bulletins, programs): reading the ~700 lists and feeds pages
    // only for Pagefind to skip them cost about a twentieth of its time.
    const added = await index.addDirectory({ path: outDir, glob: INDEXED_PAGES })
    if (added.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search index failed: ${added.errors.join('; ')}`)
    const written = await index.writeFiles({ outputPath: path.join(indexDir, SEARCH_INDEX_DIR) })
    if (written.errors.length > 0) throw new PortalError('PORTAL_BUILD_FAILED', `the search index could not be written: ${written.errors.join('; ')}`)
    return { pages: added.page_count }
  } finally {
    await pagefind.close()
  }
}
