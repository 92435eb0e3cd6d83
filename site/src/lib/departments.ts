import type { PortalBulletin, PortalDepartment } from '../content/PortalContent'

export interface DepartmentListing extends PortalDepartment {
  /** Newest first, as in the content. */
  bulletins: PortalBulletin[]
}

/** The departments that have published bulletins, in alphabetical order as Spanish sorts it. */
export function departmentsOf(bulletins: PortalBulletin[]): DepartmentListing[] {
  const bySlug = new Map<string, DepartmentListing>()
  for (const bulletin of bulletins) {
    if (!bulletin.department) continue
    const listing = bySlug.get(bulletin.department.slug) ?? { ...bulletin.department, bulletins: [] }
    listing.bulletins.push(bulletin)
    bySlug.set(listing.slug, listing)
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
}

export const departmentPath = (department: Pick<PortalDepartment, 'slug'>) => `/dependencias/${department.slug}/`
export const departmentFeedPath = (department: Pick<PortalDepartment, 'slug'>) => `${departmentPath(department)}rss.xml`
