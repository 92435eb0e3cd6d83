import fs from 'node:fs/promises'
import path from 'node:path'
import type { Bulletin, Department, Media, Program, SiteSetting } from '@pregon/cms/worker'
import { CROPS_FETCHED_FROM_PORTAL } from '@pregon/core/channels'
import { programStatus } from '@pregon/core/programStatus'
import { slugify } from '@pregon/core/slugify'
import { activeAlerts, isWithdrawalInFeeds, type AlertCandidate } from '@pregon/site/clock'
import type {
  PortalAlert,
  PortalAttachment,
  PortalBulletin,
  PortalContent,
  PortalImage,
  PortalImageFile,
  PortalProgram,
  PortalSite,
  PortalSuspension,
  PortalTopic,
  PortalWithdrawal,
} from '@pregon/site/content'
import { periodAt, SUSPENDED_NOTICE, suspendingPeriod, type BlackoutPeriod } from '@pregon/core/law/blackout'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { CARD_RENDITION, RENDITIONS } from '@pregon/media'
import type { Payload } from 'payload'
import sanitizeHtml from 'sanitize-html'
import { suspendedByBlackout } from './suspendedByBlackout'
import { periodsFrom } from '@pregon/cms/worker'

const PAGE_SIZE = 500

/**
 * Writes the portal's input: published bulletins only. The query runs with access control on and no
 * user, i.e. exactly as an anonymous citizen, so a draft cannot reach the portal even by mistake here.
 * While a veda electoral is active at `now`, promotion without an allowed exception is left out of every list
 * and only its address is exported, as suspended; the first export after the period has it back as before.
 */
export async function exportPortalContent({
  payload,
  siteUrl,
  file,
  mediaDir,
  now = new Date(),
  blackoutPeriods,
  subscribeUrl,
}: {
  payload: Payload
  siteUrl: string
  file: string
  /** Where the placeholders are read from, to inline them; without it pages show none. */
  mediaDir?: string
  /** The instant programs' states and veda suspensions are worked out for (open, closing soon…). */
  now?: Date
  /** The veda calendar, when the caller has read it already (rebuildPortal: the next change comes from it too). */
  blackoutPeriods?: BlackoutPeriod[]
  /** The CMS's public subscription endpoint, for the portal's form; without it the portal offers none. */
  subscribeUrl?: string
}): Promise<PortalContent> {
  const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: false })
  const periods = blackoutPeriods ?? (await periodsFrom(payload, now))
  // During a veda no page shows a photo its editor declared to show a public servant (Tesis XIII/2017).
  const hidesOfficials = periodAt(periods, now) !== null
  const found: Array<{ doc: Pick<Bulletin, 'id' | 'classification' | 'alertUntil'>; bulletin: PortalBulletin }> = []
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'bulletins',
      overrideAccess: false,
      where: { _status: { equals: 'published' } },
      sort: '-publishedAt',
      depth: 1,
      limit: PAGE_SIZE,
      page,
    })
    const placeholders = await readPlaceholders(mediaDir, result.docs)
    found.push(...result.docs.map((doc) => ({ doc, bulletin: toPortalBulletin(doc, placeholders, { hidesOfficials }) })))
    if (!result.hasNextPage) break
  }
  const suspendedBulletins = await suspendedByBlackout({ payload, collection: 'bulletins', items: found.map(({ doc }) => doc), periods, now })
  const shown = found.filter(({ doc }) => !suspendedBulletins.has(String(doc.id)))
  const bulletins = shown.map(({ bulletin }) => bulletin)
  const alerts = await alertsAt(payload, shown, now)
  const withdrawn = await withdrawnNotices(payload, periods, now)
  const programs = await publishedPrograms(payload, periods, now)
  const content: PortalContent = {
    // Derived from the content, not the clock, so identical content gives identical files.
    generatedAt: bulletins[0]?.publishedAt ?? new Date(0).toISOString(),
    site: { ...toPortalSite(settings, siteUrl), subscriptions: subscribeUrl ? { action: subscribeUrl, departments: await publicDepartments(payload) } : null },
    bulletins,
    withdrawn: withdrawn.notices,
    programs: programs.shown,
    suspended: [
      ...found.filter(({ doc }) => suspendedBulletins.has(String(doc.id))).map(({ bulletin }) => suspension('bulletin', bulletin)),
      ...withdrawn.suspended,
      ...programs.suspended,
    ],
    alerts,
  }
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await fs.writeFile(temporary, JSON.stringify(content))
  await fs.rename(temporary, file)
  return content
}

