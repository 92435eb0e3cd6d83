import type { Payload } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { signedMediaUrl } from '@pregon/core/mediaLinkToken'
import { KIND_LABELS } from '../collections/Bulletins/fields/contentFields'
import type { Bulletin, Department, Media, Program } from '../payload-types'
import { programDeadline } from '@pregon/core/distributedItem'
import { renderPressEmail, type PressDocument, type PressEmail, type PressLeadPhoto, type PressPhoto } from './renderPressEmail'

export interface PressMessageTemplate extends PressEmail {
  replyTo?: string | null
}

/** How long embargoed media links work after the embargo lifts: long enough to write the story from the email. */
const LINK_DAYS_AFTER_EMBARGO = 30
const DAY = 24 * 60 * 60 * 1000

const absolute = (cmsUrl: string, url: string) => (/^https?:\/\//.test(url) ? url : `${cmsUrl}${url.startsWith('/') ? '' : '/'}${url}`)
const objects = <T extends { id: number }>(values: ReadonlyArray<number | T | null | undefined> | null | undefined): T[] =>
  (values ?? []).filter((v): v is T => !!v && typeof v === 'object')

/**
 * Where journalists fetch a file: its public URL once the bulletin is published; under embargo (the files are
 * not public yet) a signed link that expires some days after the lift.
 */
type LinkTo = (media: Media, variant: string) => string | null

function linker({ config, embargoUntil }: { config: Readonly<Config>; embargoUntil: Date | null }): LinkTo {
  return (media, variant) => {
    const url = variant === 'original' ? media.url : (media.sizes as Record<string, { url?: string | null } | undefined> | undefined)?.[variant]?.url
    if (!url) return null
    if (!embargoUntil) return absolute(config.cms.url, url)
    if (!config.payloadSecret) throw new Error('PAYLOAD_SECRET: not set (it signs the media links of embargoed press mailings)')
    const expiresAt = new Date(embargoUntil.getTime() + LINK_DAYS_AFTER_EMBARGO * DAY)
    return signedMediaUrl({ secret: config.payloadSecret, cmsUrl: config.cms.url, mediaId: media.id, variant, expiresAt })
  }
}

/** The bulletin's photos as journalists download them: the original file, described by its alt text. */
export function pressPhotos(bulletin: Pick<Bulletin, 'heroImage' | 'gallery'>, linkTo: LinkTo): PressPhoto[] {
  const seen = new Set<number>()
  return objects<Media>([bulletin.heroImage, ...(bulletin.gallery ?? [])]).flatMap((m) => {
    const url = linkTo(m, 'original')
    if (seen.has(m.id) || !url || !(m.mimeType ?? '').startsWith('image/')) return []
    seen.add(m.id)
    return [{ url, alt: m.alt, credit: m.credit ?? null }]
  })
}

/**
 * The photo the message shows: the hero image's email crop (1200 × 600 around the focal point); an image too
 * small for that crop (nothing is upscaled) is shown at the largest JPEG width made of it.
 */
const LEAD_VARIANTS = ['email', 'w1600-jpeg', 'w960-jpeg', 'w480-jpeg'] as const

function leadPhotoOf(bulletin: Pick<Bulletin, 'heroImage'>, linkTo: LinkTo): PressLeadPhoto | null {
  const [hero] = objects<Media>([bulletin.heroImage])
  if (!hero) return null
  for (const variant of LEAD_VARIANTS) {
    const size = hero.sizes?.[variant]
    const src = size?.width && size.height ? linkTo(hero, variant) : null
    if (src) return { src, width: size!.width!, height: size!.height!, alt: hero.alt, credit: hero.credit ?? null }
  }
  return null
}

function pressDocuments(bulletin: { attachments?: Bulletin['attachments'] | Program['attachments'] }, linkTo: LinkTo): PressDocument[] {
  return objects<Media>(bulletin.attachments).flatMap((m) => {
    const url = linkTo(m, 'original')
    const size = m.filesize ? `${m.filesize >= 1024 * 1024 ? `${(m.filesize / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(m.filesize / 1024))} KB`}` : null
    return url ? [{ url, title: m.alt, sizeLabel: size }] : []
  })
}

/**
 * Renders a press mailing's message once, from the bulletin (read at depth 1) and what the office states about
 * itself in the settings. Workers call it when a mailing starts; the admin's preview calls it on the working copy.
 */
export async function preparePressEmail({
  payload,
  config,
  bulletin,
  url,
  embargoUntil,
  date = new Date(),
}: {
  payload: Payload
  config: Readonly<Config>
  bulletin: Bulletin
  url: string
  embargoUntil: Date | null
  /** When the bulletin is dated if it has no publication date yet. */
  date?: Date
}): Promise<PressMessageTemplate> {
  const settings = await payload.findGlobal({ slug: 'site-settings' })
  const department = typeof bulletin.department === 'object' ? (bulletin.department as Department | null) : null
  const linkTo = linker({ config, embargoUntil })
  // The bulletin's own spokesperson speaks for it (reachable through its department); the office's otherwise.
  const own = bulletin.spokesperson?.trim()
  const spokesperson = own
    ? { name: own, email: department?.contactEmail ?? settings.spokespersonEmail ?? settings.contactEmail, phone: department?.contactPhone ?? null }
    : { name: settings.spokespersonName, email: settings.spokespersonEmail ?? settings.contactEmail, phone: null }
  const email = await renderPressEmail({
    bulletin,
    url,
    office: settings.officeName,
    municipality: settings.municipalityName,
    kindLabel: KIND_LABELS[bulletin.kind ?? 'boletin'],
    department: department?.name ?? null,
    date: bulletin.publishedAt ? new Date(bulletin.publishedAt) : date,
    embargoUntil,
    timeZone: settings.timeZone,
    leadPhoto: leadPhotoOf(bulletin, linkTo),
    photos: pressPhotos(bulletin, linkTo),
    documents: pressDocuments(bulletin, linkTo),
    privacyNoticeUrl: settings.privacyNoticeUrl,
    spokesperson,
  })
  return { ...email, replyTo: spokesperson.email ?? null }
}

const ISSUING_LEVEL: Record<NonNullable<Program['issuingLevel']>, string> = { federal: 'federal', estatal: 'estatal', municipal: 'municipal' }

/**
 * The press mailing of a program (convocatoria), rendered once when the mailing starts: what it is, the deadline
 * in the subject and in bold, who can apply, requirements, papers and how to apply, its PDFs, and the office's
 * spokesperson (a program has no spokesperson of its own; its «Contacto para dudas» is for citizens, in the text).
 */
export async function prepareProgramEmail({ payload, config, program, url }: { payload: Payload; config: Readonly<Config>; program: Program; url: string }): Promise<PressMessageTemplate> {
  const settings = await payload.findGlobal({ slug: 'site-settings' })
  const linkTo = linker({ config, embargoUntil: null })
  const spokesperson = { name: settings.spokespersonName, email: settings.spokespersonEmail ?? settings.contactEmail, phone: null }
  const items = (list: Program['requirements']) => (list ?? []).map((entry) => entry.item.trim()).filter(Boolean)
  const offeredBy = [program.agency?.trim(), program.issuingLevel ? `programa ${ISSUING_LEVEL[program.issuingLevel]}` : null].filter(Boolean).join(' · ')
  const email = await renderPressEmail({
    bulletin: { title: program.title, summary: program.summary },
    url,
    office: settings.officeName,
    municipality: settings.municipalityName,
    kindLabel: 'Convocatoria',
    department: offeredBy || null,
    date: program.publishedAt ? new Date(program.publishedAt) : new Date(),
    timeZone: settings.timeZone,
    keyFact: programDeadline(program, settings.timeZone ?? 'America/Mexico_City'),
    sections: [
      { heading: 'Quién puede solicitarlo', text: program.eligibility },
      { heading: 'Requisitos', items: items(program.requirements) },
      { heading: 'Documentos que hay que llevar', items: items(program.documents) },
      { heading: 'Cómo y dónde solicitarlo', text: program.howToApply },
      { heading: 'Contacto para la ciudadanía', text: program.contact },
    ],
    readMore: 'Consulta la convocatoria completa',
    documents: pressDocuments(program, linkTo),
    privacyNoticeUrl: settings.privacyNoticeUrl,
    spokesperson,
  })
  return { ...email, replyTo: spokesperson.email ?? null }
}
