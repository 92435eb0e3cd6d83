import type { PortalBulletin } from '../content/PortalContent'

/**
 * Memoizes a grouping of bulletins by the list object it is given (and one more key, such as a time zone). A
 * publication groups the same content's bulletins by department, topic, kind and month many times over (what
 * changed, each route's pages, the sitemap), which at 50,000 bulletins cost more than rendering the pages. A
 * content's bulletin list is not changed once grouped (it is put in portal order before anything reads it), and
 * callers do not change what they get.
 */
export function perList<R>(group: (bulletins: PortalBulletin[], key: string) => R): (bulletins: PortalBulletin[], key?: string) => R {
  const known = new WeakMap<PortalBulletin[], Map<string, R>>()
  return (bulletins, key = '') => {
    let byKey = known.get(bulletins)
    if (!byKey) known.set(bulletins, (byKey = new Map()))
    if (!byKey.has(key)) byKey.set(key, group(bulletins, key))
    return byKey.get(key)!
  }
}