/** Every department, as the subscription form offers them (read as a citizen: public fields only). */
async function publicDepartments(payload: Payload): Promise<Array<{ id: number; name: string }>> {
  const { docs } = await payload.find({ collection: 'departments', overrideAccess: false, depth: 0, pagination: false, sort: 'name', select: { name: true } })
  return docs.map((doc) => ({ id: Number(doc.id), name: doc.name })).sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
}

function toPortalSite(settings: SiteSetting, siteUrl: string): PortalSite {
  return {
    name: settings.municipalityName,
    url: siteUrl,
    timeZone: settings.timeZone,
    description: settings.description ?? '',
    privacyNoticeUrl: settings.privacyNoticeUrl || null,
    contact: { email: settings.contactEmail || null, phone: settings.contactPhone || null, address: settings.address || null },
  }
}

/**
 * A working copy as the portal would show it, for the staff's page preview (the CMS posts the draft and the
 * site settings it read with the person's own access; see site/src/preview). The same mapping as a publication,
 * without placeholders; a draft not yet published is dated now.
 */
export function toPortalPreview(input: unknown, now = new Date()): { site: PortalSite; bulletin: PortalBulletin } {
  const { bulletin, settings, siteUrl } = input as { bulletin: Bulletin; settings: SiteSetting; siteUrl: string }
  if (!bulletin?.slug || !bulletin.title || !settings?.municipalityName || typeof siteUrl !== 'string') throw new Error('not a bulletin preview request')
  return {
    site: toPortalSite(settings, siteUrl),
    bulletin: { ...toPortalBulletin(bulletin, new Map()), publishedAt: bulletin.publishedAt ?? now.toISOString() },
  }
}

function toPortalBulletin(bulletin: Bulletin, placeholders: ReadonlyMap<string, string>, { hidesOfficials = false }: { hidesOfficials?: boolean } = {}): PortalBulletin {
  const image = (value: Bulletin['heroImage']) => (hidesOfficials && typeof value === 'object' && value?.showsPublicServant === 'si' ? null : toPortalImage(value, placeholders))
  const department = typeof bulletin.department === 'object' && bulletin.department ? (bulletin.department as Department) : null
  return {
    id: String(bulletin.id),
    slug: bulletin.slug,
    title: bulletin.title,
    summary: bulletin.summary,
    bodyHtml: bodyToHtml(bulletin.body),
    publishedAt: bulletin.publishedAt ?? bulletin.updatedAt,
    department: department ? { name: department.name, slug: department.slug } : null,
    kind: bulletin.kind ?? 'boletin',
    hero: image(bulletin.heroImage),
    gallery: (bulletin.gallery ?? []).flatMap((item) => image(item) ?? []),
    attachments: (bulletin.attachments ?? []).flatMap((item) => toPortalAttachment(item)),
    spokesperson: bulletin.spokesperson ?? null,
    corrections: (bulletin.corrections ?? []).map(({ at, note }) => ({ at, note })),
    place: bulletin.place?.trim() || null,
    eventDate: bulletin.eventDate ?? null,
    topics: toPortalTopics(bulletin.topics),
  }
}

/** The editor's topics with their page's slug; one per slug («Agua» and «agua» are one topic), none empty. */
function toPortalTopics(topics: Bulletin['topics']): PortalTopic[] {
  const bySlug = new Map<string, PortalTopic>()
  for (const name of topics ?? []) {
    const slug = slugify(name)
    if (slug && !bySlug.has(slug)) bySlug.set(slug, { name: name.trim(), slug })
  }
  return [...bySlug.values()]
}

