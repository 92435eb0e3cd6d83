import fs from 'node:fs/promises'
import path from 'node:path'
import type { Bulletin, Department, Media } from '@pregon/cms/worker'
import { CROPS_FETCHED_FROM_PORTAL } from '@pregon/core/channels'
import { slugify } from '@pregon/core/slugify'
import type { PortalAttachment, PortalBulletin, PortalImage, PortalImageFile, PortalTopic } from '@pregon/site/content'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { CARD_RENDITION, RENDITIONS } from '@pregon/media'
import sanitizeHtml from 'sanitize-html'

type SizeRecord = { filename?: string | null; width?: number | null; height?: number | null; mimeType?: string | null }

/**
 * A published bulletin (read at depth 1: its media and department populated) as the portal shows it. During a
 * veda (`hidesOfficials`) no photo its editor declared to show a public servant is kept (Tesis XIII/2017).
 */
export function toPortalBulletin(bulletin: Bulletin, placeholders: ReadonlyMap<string, string>, { hidesOfficials = false }: { hidesOfficials?: boolean } = {}): PortalBulletin {
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


export function toPortalAttachment(value: number | Media): PortalAttachment[] {
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
export async function readPlaceholders(mediaDir: string | undefined, docs: Bulletin[]): Promise<Map<string, string>> {
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
