/**
 * Atom's namespace, for `atom:updated` on RSS items. RSS 2.0 has no item update date; of the two extensions in
 * use, `atom:updated` is the one readers act on: SimplePie (FreshRSS, Tiny Tiny RSS's fallback, WordPress) reads
 * it as the item's updated date and Python's feedparser as `updated`, while `dcterms:modified` is read by
 * feedparser only. Readers that ignore it still see the changed description under the same guid.
 */
export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'

export const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c)

export const escapeHtml = (value: string) => value.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c)

/** `<atom:updated>` with an RFC 3339 instant (the bulletin's last correction, or its withdrawal). */
export const updatedElement = (instant: string) => `<atom:updated>${new Date(instant).toISOString()}</atom:updated>`