/**
 * The emergency alerts active at `now`: published bulletins (the ones shown, so never a suspended or withdrawn
 * one) classified «emergencia» or published with the emergency verb (the record says so: the flag `needsReview`
 * clears when someone reviews it, the alert does not). Each lasts until its «Alerta hasta», or a day.
 */
async function alertsAt(payload: Payload, shown: Array<{ doc: Pick<Bulletin, 'id' | 'classification' | 'alertUntil'>; bulletin: PortalBulletin }>, now: Date): Promise<PortalAlert[]> {
  const { docs } = await payload.find({
    collection: 'audit-log',
    where: { and: [{ itemCollection: { equals: 'bulletins' } }, { action: { equals: 'emergency-publish' } }] },
    select: { itemId: true },
    depth: 0,
    pagination: false,
  })
  const emergencyPublished = new Set(docs.map((entry) => String(entry.itemId)))
  const candidates: AlertCandidate[] = shown
    .filter(({ doc }) => doc.classification === 'emergencia' || emergencyPublished.has(String(doc.id)))
    .map(({ doc, bulletin }) => ({ ...bulletin, alertUntil: doc.alertUntil ?? null }))
  return activeAlerts(candidates, now)
}

/** Only the address of a suspended item leaves the CMS, with the law's note: nothing of the item shows. */
const suspension = (kind: PortalSuspension['kind'], item: { id: number | string; slug: string }): PortalSuspension => ({
  kind,
  id: String(item.id),
  slug: item.slug,
  notice: SUSPENDED_NOTICE,
})

/**
 * Bulletins that were published and then withdrawn: only their address, title and the public notice leave
 * the CMS (read as the system, since the public may no longer read the item itself). The internal reason
 * (`withdrawal.reason`) is never selected: it cannot reach the portal even by a template's mistake. A withdrawn
 * promotion bulletin is suspended during a veda like a published one: its notice would show its title. Feeds
 * keep its item with «Retirado» for 30 days after the withdrawal (`isInFeeds`, at `now`), in its department's too.
 */
async function withdrawnNotices(payload: Payload, periods: readonly BlackoutPeriod[], now: Date): Promise<{ notices: PortalWithdrawal[]; suspended: PortalSuspension[] }> {
  const { docs } = await payload.find({
    collection: 'bulletins',
    where: { and: [{ workflowState: { equals: 'withdrawn' } }, { _status: { equals: 'draft' } }, { publishedAt: { exists: true } }] },
    select: { slug: true, title: true, publishedAt: true, department: true, withdrawal: { at: true, notice: true }, classification: true, blackoutException: true, blackoutJustification: true },
    depth: 1,
    pagination: false,
    sort: '-publishedAt',
  })
  const notices: PortalWithdrawal[] = []
  const suspended: PortalSuspension[] = []
  for (const doc of docs) {
    if (!doc.publishedAt || !doc.withdrawal?.at) continue
    if (suspendingPeriod(doc, periods, now)) suspended.push(suspension('bulletin', doc))
    else {
      const department = typeof doc.department === 'object' && doc.department ? { name: doc.department.name, slug: doc.department.slug } : null
      const withdrawnAt = doc.withdrawal.at
      notices.push({ slug: doc.slug, title: doc.title, publishedAt: doc.publishedAt, withdrawnAt, notice: doc.withdrawal.notice?.trim() ?? '', isInFeeds: isWithdrawalInFeeds({ withdrawnAt }, now), department })
    }
  }
  return { notices, suspended }
}

type SizeRecord = { filename?: string | null; width?: number | null; height?: number | null; mimeType?: string | null }

/**
 * Published programs as a citizen reads them (access control on, no user), with their state at `now`; those a
 * veda active at `now` suspends apart.
 */
async function publishedPrograms(payload: Payload, periods: readonly BlackoutPeriod[], now: Date): Promise<{ shown: PortalProgram[]; suspended: PortalSuspension[] }> {
  const { docs } = await payload.find({
    collection: 'programs',
    overrideAccess: false,
    where: { _status: { equals: 'published' } },
    sort: '-publishedAt',
    depth: 1,
    pagination: false,
  })
  const suspended = await suspendedByBlackout({ payload, collection: 'programs', items: docs, periods, now })
  return {
    shown: docs.filter((program) => !suspended.has(String(program.id))).map((program) => toPortalProgram(program, now)),
    suspended: docs.filter((program) => suspended.has(String(program.id))).map((program) => suspension('program', program)),
  }
}

