import type { APIRoute, GetStaticPaths } from 'astro'
import { loadPortalContent } from '../../../../content/loadPortalContent'
import { isSelected } from '../../../../content/portalSelection'
import type { PortalBulletinKind } from '../../../../content/PortalContent'
import { bulletinFeed } from '../../../../feeds/bulletinFeed'
import { KIND_LABEL, kindsOf } from '../../../../lib/archive'

export const getStaticPaths = (() =>
  kindsOf(loadPortalContent().bulletins)
    .filter(({ kind }) => isSelected('kinds', kind))
    .map(({ kind }) => ({ params: { kind } }))) satisfies GetStaticPaths

export const GET: APIRoute = ({ params }) => {
  const kind = params.kind as PortalBulletinKind
  const { site, bulletins } = loadPortalContent()
  return bulletinFeed({
    site,
    title: `${KIND_LABEL[kind].plural} de ${site.name}`,
    description: `${KIND_LABEL[kind].plural} de ${site.name}.`,
    bulletins: kindsOf(bulletins).find((group) => group.kind === kind)?.bulletins ?? [],
  })
}
