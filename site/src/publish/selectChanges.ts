import type { PortalBulletin, PortalContent } from '../content/PortalContent'
import type { PortalSelection } from '../content/portalSelection'
import { itemText } from '../content/portalText'
import { archivePages, archivesOf, kindsOf, monthsOf } from '../lib/archive'
import { departmentsOf } from '../lib/departments'
import { suspendedOf } from '../lib/suspensions'
import { topicsOf } from '../lib/topics'

/**
 * The pages that differ between two contents, for an incremental build: a bulletin's or program's own page
 * when it changed (suspended by a veda or back from one included), and every list (department, topic, kind,
 * month, archive page) whose bulletins changed. Null when something every page shows changed (the site's
 * settings, the year in the footer, the emergency alerts): then build it all.
 */
export function selectChanges(before: PortalContent, after: PortalContent): PortalSelection | null {
  if (JSON.stringify(before.site) !== JSON.stringify(after.site) || yearOf(before) !== yearOf(after)) return null
  // Every page shows the active emergency alerts at its top: one starting or ending changes them all.
  if (JSON.stringify(before.alerts ?? []) !== JSON.stringify(after.alerts ?? [])) return null
  // A list is its bulletins in order, compared one by one (sameItem): the groupings' own arrays, nothing copied.
  const grouped = <G>(groups: G[], key: (group: G) => string, items: (group: G) => PortalBulletin[]) =>
    new Map<string, readonly ListEntry[]>(groups.map((group) => [key(group), items(group)]))

  const bulletinPages = (content: PortalContent) =>
    new Map<string, string>([
      ...content.bulletins.map((bulletin): [string, string] => [bulletin.slug, itemText(bulletin)]),
      ...(content.withdrawn ?? []).map((withdrawal): [string, string] => [withdrawal.slug, `retirado ${JSON.stringify(withdrawal)}`]),
      ...suspendedOf(content, 'bulletin').map((suspension): [string, string] => [suspension.slug, `suspendido ${JSON.stringify(suspension)}`]),
    ])
  const programPages = (content: PortalContent) =>
    new Map<string, string>([
      ...(content.programs ?? []).map((program): [string, string] => [program.slug, JSON.stringify(program)]),
      ...suspendedOf(content, 'program').map((suspension): [string, string] => [suspension.slug, `suspendido ${JSON.stringify(suspension)}`]),
    ])

  // Each archive (all bulletins, each department's, each kind's): from its first page that differs on.
  const archivesByBase = (content: PortalContent) => new Map(archivesOf(content.bulletins).map((archive) => [archive.base, archive.bulletins]))
  const archivesBefore = archivesByBase(before)
  const archivesAfter = archivesByBase(after)
  const archives: Record<string, number> = {}
  for (const [base, bulletins] of archivesAfter) {
    const first = firstChangedPage(archivePages(archivesBefore.get(base) ?? []), archivePages(bulletins))
    if (first !== null) archives[base] = first
  }

  return {
    bulletins: changed(bulletinPages(before), bulletinPages(after)),
    programs: changed(programPages(before), programPages(after)),
    // A department's feed also carries its withdrawn bulletins for a while: one leaving it changes the feed.
    departments: changed(
      withFeedWithdrawals(before, grouped(departmentsOf(before.bulletins), (d) => d.slug, (d) => d.bulletins)),
      withFeedWithdrawals(after, grouped(departmentsOf(after.bulletins), (d) => d.slug, (d) => d.bulletins)),
    ),
    topics: changed(
      grouped(topicsOf(before.bulletins), (t) => t.slug, (t) => t.bulletins),
      grouped(topicsOf(after.bulletins), (t) => t.slug, (t) => t.bulletins),
    ),
    kinds: changed(
      grouped(kindsOf(before.bulletins), (k) => k.kind, (k) => k.bulletins),
      grouped(kindsOf(after.bulletins), (k) => k.kind, (k) => k.bulletins),
    ),
    months: changed(
      grouped(monthsOf(before.bulletins, before.site.timeZone), (m) => m.month, (m) => m.bulletins),
      grouped(monthsOf(after.bulletins, after.site.timeZone), (m) => m.month, (m) => m.bulletins),
    ),
    archives,
  }
}

/** A list's entry: a bulletin, or the text of something else its page or feed shows (a withdrawal). */
type ListEntry = PortalBulletin | string

/** Adds to each department's list the withdrawals its feed carries (in a copy: the grouping's array is shared). */
function withFeedWithdrawals(content: PortalContent, lists: Map<string, readonly ListEntry[]>): Map<string, readonly ListEntry[]> {
  const carried = new Map<string, string[]>()
  for (const withdrawal of content.withdrawn ?? []) {
    const slug = withdrawal.isInFeeds ? withdrawal.department?.slug : undefined
    if (slug !== undefined && lists.has(slug)) carried.set(slug, [...(carried.get(slug) ?? []), `retirado ${JSON.stringify(withdrawal)}`])
  }
  for (const [slug, withdrawals] of carried) lists.set(slug, [...lists.get(slug)!, ...withdrawals])
  return lists
}

const yearOf = (content: PortalContent) => new Date(content.generatedAt).getUTCFullYear()

/**
 * The same entry: the same object (the exporter hands an unchanged bulletin over as the same object, so this is
 * the usual answer and costs nothing), else the same JSON text.
 */
const sameItem = (a: ListEntry, b: ListEntry) => a === b || (typeof a === 'object' && typeof b === 'object' && itemText(a) === itemText(b))
const sameList = (a: readonly ListEntry[] | undefined, b: readonly ListEntry[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((item, index) => sameItem(item, b[index]!))
const same = (a: string | readonly ListEntry[] | undefined, b: string | readonly ListEntry[] | undefined) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : sameList(a, b)

/** Keys whose value differs, or that one side lacks (in the order they come, after first). */
function changed(before: Map<string, string | readonly ListEntry[]>, after: Map<string, string | readonly ListEntry[]>): string[] {
  const keys: string[] = []
  for (const [key, value] of after) if (!same(before.get(key), value)) keys.push(key)
  for (const key of before.keys()) if (!after.has(key)) keys.push(key)
  return keys
}

/**
 * The first page (from 1) of an archive that shows other bulletins, or is last on one side only (its link to a
 * newer page changes); null when none does. Pages are counted from the oldest, so a new bulletin leaves every
 * page but the newest as it was: comparing them bulletin by bulletin (the same object first) is cheap.
 */
function firstChangedPage(was: PortalBulletin[][], is: PortalBulletin[][]): number | null {
  for (let index = 0; index < is.length; index++) {
    const [old, now] = [was[index], is[index]!]
    const wasLast = index === was.length - 1
    const isLast = index === is.length - 1
    if (!old || wasLast !== isLast || old.length !== now.length || old.some((bulletin, at) => !sameItem(bulletin, now[at]!))) return index + 1
  }
  return null
}