function toPortalProgram(program: Program, now: Date): PortalProgram {
  return {
    id: String(program.id),
    slug: program.slug,
    title: program.title,
    summary: program.summary,
    issuingLevel: program.issuingLevel ?? 'municipal',
    agency: program.agency ?? null,
    eligibility: program.eligibility ?? null,
    requirements: (program.requirements ?? []).map(({ item }) => item),
    documents: (program.documents ?? []).map(({ item }) => item),
    howToApply: program.howToApply ?? null,
    contact: program.contact ?? null,
    opensAt: program.opensAt ?? null,
    closesAt: program.closesAt ?? null,
    status: programStatus({ opensAt: program.opensAt, closesAt: program.closesAt, now }),
    attachments: (program.attachments ?? []).flatMap((item) => toPortalAttachment(item)),
    publishedAt: program.publishedAt ?? program.updatedAt,
    corrections: (program.corrections ?? []).map(({ at, note }) => ({ at, note })),
  }
}

function toPortalAttachment(value: number | Media): PortalAttachment[] {
  if (typeof value !== 'object' || !value.filename) return []
  return [{ filename: value.filename, title: value.alt, bytes: value.filesize ?? 0, mimeType: value.mimeType ?? 'application/pdf' }]
}

function toPortalImage(value: Bulletin['heroImage'], placeholders: ReadonlyMap<string, string>): PortalImage | null {
  if (!value || typeof value !== 'object') return null
  const media = value as Media
  const sizes = (media.sizes ?? {}) as Record<string, SizeRecord | undefined>
  const asFile = (size: SizeRecord | undefined): PortalImageFile | null =>
    size?.filename ? { filename: size.filename, width: size.width ?? 0, height: size.height ?? 0, mimeType: size.mimeType ?? 'image/jpeg' } : null
  // The card-sized rendition is the fallback `src`; media stored before renditions existed fall back to the original.
  const fallback = asFile(sizes[CARD_RENDITION]) ?? asFile(media)
  if (!fallback) return null
  const placeholderFile = sizes.placeholder?.filename
  return {
    ...fallback,
    alt: media.alt,
    sources: RENDITIONS.filter((rendition) => !rendition.height && rendition.name !== 'placeholder').flatMap((rendition) => asFile(sizes[rendition.name]) ?? []),
    share: asFile(sizes.og),
    fetchedCrops: CROPS_FETCHED_FROM_PORTAL.flatMap((crop) => asFile(sizes[crop]) ?? []),
    placeholder: placeholderFile ? (placeholders.get(placeholderFile) ?? null) : null,
  }
}

/** The placeholders of the given media as data: URIs (24 pixels wide, a few hundred bytes each). */
async function readPlaceholders(mediaDir: string | undefined, docs: Bulletin[]): Promise<Map<string, string>> {
  const placeholders = new Map<string, string>()
  if (!mediaDir) return placeholders
  const images = docs.flatMap((bulletin) => [bulletin.heroImage, ...(bulletin.gallery ?? [])])
  for (const image of images) {
    const filename = typeof image === 'object' ? image?.sizes?.placeholder?.filename : null
    if (!filename || placeholders.has(filename)) continue
    const data = await fs.readFile(path.join(mediaDir, path.basename(filename))).catch(() => null)
    if (data && data.length <= 2048) placeholders.set(filename, `data:image/webp;base64,${data.toString('base64')}`)
  }
  return placeholders
}

function bodyToHtml(body: Bulletin['body']): string {
  const html = convertLexicalToHTML({ data: body as Parameters<typeof convertLexicalToHTML>[0]['data'], disableContainer: true })
  // Editors' links and pasted markup end up on the public site: keep structure, drop scripts and handlers.
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']),
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'width', 'height', 'loading'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener' }) },
  })
}
