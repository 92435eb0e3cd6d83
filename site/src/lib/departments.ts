import type { PortalBulletin, PortalDepartment } from '../content/PortalContent'
import { perList } from './perList'

export interface DepartmentListing extends PortalDepartment {
  /** Newest first, as in the content. */
  bulletins: PortalBulletin[]
}

/** The departments that have published bulletins, in alphabetical order as Spanish sorts it (once per list: perList). */
export const departmentsOf = perList((bulletins): DepartmentListing[] => {
  const bySlug = new Map<string, DepartmentListing>()
  for (const bulletin of bulletins) {
    if (!bulletin.department) continue
    const listing = bySlug.get(bulletin.department.slug) ?? { ...bulletin.department, bulletins: [] }
    listing.bulletins.push(bulletin)
    bySlug.set(listing.slug, listing)
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
}) as (bulletins: PortalBulletin[]) => DepartmentListing[]

export const departmentPath = (department: Pick<PortalDepartment, 'slug'>) => `/dependencias/${department.slug}/`
export const departmentFeedPath = (department: Pick<PortalDepartment, 'slug'>) => `${departmentPath(department)}rss.xml`
