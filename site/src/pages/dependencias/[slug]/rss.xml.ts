import type { APIRoute, GetStaticPaths } from 'astro'
import { loadPortalContent } from '../../../content/loadPortalContent'
import { isSelected } from '../../../content/portalSelection'
import { bulletinFeed } from '../../../feeds/bulletinFeed'
import { departmentsOf, type DepartmentListing } from '../../../lib/departments'

export const getStaticPaths = (() =>
  departmentsOf(loadPortalContent().bulletins)
    .filter((department) => isSelected('departments', department.slug))
    .map((department) => ({ params: { slug: department.slug }, props: { department } }))) satisfies GetStaticPaths

export const GET: APIRoute<{ department: DepartmentListing }> = ({ props: { department } }) => {
  const { site, withdrawn = [] } = loadPortalContent()
  return bulletinFeed({
    site,
    title: `${department.name} · Boletines de ${site.name}`,
    description: `Boletines de prensa de ${department.name}, ${site.name}.`,
    bulletins: department.bulletins,
    withdrawn: withdrawn.filter((withdrawal) => withdrawal.department?.slug === department.slug),
  })
}
