import type { PortalContent } from '../content/PortalContent'
import { archivePagePath, archivePages, archivesOf, kindPath, kindsOf, monthPath, monthsOf } from './archive'
import { departmentPath, departmentsOf } from './departments'
import { bulletinPath } from './paths'
import { programPath } from './programs'
import { suspensionPath } from './suspensions'
import { topicPath, topicsOf } from './topics'

/** Pages without parameters: every build renders them. */
export const FIXED_PAGE_PATHS = ['/', '/accesibilidad/', '/boletines/', '/buscar/', '/dependencias/', '/peticiones/', '/programas/', '/suscribirse/', '/temas/']

/**
 * Every HTML page a full build of `content` makes, but the 404 page and the offices' screen (`/pantalla/`): the
 * sitemap (lib/sitemap.ts, which leaves suspended pages out) and the pages a publication removes come from here.
 */
export function portalPagePaths(content: PortalContent): string[] {
  let paths = known.get(content)
  if (!paths) known.set(content, (paths = pagePathsOf(content)))
  return paths
}

/**
 * By content object: a publication asks for its content's pages twice (the sitemap, the pages to remove) and the
 * next one for the same content again, as what was live; contents are not changed once published.
 */
const known = new WeakMap<PortalContent, string[]>()

function pagePathsOf(content: PortalContent): string[] {
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
