import type { PortalContent } from '../content/PortalContent'
import { archivePagePath, archivePages, archivesOf, kindPath, kindsOf, monthPath, monthsOf } from './archive'
import { departmentPath, departmentsOf } from './departments'
import { bulletinPath } from './paths'
import { programPath } from './programs'
import { suspensionPath } from './suspensions'
import { topicPath, topicsOf } from './topics'

/** Pages without parameters: every build renders them. */
export const FIXED_PAGE_PATHS = ['/', '/accesibilidad/', '/boletines/', '/buscar/', '/dependencias/', '/programas/', '/temas/']

/**
 * Every HTML page a full build of `content` makes, but the 404 page: the sitemap of an incremental build (which
 * renders only what changed; astro.config leaves suspended pages out of it) and the pages a publication removes
 * come from here.
 */
export function portalPagePaths(content: PortalContent): string[] {
  const { bulletins, withdrawn = [], programs = [], suspended = [], site } = content
  return [
    ...FIXED_PAGE_PATHS,
    ...bulletins.map(bulletinPath),
    ...withdrawn.map(bulletinPath),
    ...kindsOf(bulletins).map(({ kind }) => kindPath(kind)),
    ...monthsOf(bulletins, site.timeZone).map(({ month }) => monthPath(month)),
    ...departmentsOf(bulletins).map(departmentPath),
    ...topicsOf(bulletins).map(topicPath),
    ...archivesOf(bulletins).flatMap((archive) => archivePages(archive.bulletins).map((_, index) => archivePagePath(index + 1, archive.base))),
    ...programs.map(programPath),
    ...suspended.map(suspensionPath),
  ]
}
