import fs from 'node:fs/promises'
import path from 'node:path'
import type { Pool } from 'pg'
import { itemText, type PortalContent } from '@pregon/site/content'
import { recordExpedienteEntry, sha256Hex, type ExpedienteEntry } from './recordExpedienteEntry'

type ItemCollection = 'bulletins' | 'programs'

/** One page of the portal that belongs to an item, and what it showed in the content it was built from. */
interface ItemPage {
  itemCollection: ItemCollection
  /** Null for a withdrawn bulletin (the export keeps only its slug): its id is looked up by slug. */
  itemId: number | null
  slug: string
  /** The item's entry in the content, as text: the page changes only when this does (selectChanges' rule). */
  signature: string
  /** Its item in a feed (bulletins: rss.xml, programs: programas/rss.xml, a withdrawal while feeds carry it); not for suspensions. */
  feed: 'rss.xml' | 'programas/rss.xml' | null
}

const SECTION: Record<ItemCollection, string> = { bulletins: 'boletines', programs: 'programas' }
const keyOf = (page: Pick<ItemPage, 'itemCollection' | 'slug'>) => `${page.itemCollection}:${page.slug}`

/**
 * Every item page a content makes: published bulletins and programs, withdrawal notices, veda suspensions.
 * Keyed by collection and slug, as the built files are.
 */
export function itemPagesOf(content: Pick<PortalContent, 'bulletins' | 'programs' | 'withdrawn' | 'suspended'>): Map<string, ItemPage> {
  const pages: ItemPage[] = [
    ...content.bulletins.map((bulletin): ItemPage => ({ itemCollection: 'bulletins', itemId: Number(bulletin.id), slug: bulletin.slug, signature: itemText(bulletin), feed: 'rss.xml' })),
    ...(content.programs ?? []).map((program): ItemPage => ({ itemCollection: 'programs', itemId: Number(program.id), slug: program.slug, signature: itemText(program), feed: 'programas/rss.xml' })),
    // While feeds carry a withdrawn bulletin («Retirado»), that item went out too.
    ...(content.withdrawn ?? []).map((withdrawal): ItemPage => ({ itemCollection: 'bulletins', itemId: null, slug: withdrawal.slug, signature: `retirado ${JSON.stringify(withdrawal)}`, feed: withdrawal.isInFeeds ? 'rss.xml' : null })),
    ...(content.suspended ?? []).map((suspension): ItemPage => ({
      itemCollection: suspension.kind === 'bulletin' ? 'bulletins' : 'programs',
      itemId: Number(suspension.id),
      slug: suspension.slug,
      signature: `suspendido ${JSON.stringify(suspension)}`,
      feed: null,
    })),
  ]
  return new Map(pages.map((page) => [keyOf(page), page]))
}

/** What each item page showed in the live build before this publication (publishPortal's livePortalContent). */
export function livePageSignatures(live: PortalContent): Map<string, string> {
  return new Map([...itemPagesOf(live)].map(([key, page]) => [key, page.signature]))
}

/**
 * Keeps in the expediente each item page this publication changed, as built (its HTML), and its item in the
 * feed: a publication, a correction, a withdrawal notice, a veda's suspension notice and the page back after it.
 *
 * Cheap at 10,000 items: only pages whose item changed in the content (the same comparison the incremental build
 * makes) are read and hashed, plus pages of items the expediente has no page of yet (an installation upgraded
 * with items already published). The same HTML recorded again is a no-op (unique digest per item).
 */
export async function recordPortalPages({
  pool,
  before,
  content,
  buildDir,
}: {
  pool: Pool
  /** livePageSignatures before publishing; null when nothing was live. */
  before: Map<string, string> | null
  content: PortalContent
  buildDir: string
}): Promise<{ pages: number; feedItems: number }> {
  const pages = itemPagesOf(content)
  await resolveWithdrawnIds(pool, pages)
  const known = await itemsWithPages(pool)
  const changed = [...pages.values()].filter(
    (page) => page.itemId !== null && (before?.get(keyOf(page)) !== page.signature || !known.has(`${page.itemCollection}:${page.itemId}`)),
  )
  const feeds = new Map<string, string[] | null>()
  const feedItems = async (file: string) => {
    if (!feeds.has(file)) feeds.set(file, await readFeedItems(path.join(buildDir, file)))
    return feeds.get(file)!
  }
  let recordedPages = 0
  let recordedFeedItems = 0
  for (const page of changed) {
    const html = await fs.readFile(path.join(buildDir, SECTION[page.itemCollection], page.slug, 'index.html')).catch(() => null)
    const url = `/${SECTION[page.itemCollection]}/${page.slug}/`
    const base: Pick<ExpedienteEntry, 'itemCollection' | 'itemId'> = { itemCollection: page.itemCollection, itemId: page.itemId! }
    if (html && (await recordExpedienteEntry(pool, { ...base, kind: 'page', channel: 'portal', url, body: html }))) recordedPages++
    if (!page.feed) continue
    const item = (await feedItems(page.feed))?.find((xml) => linkOf(xml)?.endsWith(url))
    if (item && (await recordExpedienteEntry(pool, { ...base, kind: 'feed-item', channel: 'rss', url: linkOf(item), body: Buffer.from(item) }))) recordedFeedItems++
  }
  return { pages: recordedPages, feedItems: recordedFeedItems }
}

/** A withdrawn bulletin is exported by slug only; its id comes from the bulletins table (slugs are unique). */
async function resolveWithdrawnIds(pool: Pool, pages: Map<string, ItemPage>): Promise<void> {
  const unresolved = [...pages.values()].filter((page) => page.itemId === null)
  if (unresolved.length === 0) return
  const { rows } = await pool.query<{ id: number; slug: string }>('SELECT "id", "slug" FROM "bulletins" WHERE "slug" = ANY($1)', [unresolved.map((page) => page.slug)])
  const ids = new Map(rows.map((row) => [row.slug, Number(row.id)]))
  for (const page of unresolved) page.itemId = ids.get(page.slug) ?? null
}

/** Items with at least one page in the expediente, as `collection:id`. */
async function itemsWithPages(pool: Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ key: string }>(`SELECT DISTINCT "item_collection" || ':' || "item_id" AS "key" FROM "expediente_entries" WHERE "kind" = 'page'`)
  return new Set(rows.map((row) => row.key))
}

/** The `<item>` elements of a built RSS file, each exactly as written. */
async function readFeedItems(file: string): Promise<string[] | null> {
  const xml = await fs.readFile(file, 'utf8').catch(() => null)
  return xml ? [...xml.matchAll(/<item>[\s\S]*?<\/item>/g)].map((match) => match[0]) : null
}

const linkOf = (itemXml: string): string | null => /<link>([^<]*)<\/link>/.exec(itemXml)?.[1] ?? null
