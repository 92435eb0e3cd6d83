import fs from 'node:fs/promises'
import path from 'node:path'
import type { Bulletin, Program, SiteSetting } from '@pregon/cms/worker'
import { programStatus } from '@pregon/core/programStatus'
import { activeAlerts, isWithdrawalInFeeds, type AlertCandidate } from '@pregon/site/clock'
import { portalContentText, type PortalAlert, type PortalBulletin, type PortalContent, type PortalProgram, type PortalSite, type PortalSuspension, type PortalWithdrawal } from '@pregon/site/content'
import { periodAt, SUSPENDED_NOTICE, suspendingPeriod, type BlackoutPeriod } from '@pregon/core/law/blackout'
import type { Payload } from 'payload'
import { suspendedByBlackout } from './suspendedByBlackout'
import { periodsFrom } from '@pregon/cms/worker'
import { memoryOf, publishedBulletins, type BulletinChanges, type BulletinFacts, type ExportMemory } from './publishedBulletins'
import { idOfRelation, portalMedia, withMedia } from './portalMedia'
import { toPortalAttachment, toPortalBulletin } from './toPortalBulletin'
import { writeAtomically } from '@pregon/site/publish'

export { createExportMemory, type ExportMemory } from './publishedBulletins'

export interface PortalExport {
  content: PortalContent
  /** Which bulletins this export mapped again or dropped, against the last one (see publishedBulletins). */
  changes: BulletinChanges
  /** The content file's text (what publishPortal records as live, without serializing it again). */
  text: string
  /** What serializing and writing the content file took (serializing only, without `file`). */
  writeMs: number
}

/**
 * Writes the portal's input: published bulletins only. The query runs with access control on and no
 * user, i.e. exactly as an anonymous citizen, so a draft cannot reach the portal even by mistake here.
 * Each export builds on the last one the process made (`memory`): only bulletins that changed since are read
 * and mapped; the content equals a full export of the same database state.
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
  petitionsUrl,
  memory = memoryOf(payload),
}: {
  payload: Payload
  siteUrl: string
  /** Where to write the content; without it nothing is written (rebuildPortal keeps the file after the pages are live). */
  file?: string
  /** Where the placeholders are read from, to inline them; without it pages show none. */
  mediaDir?: string
  /** The instant programs' states and veda suspensions are worked out for (open, closing soon…). */
  now?: Date
  /** The veda calendar, when the caller has read it already (rebuildPortal: the next change comes from it too). */
  blackoutPeriods?: BlackoutPeriod[]
  /** The CMS's public subscription endpoint, for the portal's form; without it the portal offers none. */
  subscribeUrl?: string
  /** The CMS's public petition endpoints (`…/api/petitions`), for the portal's form; without it the portal offers none. */
  petitionsUrl?: string
  /** The last export to build on; the process's own for this Payload unless told (a fresh one: a full export). */
  memory?: ExportMemory
}): Promise<PortalExport> {
  const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: false })
  const periods = blackoutPeriods ?? (await periodsFrom(payload, now))
  // During a veda no page shows a photo its editor declared to show a public servant (Tesis XIII/2017).
  const hidesOfficials = periodAt(periods, now) !== null
  const { found, changes } = await publishedBulletins({ payload, memory, mediaDir, hidesOfficials })
  const suspendedBulletins = await suspendedByBlackout({ payload, collection: 'bulletins', items: found.map(({ doc }) => doc), periods, now })
  const shown = found.filter(({ doc }) => !suspendedBulletins.has(String(doc.id)))
  const bulletins = shown.map(({ bulletin }) => bulletin)
  const alerts = await alertsAt(payload, shown, now)
  const withdrawn = await withdrawnNotices(payload, periods, now)
  const programs = await publishedPrograms(payload, periods, now)
  const content: PortalContent = {
    // Derived from the content, not the clock, so identical content gives identical files.
    generatedAt: bulletins[0]?.publishedAt ?? new Date(0).toISOString(),
    site: { ...toPortalSite(settings, siteUrl), subscriptions: subscribeUrl ? { action: subscribeUrl, departments: await publicDepartments(payload) } : null, petitions: petitionsUrl ? { action: `${petitionsUrl}/submit`, lookup: `${petitionsUrl}/folio` } : null },
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
  const writeStarted = performance.now()
  // Unchanged bulletins keep their text from the last export: only what changed is serialized.
  const text = portalContentText(content)
  if (file) await writeContentFile(file, text)
  return { content, text, changes, writeMs: performance.now() - writeStarted }
}

/** The content file, replaced in one rename (a reader gets the old file or the new one). */
export async function writeContentFile(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  await writeAtomically(file, text)
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

/**
 * The emergency alerts active at `now`: published bulletins (the ones shown, so never a suspended or withdrawn
 * one) classified «emergencia» or published with the emergency verb (the record says so: the flag `needsReview`
 * clears when someone reviews it, the alert does not). Each lasts until its «Alerta hasta», or a day.
 */
async function alertsAt(payload: Payload, shown: Array<{ doc: BulletinFacts; bulletin: PortalBulletin }>, now: Date): Promise<PortalAlert[]> {
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

/**
 * Published programs as a citizen reads them (access control on, no user), with their state at `now`; those a
 * veda active at `now` suspends apart.
 */
async function publishedPrograms(payload: Payload, periods: readonly BlackoutPeriod[], now: Date): Promise<{ shown: PortalProgram[]; suspended: PortalSuspension[] }> {
  const { docs: found } = await payload.find({
    collection: 'programs',
    overrideAccess: false,
    where: { _status: { equals: 'published' } },
    sort: '-publishedAt',
    // Attachments are put in place below: at depth 1 each export would check the public's media access, which reads every published bulletin.
    depth: 0,
    pagination: false,
  })
  const media = await portalMedia(payload, found.flatMap((program) => (program.attachments ?? []).flatMap((value) => idOfRelation(value) ?? [])))
  const docs = found.map((program) => ({ ...program, attachments: program.attachments?.map((value) => withMedia(media, value)) }))
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

