import type { PortalBulletin, PortalBulletinKind } from '../content/PortalContent'
import { departmentPath, departmentsOf } from './departments'
import { perList } from './perList'
import { topicPath, topicsOf } from './topics'

/** Titles, dates and departments only: a page of the archive stays light on a phone. */
export const ARCHIVE_PAGE_SIZE = 50

export const KIND_LABEL: Record<PortalBulletinKind, { singular: string; plural: string }> = {
  boletin: { singular: 'Boletín', plural: 'Boletines' },
  comunicado: { singular: 'Comunicado', plural: 'Comunicados' },
  aviso: { singular: 'Aviso', plural: 'Avisos' },
  posicionamiento: { singular: 'Posicionamiento', plural: 'Posicionamientos' },
}

export const kindOf = (bulletin: PortalBulletin): PortalBulletinKind => bulletin.kind ?? 'boletin'

/** The whole archive's address: /boletines/ shows its latest ARCHIVE_PAGE_SIZE; departments and kinds have their own. */
export const ARCHIVE_BASE = '/boletines/'
/** Page `page` of the archive at `base` (/boletines/, a department's or a kind's page). */
export const archivePagePath = (page: number, base = ARCHIVE_BASE) => `${base}pagina/${page}/`
export const kindPath = (kind: PortalBulletinKind) => `/boletines/tipo/${kind}/`
export const monthPath = (month: string) => `/boletines/mes/${month}/`

/**
 * The archive in fixed pages of ARCHIVE_PAGE_SIZE counted from the oldest bulletin: page 1 holds the 50 oldest,
 * the last page the newest ones (it may be short). Each page lists newest first. Counted this way a new
 * bulletin changes only the last page, so a publication re-renders one or two archive pages, not all of them,
 * and a page's address keeps showing the same bulletins. `bulletins` is newest first, as in the content. Up to
 * ARCHIVE_PAGE_SIZE bulletins there are no archive pages: the list's own page shows them all. Cut once per list
 * (perList): the diff of a publication and its routes ask for the same archives' pages.
 */
export const archivePages = perList((bulletins): PortalBulletin[][] => {
  if (bulletins.length <= ARCHIVE_PAGE_SIZE) return []
  const oldestFirst = [...bulletins].reverse()
  const pages: PortalBulletin[][] = []
  for (let start = 0; start < oldestFirst.length; start += ARCHIVE_PAGE_SIZE) pages.push(oldestFirst.slice(start, start + ARCHIVE_PAGE_SIZE).reverse())
  return pages
})

/** The archive page holding the bulletin just older than the latest ARCHIVE_PAGE_SIZE (where /boletines/ continues), if any. */
export function olderArchivePage(bulletins: PortalBulletin[]): number | null {
  const olderCount = bulletins.length - ARCHIVE_PAGE_SIZE
  return olderCount > 0 ? Math.ceil(olderCount / ARCHIVE_PAGE_SIZE) : null
}

/** Every archive with its address: all bulletins (/boletines/), each kind's, each department's and each topic's. */
export function archivesOf(bulletins: PortalBulletin[]): Array<{ base: string; bulletins: PortalBulletin[] }> {
  return [
    { base: ARCHIVE_BASE, bulletins },
    ...kindsOf(bulletins).map(({ kind, bulletins: ofKind }) => ({ base: kindPath(kind), bulletins: ofKind })),
    ...departmentsOf(bulletins).map((department) => ({ base: departmentPath(department), bulletins: department.bulletins })),
    ...topicsOf(bulletins).map((topic) => ({ base: topicPath(topic), bulletins: topic.bulletins })),
  ]
}

/** Kinds that have bulletins, in the order the office uses them (once per list: perList). */
export const kindsOf = perList((bulletins): Array<{ kind: PortalBulletinKind; bulletins: PortalBulletin[] }> =>
  (Object.keys(KIND_LABEL) as PortalBulletinKind[])
    .map((kind) => ({ kind, bulletins: bulletins.filter((bulletin) => kindOf(bulletin) === kind) }))
    .filter((group) => group.bulletins.length > 0),
) as (bulletins: PortalBulletin[]) => Array<{ kind: PortalBulletinKind; bulletins: PortalBulletin[] }>

/** Months with bulletins ("2026-11"), newest first, counted in the site's time zone (once per list: perList). */
export const monthsOf = perList((bulletins, timeZone): Array<{ month: string; label: string; bulletins: PortalBulletin[] }> => {
  const label = new Intl.DateTimeFormat('es-MX', { timeZone, year: 'numeric', month: 'long' })
  const byMonth = new Map<string, { month: string; label: string; bulletins: PortalBulletin[] }>()
  for (const bulletin of bulletins) {
    const month = monthOf(bulletin, timeZone)
    let group = byMonth.get(month)
    if (!group) byMonth.set(month, (group = { month, label: label.format(new Date(bulletin.publishedAt)), bulletins: [] }))
    group.bulletins.push(bulletin)
  }
  return [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month))
}) as (bulletins: PortalBulletin[], timeZone: string) => Array<{ month: string; label: string; bulletins: PortalBulletin[] }>

const monthKeys = new Map<string, Intl.DateTimeFormat>()
const months = new WeakMap<PortalBulletin, { timeZone: string; month: string }>()

/**
 * A bulletin's month ("2026-11") in the site's time zone, worked out once per bulletin object: a publication
 * groups the archive by month several times (what changed, the pages, the sitemap), and at 50,000 bulletins
 * formatting every date each time cost more than rendering the pages.
 */
function monthOf(bulletin: PortalBulletin, timeZone: string): string {
  const known = months.get(bulletin)
  if (known?.timeZone === timeZone) return known.month
  let key = monthKeys.get(timeZone)
  if (!key) monthKeys.set(timeZone, (key = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })))
  const month = key.format(new Date(bulletin.publishedAt)).slice(0, 7)
  months.set(bulletin, { timeZone, month })
  return month
}
